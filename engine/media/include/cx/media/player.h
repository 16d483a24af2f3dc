#pragma once
// One stream played from a worker thread. The worker opens the source (FFmpeg: MP4, WebM, HLS
// live or VOD, over http/https or from a file under the expo root), demuxes and decodes, keeps a
// few frames ahead in a bounded queue and the audio in a bounded buffer, and never blocks the
// caller: takeFrame() and readAudio() only take a short lock. Failures (offline, 404, time-out,
// corrupt data, unsupported codec) put the player in State::Offline with a one-line message, and
// it retries with backoff. Destroying the player stops the worker (network waits are cut short
// by an interrupt callback).
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "cx/media/frame.h"
#include "cx/media/source.h"

namespace cx::media {

// The audio format every stream is resampled to (libswresample): mono, so OpenAL can place it
// at its screen; signed 16-bit; 48 kHz.
inline constexpr int kAudioRate = 48000;

struct PlayerDesc {
  StreamSource source;
  bool loop = true;          // at the end of a file (or VOD playlist) start again; pts keep growing
  bool audio = true;         // decode audio (false: the video only, the wall clock)
  int maxWidth = 1920;       // larger pictures are downscaled (libswscale), keeping the aspect
  int maxHeight = 1080;
  // Coded pictures over 4K UHD (more pixels than 3840x2160, or a side over 4096) are refused
  // before decoding: an 8K stream costs a core or more per stream to decode on the CPU.
  int64_t maxSourcePixels = int64_t(3840) * 2160;
  int maxSourceSide = 4096;
  int videoQueueFrames = 6;              // decoded frames kept ahead
  size_t videoQueueBytes = size_t(24) << 20;  // and at most this many bytes of them
  double audioBufferSeconds = 2.0;       // decoded audio kept ahead
  int ioTimeoutMs = 5000;    // a network open or read that takes longer fails (offline)
  int retryInitialMs = 1000;  // first retry after a failure; doubles up to retryMaxMs
  int retryMaxMs = 30000;
  bool retry = true;         // false: stay Offline after the first failure (tests, one-shot tools)
  int decoderThreads = 1;    // FFmpeg's own threads per decoder (0: FFmpeg chooses)
};

enum class PlayerState { Opening, Playing, Ended, Offline };
const char* toString(PlayerState state);

struct PlayerStatus {
  PlayerState state = PlayerState::Opening;
  std::string message;  // why it is offline (one line), empty otherwise
  int width = 0, height = 0;          // decoded (after any downscale)
  int sourceWidth = 0, sourceHeight = 0;
  double frameRate = 0.0;
  bool hasAudio = false;
  bool live = false;  // no known duration (a live playlist)
  double duration = 0.0;  // seconds; 0 when unknown
  int attempts = 0;       // opens tried so far
};

struct PlayerStats {
  uint64_t framesDecoded = 0;
  uint64_t framesShown = 0;     // returned by takeFrame
  uint64_t framesDropped = 0;   // decoded but never shown: queue overflow or skipped as late
  uint64_t audioSamplesDecoded = 0;
  uint64_t audioSamplesDropped = 0;  // buffer overflow (nobody reading)
  uint64_t bytesRead = 0;       // demuxed packet bytes
  uint64_t loops = 0;
  double decodeCpuSeconds = 0.0;  // the worker thread's CPU time
  size_t queuedVideoBytes = 0;
  size_t queuedAudioSamples = 0;
};

// The playback clock, in seconds on the frames' timeline. It runs from the caller's `now` (any
// monotonic seconds: steady_clock in the viewer, a frame counter / fps offscreen), anchored at
// the first frame; while an audio sink plays, it re-anchors it to the sample being heard
// (syncToAudio), so the audio is the master.
class Player {
 public:
  explicit Player(PlayerDesc desc);
  ~Player();
  Player(const Player&) = delete;
  Player& operator=(const Player&) = delete;

  // The newest frame whose pts is due at `now` that has not been returned before, or null (keep
  // showing the last one). Frames skipped over are counted as dropped. Never blocks.
  std::shared_ptr<const VideoFrame> takeFrame(double now);
  // The playback position at `now` (seconds on the frames' timeline); -1 before the first frame.
  double position(double now) const;

  // Up to `count` mono samples due from the current read position; returns how many were
  // written (fewer when the buffer runs dry). `ptsOut` gets the pts of the first one.
  size_t readAudio(int16_t* out, size_t count, double* ptsOut = nullptr);
  // The audio sink hears the sample with pts `pts` at `now`: the clock follows it.
  void syncToAudio(double pts, double now);
  // Whether an audio sink is attached: then full audio buffers make the worker wait instead of
  // dropping audio, and the audio sets the clock.
  void setAudioSinkAttached(bool attached);

  void setPaused(bool paused, double now);
  bool paused() const;

  PlayerStatus status() const;
  PlayerStats stats() const;
  const PlayerDesc& desc() const { return desc_; }

  struct Impl;

 private:
  PlayerDesc desc_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cx::media
