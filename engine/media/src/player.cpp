#include "cx/media/player.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "player_impl.h"

namespace cx::media {

const char* toString(PlayerState state) {
  switch (state) {
    case PlayerState::Opening: return "opening";
    case PlayerState::Playing: return "playing";
    case PlayerState::Ended: return "ended";
    case PlayerState::Offline: return "offline";
  }
  return "?";
}

double Player::Impl::positionLocked(double now) const {
  if (!anchored) return -1.0;
  if (isPaused) return pausedPosition;
  return anchorPts + (now - anchorNow);
}

bool Player::Impl::sleepFor(int ms) {
  std::unique_lock lock(mutex);
  wake.wait_for(lock, std::chrono::milliseconds(ms), [&] { return stopping.load(); });
  return !stopping;
}

bool Player::Impl::pushVideo(std::shared_ptr<const VideoFrame> frame) {
  std::unique_lock lock(mutex);
  auto full = [&] {
    return !video.empty() &&
           (int(video.size()) >= desc.videoQueueFrames || videoBytes + frame->bytes() > desc.videoQueueBytes);
  };
  while (full()) {
    if (stopping) return false;
    // The oldest frame is late for the caller's clock: nobody will show it. Drop it.
    if (anchored && haveNow && !isPaused && video.front()->pts < positionLocked(lastNow) - 0.25) {
      videoBytes -= video.front()->bytes();
      video.pop_front();
      ++stats.framesDropped;
      continue;
    }
    wake.wait_for(lock, std::chrono::milliseconds(20));
  }
  if (stopping) return false;
  videoBytes += frame->bytes();
  ++stats.framesDecoded;
  video.push_back(std::move(frame));
  return true;
}

bool Player::Impl::pushAudio(AudioChunk chunk) {
  std::unique_lock lock(mutex);
  const size_t cap = size_t(desc.audioBufferSeconds * kAudioRate);
  stats.audioSamplesDecoded += chunk.samples.size();
  while (!audio.empty() && audioSamples + chunk.samples.size() > cap) {
    if (stopping) return false;
    if (!sinkAttached) {  // nobody plays it: keep the newest, drop the oldest
      size_t n = audio.front().samples.size() - audioHead;
      audioSamples -= n;
      stats.audioSamplesDropped += n;
      audio.pop_front();
      audioHead = 0;
      continue;
    }
    wake.wait_for(lock, std::chrono::milliseconds(20));
  }
  if (stopping) return false;
  audioSamples += chunk.samples.size();
  audio.push_back(std::move(chunk));
  return true;
}

void Player::Impl::run() {
  int backoff = desc.retryInitialMs;
  while (!stopping) {
    {
      std::lock_guard lock(mutex);
      status.state = PlayerState::Opening;
      ++status.attempts;
      reanchor = anchored;  // after a reconnect the clock restarts at the first new frame
    }
    SessionResult result = runDecodeSession(*this);
    if (stopping || result.end == SessionEnd::Stopped) break;
    bool played = false;
    {
      std::lock_guard lock(mutex);
      played = status.state == PlayerState::Playing;
      if (result.end == SessionEnd::EndOfInput) {
        status.state = PlayerState::Ended;
        status.message.clear();
      } else {
        status.state = PlayerState::Offline;
        status.message = result.message;
      }
    }
    if (result.end == SessionEnd::EndOfInput) {
      // A live stream that ends may come back; a file that ends without loop is done.
      if (!status.live || !desc.retry) break;
    } else {
      spdlog::warn("media: {}", result.message);
      if (!desc.retry) break;
    }
    if (played) backoff = desc.retryInitialMs;
    if (!sleepFor(backoff)) break;
    backoff = std::min(backoff * 2, desc.retryMaxMs);
  }
}

Player::Player(PlayerDesc desc) : desc_(std::move(desc)), impl_(std::make_unique<Impl>()) {
  impl_->desc = desc_;
  impl_->desc.videoQueueFrames = std::max(impl_->desc.videoQueueFrames, 1);
  impl_->worker = std::thread([impl = impl_.get()] { impl->run(); });
}

Player::~Player() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stopping = true;
  }
  impl_->wake.notify_all();
  if (impl_->worker.joinable()) impl_->worker.join();
}

std::shared_ptr<const VideoFrame> Player::takeFrame(double now) {
  Impl& m = *impl_;
  std::shared_ptr<const VideoFrame> shown;
  {
    std::lock_guard lock(m.mutex);
    m.lastNow = now;
    m.haveNow = true;
    if (!m.video.empty() && (!m.anchored || m.reanchor)) {
      m.anchored = true;
      m.reanchor = false;
      m.anchorNow = now;
      m.anchorPts = m.video.front()->pts;
      if (m.isPaused) m.pausedPosition = m.anchorPts;
    }
    double pos = m.positionLocked(now);
    // The newest due frame; the due ones before it are skipped (counted as dropped).
    while (!m.video.empty() && m.video.front()->pts <= pos + 1e-4) {
      if (shown) ++m.stats.framesDropped;
      shown = m.video.front();
      m.videoBytes -= shown->bytes();
      m.video.pop_front();
    }
    if (shown) {
      ++m.stats.framesShown;
      m.lastShownPts = shown->pts;
    }
  }
  if (shown) m.wake.notify_all();
  return shown;
}

double Player::position(double now) const {
  std::lock_guard lock(impl_->mutex);
  return impl_->positionLocked(now);
}

size_t Player::readAudio(int16_t* out, size_t count, double* ptsOut) {
  Impl& m = *impl_;
  size_t done = 0;
  {
    std::lock_guard lock(m.mutex);
    if (ptsOut) *ptsOut = m.audio.empty() ? -1.0 : m.audio.front().pts + double(m.audioHead) / kAudioRate;
    while (done < count && !m.audio.empty()) {
      AudioChunk& c = m.audio.front();
      size_t n = std::min(count - done, c.samples.size() - m.audioHead);
      std::copy_n(c.samples.data() + m.audioHead, n, out + done);
      done += n;
      m.audioHead += n;
      m.audioSamples -= n;
      if (m.audioHead == c.samples.size()) {
        m.audio.pop_front();
        m.audioHead = 0;
      }
    }
  }
  if (done) m.wake.notify_all();
  return done;
}

void Player::syncToAudio(double pts, double now) {
  std::lock_guard lock(impl_->mutex);
  Impl& m = *impl_;
  m.lastNow = now;
  m.haveNow = true;
  if (m.isPaused) return;
  m.anchored = true;
  m.reanchor = false;
  m.anchorNow = now;
  m.anchorPts = pts;
}

void Player::setAudioSinkAttached(bool attached) {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->sinkAttached = attached;
  }
  impl_->wake.notify_all();
}

void Player::setPaused(bool paused, double now) {
  std::lock_guard lock(impl_->mutex);
  Impl& m = *impl_;
  if (paused == m.isPaused) return;
  if (paused) {
    m.pausedPosition = m.positionLocked(now);
    m.isPaused = true;
  } else {
    m.isPaused = false;
    if (m.anchored) {
      m.anchorNow = now;
      m.anchorPts = m.pausedPosition;
    }
  }
}

bool Player::paused() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->isPaused;
}

PlayerStatus Player::status() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->status;
}

PlayerStats Player::stats() const {
  std::lock_guard lock(impl_->mutex);
  PlayerStats s = impl_->stats;
  s.queuedVideoBytes = impl_->videoBytes;
  s.queuedAudioSamples = impl_->audioSamples;
  return s;
}

}  // namespace cx::media
