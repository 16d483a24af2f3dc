#include "cx/media/audio_out.h"

#include <AL/al.h>
#include <AL/alc.h>
#include <AL/alext.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <deque>
#include <map>
#include <vector>

#include "cx/media/player.h"

namespace cx::media {

namespace {
constexpr int kBuffersPerSource = 4;
}

struct AudioOutput::Impl {
  AudioOutputDesc desc;
  ALCdevice* device = nullptr;
  ALCcontext* context = nullptr;
  bool hrtf = false;
  float masterGain = 1.0f;
  bool muted = false;
  struct Source {
    Player* player = nullptr;
    ALuint source = 0;
    ALuint buffers[kBuffersPerSource] = {};
    std::vector<ALuint> free;
    std::deque<double> queuedPts;  // pts of the first sample of each queued buffer, oldest first
    AudioSourceSettings settings;
  };
  std::map<AudioSourceId, Source> sources;
  AudioSourceId nextId = 1;
  std::vector<int16_t> scratch;

  void apply(Source& s) {
    const AudioSourceSettings& a = s.settings;
    alSource3f(s.source, AL_POSITION, a.position.x, a.position.y, a.position.z);
    alSourcef(s.source, AL_GAIN, a.muted ? 0.0f : std::max(a.gain, 0.0f));
    alSourcef(s.source, AL_REFERENCE_DISTANCE, std::max(a.referenceDistance, 0.01f));
    alSourcef(s.source, AL_ROLLOFF_FACTOR, std::max(a.rolloff, 0.0f));
    alSourcef(s.source, AL_MAX_DISTANCE, std::max(a.maxDistance, a.referenceDistance));
  }
  void applyListenerGain() { alListenerf(AL_GAIN, muted ? 0.0f : std::clamp(masterGain, 0.0f, 1.0f)); }
};

AudioOutput::AudioOutput() : impl_(std::make_unique<Impl>()) {}

AudioOutput::~AudioOutput() {
  for (auto& [id, s] : impl_->sources) {
    alSourceStop(s.source);
    alSourcei(s.source, AL_BUFFER, 0);
    alDeleteSources(1, &s.source);
    alDeleteBuffers(kBuffersPerSource, s.buffers);
    s.player->setAudioSinkAttached(false);
  }
  alcMakeContextCurrent(nullptr);
  if (impl_->context) alcDestroyContext(impl_->context);
  if (impl_->device) alcCloseDevice(impl_->device);
}

Result<std::unique_ptr<AudioOutput>> AudioOutput::open(const AudioOutputDesc& desc) {
  std::unique_ptr<AudioOutput> out(new AudioOutput());
  Impl& m = *out->impl_;
  m.desc = desc;
  m.device = alcOpenDevice(desc.device.empty() ? nullptr : desc.device.c_str());
  if (!m.device)
    return makeError(fmt::format("audio: no output device{} (OpenAL Soft); streams play without sound",
                                 desc.device.empty() ? "" : " \"" + desc.device + "\""));
  std::vector<ALCint> attrs;
  bool hrtfExt = alcIsExtensionPresent(m.device, "ALC_SOFT_HRTF");
  if (hrtfExt) attrs.insert(attrs.end(), {ALC_HRTF_SOFT, desc.hrtf ? ALC_TRUE : ALC_FALSE});
  attrs.push_back(0);
  m.context = alcCreateContext(m.device, attrs.data());
  if (!m.context || !alcMakeContextCurrent(m.context)) return makeError("audio: could not create an OpenAL context");
  if (hrtfExt) {
    ALCint status = 0;
    alcGetIntegerv(m.device, ALC_HRTF_SOFT, 1, &status);
    m.hrtf = status == ALC_TRUE;
  }
  if (desc.hrtf && !m.hrtf) spdlog::info("audio: HRTF asked for but not available on this device; plain panning");
  alDistanceModel(AL_INVERSE_DISTANCE_CLAMPED);
  m.applyListenerGain();
  return out;
}

AudioSourceId AudioOutput::addSource(Player& player, const AudioSourceSettings& settings) {
  Impl& m = *impl_;
  Impl::Source s;
  s.player = &player;
  s.settings = settings;
  alGenSources(1, &s.source);
  alGenBuffers(kBuffersPerSource, s.buffers);
  s.free.assign(s.buffers, s.buffers + kBuffersPerSource);
  alSourcei(s.source, AL_SOURCE_RELATIVE, AL_FALSE);
  m.apply(s);
  player.setAudioSinkAttached(!m.muted);
  AudioSourceId id = m.nextId++;
  m.sources.emplace(id, std::move(s));
  return id;
}

void AudioOutput::removeSource(AudioSourceId id) {
  auto it = impl_->sources.find(id);
  if (it == impl_->sources.end()) return;
  Impl::Source& s = it->second;
  alSourceStop(s.source);
  alSourcei(s.source, AL_BUFFER, 0);
  alDeleteSources(1, &s.source);
  alDeleteBuffers(kBuffersPerSource, s.buffers);
  s.player->setAudioSinkAttached(false);
  impl_->sources.erase(it);
}

void AudioOutput::setSource(AudioSourceId id, const AudioSourceSettings& settings) {
  auto it = impl_->sources.find(id);
  if (it == impl_->sources.end()) return;
  it->second.settings = settings;
  impl_->apply(it->second);
}

void AudioOutput::setListener(const ListenerPose& pose) {
  alListener3f(AL_POSITION, pose.position.x, pose.position.y, pose.position.z);
  ALfloat orientation[6] = {pose.forward.x, pose.forward.y, pose.forward.z, pose.up.x, pose.up.y, pose.up.z};
  alListenerfv(AL_ORIENTATION, orientation);
}

void AudioOutput::setMasterGain(float gain) {
  impl_->masterGain = gain;
  impl_->applyListenerGain();
}

void AudioOutput::setMuted(bool muted) {
  impl_->muted = muted;
  impl_->applyListenerGain();
  // Muted: nothing needs the audio, so the players drop it and run on their wall clocks.
  for (auto& [id, s] : impl_->sources) s.player->setAudioSinkAttached(!muted);
}

void AudioOutput::update(double now) {
  Impl& m = *impl_;
  const size_t perBuffer = std::max<size_t>(480, size_t(m.desc.queuedSeconds * kAudioRate / kBuffersPerSource));
  m.scratch.resize(perBuffer);
  for (auto& [id, s] : m.sources) {
    ALint processed = 0;
    alGetSourcei(s.source, AL_BUFFERS_PROCESSED, &processed);
    while (processed-- > 0) {
      ALuint b = 0;
      alSourceUnqueueBuffers(s.source, 1, &b);
      s.free.push_back(b);
      if (!s.queuedPts.empty()) s.queuedPts.pop_front();
    }
    if (m.muted) continue;
    while (!s.free.empty()) {
      double pts = 0.0;
      size_t n = s.player->readAudio(m.scratch.data(), perBuffer, &pts);
      if (n == 0) break;
      ALuint b = s.free.back();
      s.free.pop_back();
      alBufferData(b, AL_FORMAT_MONO16, m.scratch.data(), ALsizei(n * sizeof(int16_t)), kAudioRate);
      alSourceQueueBuffers(s.source, 1, &b);
      s.queuedPts.push_back(pts);
    }
    ALint state = 0, queued = 0, offset = 0;
    alGetSourcei(s.source, AL_SOURCE_STATE, &state);
    alGetSourcei(s.source, AL_BUFFERS_QUEUED, &queued);
    if (state != AL_PLAYING && queued > 0) alSourcePlay(s.source);  // started, or ran dry and refilled
    alGetSourcei(s.source, AL_SAMPLE_OFFSET, &offset);
    if (state == AL_PLAYING && !s.queuedPts.empty())
      s.player->syncToAudio(s.queuedPts.front() + double(offset) / kAudioRate, now);
  }
}

bool AudioOutput::hrtfEnabled() const { return impl_->hrtf; }
std::string AudioOutput::deviceName() const {
  const ALCchar* name = alcGetString(impl_->device, ALC_DEVICE_SPECIFIER);
  return name ? name : "";
}
int AudioOutput::sourceCount() const { return int(impl_->sources.size()); }

}  // namespace cx::media
