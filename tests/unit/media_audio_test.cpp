// engine/media spatial audio: OpenAL Soft mixes into a WAV file (its `wave` backend, set up by an
// alsoft.conf this test writes); the bundled clip's 440 Hz tone left of the listener is louder in
// the left channel, and at twice the distance quieter as the inverse-distance model says.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <cmath>
#include <cstring>
#include <fstream>

#include "cx/media/audio_out.h"
#include "cx/media/player.h"
#include "io_test_server.h"
#include "media_test_support.h"

namespace fs = std::filesystem;
using namespace cx::media;
using namespace cx::media::test;

namespace {

struct ChannelRms {
  double left = 0, right = 0;
};

// Reads a 16-bit stereo WAV (any chunk layout) and returns the RMS of each channel over its
// second half (after the sources have started).
ChannelRms wavRms(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ChannelRms r;
  if (bytes.size() < 12 || bytes.compare(0, 4, "RIFF") != 0) return r;
  size_t pos = 12;
  while (pos + 8 <= bytes.size()) {
    uint32_t size = 0;
    std::memcpy(&size, bytes.data() + pos + 4, 4);
    if (bytes.compare(pos, 4, "data") == 0) {
      size_t n = std::min<size_t>(size, bytes.size() - pos - 8) / 4;
      const char* d = bytes.data() + pos + 8;
      double l = 0, rr = 0;
      size_t count = 0;
      for (size_t i = n / 2; i < n; ++i, ++count) {
        int16_t s[2];
        std::memcpy(s, d + i * 4, 4);
        l += double(s[0]) * s[0];
        rr += double(s[1]) * s[1];
      }
      if (count) r = {std::sqrt(l / count) / 32768.0, std::sqrt(rr / count) / 32768.0};
      return r;
    }
    pos += 8 + size + (size & 1);
  }
  return r;
}

// Plays the clip for `seconds` with the source at `position` (listener at the origin facing -Z).
ChannelRms playAt(const fs::path& wav, glm::vec3 position, double seconds) {
  PlayerDesc d;
  d.source = {sampleClipPath().string(), false};
  Player player(d);
  {
    auto out = AudioOutput::open();
    EXPECT_TRUE(out.ok()) << out.message();
    if (!out.ok()) return {};
    AudioSourceSettings s;
    s.position = position;
    s.referenceDistance = 1.0f;
    s.rolloff = 1.0f;
    (*out)->setListener({});
    (*out)->addSource(player, s);
    double start = steadySeconds();
    while (steadySeconds() - start < seconds) {
      double now = steadySeconds();
      player.takeFrame(now);
      (*out)->update(now);
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }  // closing the device finishes the WAV file
  return wavRms(wav);
}

}  // namespace

TEST(MediaAudio, ToneLeftOfTheListenerIsLouderLeftAndAttenuatesWithDistance) {
  cx::io::test::ScratchDir dir("media_audio");
  fs::path wav = dir.path() / "out.wav";
  fs::path conf = dir.path() / "alsoft.conf";
  std::ofstream(conf) << "[general]\ndrivers = wave\nchannels = stereo\nfrequency = 48000\nsample-type = int16\n"
                         "hrtf = false\n[wave]\nfile = " << wav.string() << "\n";
  // Read by OpenAL Soft when it first initialises, which is in this test (one test per process).
  ::setenv("ALSOFT_CONF", conf.c_str(), 1);
  ::setenv("ALSOFT_DRIVERS", "wave", 1);

  ChannelRms near = playAt(wav, {-2.0f, 0.0f, 0.0f}, 0.8);
  ASSERT_GT(near.left, 0.005) << "no sound in " << wav;
  EXPECT_GT(near.left, near.right * 1.5) << near.left << " vs " << near.right;
  ChannelRms far = playAt(wav, {-4.0f, 0.0f, 0.0f}, 0.8);
  // Inverse distance, reference 1 m, rolloff 1: gain 1/2 at 2 m, 1/4 at 4 m.
  EXPECT_NEAR(far.left / near.left, 0.5, 0.12) << far.left << " vs " << near.left;
  EXPECT_GT(far.left, far.right * 1.5);
  ChannelRms right = playAt(wav, {3.0f, 0.0f, 0.0f}, 0.8);
  EXPECT_GT(right.right, right.left * 1.5) << right.right << " vs " << right.left;
}
