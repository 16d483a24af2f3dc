#pragma once
// Player internals shared by player.cpp (queues, clock, worker loop) and decode_session.cpp
// (FFmpeg). The worker thread calls the push* functions; the caller's thread takes from them.
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "cx/media/player.h"

namespace cx::media {

struct AudioChunk {
  double pts = 0.0;  // of samples[0]
  std::vector<int16_t> samples;
};

// How one open ended: stopped (the player is being destroyed), end of input, or an error.
enum class SessionEnd { Stopped, EndOfInput, Error };
struct SessionResult {
  SessionEnd end = SessionEnd::Error;
  std::string message;
};

struct Player::Impl {
  PlayerDesc desc;

  mutable std::mutex mutex;
  std::condition_variable wake;  // the worker waits on it for space or for stop
  std::atomic<bool> stopping{false};

  std::deque<std::shared_ptr<const VideoFrame>> video;
  size_t videoBytes = 0;
  std::deque<AudioChunk> audio;
  size_t audioHead = 0;  // samples of audio.front() already read
  size_t audioSamples = 0;

  // The clock: position(now) = anchorPts + (now - anchorNow), frozen while paused.
  bool anchored = false;
  bool reanchor = false;  // the next frame re-anchors the clock (after a reconnect)
  double anchorNow = 0.0, anchorPts = 0.0;
  bool isPaused = false;
  double pausedPosition = 0.0;
  double lastNow = 0.0;  // the latest caller time seen
  bool haveNow = false;
  double lastShownPts = -1e300;
  bool sinkAttached = false;

  // The timeline across opens and loops: a frame's output pts is its stream time + offset.
  double timelineOffset = 0.0;
  double timelineEnd = 0.0;  // the end of the latest frame (pts + duration) on the timeline

  PlayerStatus status;
  PlayerStats stats;
  std::thread worker;

  double positionLocked(double now) const;
  // Worker side. Both wait while the queue is full (dropping the oldest when it is already late
  // or, for audio, when no sink reads it) and return false when the player is stopping.
  bool pushVideo(std::shared_ptr<const VideoFrame> frame);
  bool pushAudio(AudioChunk chunk);
  // Sleeps up to `ms`, cut short by stop; false when stopping.
  bool sleepFor(int ms);
  void run();
};

// One open of the source: demux and decode until the end, an error or stop.
SessionResult runDecodeSession(Player::Impl& impl);

}  // namespace cx::media
