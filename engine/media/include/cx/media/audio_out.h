#pragma once
// Spatial audio with OpenAL Soft: one output device, the listener at the camera or head pose,
// one source per playing screen with distance attenuation (inverse distance, clamped), HRTF on
// request (XR). Each source streams a Player's mono audio through a few queued buffers and
// re-anchors that player's clock to the sample being heard, so the audio is the master clock.
// Call update() once a frame from one thread; OpenAL mixes on its own thread, and the queued
// audio (AudioOutputDesc::queuedSeconds) covers frame hitches.
#include <glm/glm.hpp>

#include <memory>
#include <string>

#include "cx/core/result.h"

namespace cx::media {

class Player;

struct AudioOutputDesc {
  std::string device;  // empty: the default device
  bool hrtf = false;   // ask OpenAL Soft for HRTF (headphones, XR); logged when unavailable
  double queuedSeconds = 0.2;  // audio queued per source ahead of what is heard
};

// A pose in the same world frame as the screens: metres, +Y up.
struct ListenerPose {
  glm::vec3 position{0.0f};
  glm::vec3 forward{0.0f, 0.0f, -1.0f};
  glm::vec3 up{0.0f, 1.0f, 0.0f};
};

struct AudioSourceSettings {
  glm::vec3 position{0.0f};
  float gain = 1.0f;
  bool muted = false;
  float referenceDistance = 2.0f;  // full volume up to here; then gain = ref / (ref + rolloff (d - ref))
  float rolloff = 1.0f;
  float maxDistance = 60.0f;  // no further attenuation beyond
};

using AudioSourceId = int;

class AudioOutput {
 public:
  // Opens the device and a context. Fails with one line when there is no device (the viewer
  // then plays pictures without sound, on the wall clock).
  static Result<std::unique_ptr<AudioOutput>> open(const AudioOutputDesc& desc = {});
  ~AudioOutput();
  AudioOutput(const AudioOutput&) = delete;
  AudioOutput& operator=(const AudioOutput&) = delete;

  // Starts streaming `player`'s audio (the player must outlive the source, or be removed first).
  AudioSourceId addSource(Player& player, const AudioSourceSettings& settings = {});
  void removeSource(AudioSourceId id);
  void setSource(AudioSourceId id, const AudioSourceSettings& settings);

  void setListener(const ListenerPose& pose);
  void setMasterGain(float gain);  // 0..1 (settings' master volume)
  void setMuted(bool muted);       // all sound off; players then run on the wall clock

  // Refills each source's queue from its player, restarts sources that ran dry, and syncs the
  // players' clocks at `now` (the caller's clock, the one it passes to Player::takeFrame).
  void update(double now);

  bool hrtfEnabled() const;
  std::string deviceName() const;
  int sourceCount() const;

  struct Impl;

 private:
  AudioOutput();
  std::unique_ptr<Impl> impl_;
};

}  // namespace cx::media
