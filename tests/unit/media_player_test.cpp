// engine/media: sources, decoding, the clock, loops, caps, bad input, HLS over a real HTTP server.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "cx/media/player.h"
#include "cx/media/source.h"
#include "io_test_server.h"
#include "media_test_support.h"

namespace fs = std::filesystem;
using namespace cx::media;
using namespace cx::media::test;

namespace {

PlayerDesc fileDesc(const fs::path& path) {
  PlayerDesc d;
  d.source = {path.string(), false};
  d.retry = false;
  return d;
}

// Takes frames on a clock that advances one frame period per frame taken: every frame is due
// exactly once, whatever the decoder's speed, so the test is deterministic.
std::vector<std::shared_ptr<const VideoFrame>> takeFrames(Player& player, size_t count, double timeoutS = 20.0) {
  std::vector<std::shared_ptr<const VideoFrame>> frames;
  double end = steadySeconds() + timeoutS;
  while (frames.size() < count && steadySeconds() < end) {
    double now = double(frames.size()) / 30.0;
    if (auto f = player.takeFrame(now)) {
      frames.push_back(std::move(f));
    } else {
      if (player.status().state == PlayerState::Offline || player.status().state == PlayerState::Ended) {
        if (!player.takeFrame(now)) break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  return frames;
}

int colourDistance(const VideoFrame& f, int x, int y, uint32_t expected) {
  uint8_t rgb[3];
  frameRgbAt(f, x, y, rgb);
  auto e = rgbOf(expected);
  int d = 0;
  for (int c = 0; c < 3; ++c) d = std::max(d, std::abs(int(rgb[c]) - e[c]));
  return d;
}

// The colour 0.2..0.8 s into each second of the clip at a point away from the moving box.
void expectClipColours(const std::vector<std::shared_ptr<const VideoFrame>>& frames, double clipSeconds,
                       int tolerance = 14) {
  int checked = 0;
  for (const auto& f : frames) {
    double t = std::fmod(f->pts, clipSeconds);
    double frac = t - std::floor(t);
    if (frac < 0.2 || frac > 0.8) continue;
    uint32_t want = kSampleClipColours[size_t(std::floor(t)) % kSampleClipColours.size()];
    ASSERT_LE(colourDistance(*f, f->width / 6, f->height / 4, want), tolerance)
        << "pts " << f->pts << " expected " << fmt::format("{:06x}", want);
    ++checked;
  }
  EXPECT_GT(checked, 0);
}

bool isOneLine(const std::string& s) { return !s.empty() && s.find('\n') == std::string::npos; }

}  // namespace

TEST(MediaSource, OnlyHttpHttpsAndPathsInsideTheExpo) {
  fs::path manifest = fs::path(CX_SOURCE_DIR) / "assets/sample-expo/expo.json";
  for (const char* bad : {"javascript:alert(1)", "file:///etc/passwd", "ftp://host/x.mp4", "data:video/mp4;base64,AA",
                          "../media/sample-clip.mp4", "/etc/passwd", "media/../../x.mp4", "http://user@host/x.m3u8",
                          "http:///x.m3u8", "media/%2e%2e/x.mp4"}) {
    auto r = resolveStreamSource(bad, manifest.string());
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_TRUE(isOneLine(r.message())) << r.message();
    EXPECT_NE(r.message().find(bad), std::string::npos) << r.message();
  }
  auto web = resolveStreamSource("https://live.example.cn/x-0001/index.m3u8", manifest.string());
  ASSERT_TRUE(web.ok()) << web.message();
  EXPECT_TRUE(web->network);
  auto local = resolveStreamSource("models/studio.glb", manifest.string());
  ASSERT_TRUE(local.ok()) << local.message();
  EXPECT_FALSE(local->network);
  EXPECT_EQ(fs::path(local->locator), fs::path(CX_SOURCE_DIR) / "assets/sample-expo/models/studio.glb");
  // A relative stream of a manifest on a web server stays under that server's expo folder.
  auto remote = resolveStreamSource("media/clip.m3u8", "http://127.0.0.1:8000/expo/expo.json");
  ASSERT_TRUE(remote.ok()) << remote.message();
  EXPECT_EQ(remote->locator, "http://127.0.0.1:8000/expo/media/clip.m3u8");
  EXPECT_TRUE(remote->network);
  EXPECT_FALSE(resolveStreamSource("relative.mp4", "").ok());
}

TEST(MediaPlayer, DecodesTheClipInOrderWithItsColoursAndMovingBox) {
  Player player(fileDesc(sampleClipPath()));
  auto frames = takeFrames(player, 105);
  ASSERT_EQ(frames.size(), 105u) << player.status().message;
  PlayerStatus st = player.status();
  EXPECT_EQ(st.width, 640);
  EXPECT_EQ(st.height, 360);
  EXPECT_NEAR(st.frameRate, 30.0, 0.01);
  EXPECT_TRUE(st.hasAudio);
  EXPECT_FALSE(st.live);
  EXPECT_NEAR(st.duration, 10.0, 0.1);
  EXPECT_NEAR(frames[0]->pts, 0.0, 1e-6);
  for (size_t i = 1; i < frames.size(); ++i) EXPECT_NEAR(frames[i]->pts - frames[i - 1]->pts, 1.0 / 30.0, 1e-3) << i;
  expectClipColours(frames, 10.0);
  // The white box: x = (120 t) mod 560, 80x80 at y = 260. Its centre is white; 100 px right of it is not.
  for (size_t i : {size_t(10), size_t(50), size_t(95)}) {
    const VideoFrame& f = *frames[i];
    int x = int(std::fmod(120.0 * f.pts, 560.0)) + 40;
    EXPECT_LE(colourDistance(f, x, 300, 0xffffff), 14) << "frame " << i;
    EXPECT_GT(colourDistance(f, (x + 160) % 640, 300, 0xffffff), 60) << "frame " << i;
  }
  EXPECT_EQ(player.stats().framesDropped, 0u);
  EXPECT_GT(player.stats().decodeCpuSeconds, 0.0);
}

TEST(MediaPlayer, TakeFrameReturnsTheNewestDueFrameAndCountsSkipped) {
  Player player(fileDesc(sampleClipPath()));
  ASSERT_EQ(takeFrames(player, 1).size(), 1u);
  ASSERT_TRUE(waitFor([&] { return player.stats().framesDecoded >= 6; }, 10.0));
  // Jump the caller's clock 5 frames ahead: one frame comes back, the newest due, the 4 before it count as dropped.
  auto f = player.takeFrame(5.0 / 30.0);
  ASSERT_TRUE(f);
  EXPECT_NEAR(f->pts, 5.0 / 30.0, 1e-3);
  EXPECT_EQ(player.stats().framesDropped, 4u);
  EXPECT_FALSE(player.takeFrame(5.0 / 30.0)) << "a frame is returned once";
  // Paused: the position stands still.
  player.setPaused(true, 0.2);
  EXPECT_NEAR(player.position(5.0), 0.2, 1e-9);
  player.setPaused(false, 5.0);
  EXPECT_NEAR(player.position(5.1), 0.3, 1e-9);
}

TEST(MediaPlayer, LoopsAFileWithGrowingTimestamps) {
  cx::io::test::ScratchDir dir("media_loop");
  fs::path clip = dir.path() / "two.mp4";
  ASSERT_EQ(std::system(fmt::format("{}/tools/make-sample-clip.sh {} --seconds 2 --size 320x180 >/dev/null",
                                    CX_SOURCE_DIR, clip.string()).c_str()), 0);
  PlayerDesc d = fileDesc(clip);
  d.loop = true;
  Player player(d);
  auto frames = takeFrames(player, 150);  // 5 s of a 2 s clip
  ASSERT_EQ(frames.size(), 150u) << player.status().message;
  for (size_t i = 1; i < frames.size(); ++i) ASSERT_GT(frames[i]->pts, frames[i - 1]->pts) << i;
  EXPECT_NEAR(frames.back()->pts, 149.0 / 30.0, 0.02);
  EXPECT_GE(player.stats().loops, 2u);
  expectClipColours(frames, 2.0);
}

TEST(MediaPlayer, EndsAFileWithoutLoop) {
  cx::io::test::ScratchDir dir("media_end");
  fs::path clip = dir.path() / "one.mp4";
  ASSERT_TRUE(runFfmpeg({"-f", "lavfi", "-i", "color=c=blue:s=160x96:r=30:d=1", "-c:v", "libx264", "-preset",
                         "ultrafast", "-pix_fmt", "yuv420p", clip.string()}));
  PlayerDesc d = fileDesc(clip);
  d.loop = false;
  Player player(d);
  auto frames = takeFrames(player, 100, 10.0);
  EXPECT_EQ(frames.size(), 30u);
  EXPECT_EQ(player.status().state, PlayerState::Ended);
  EXPECT_FALSE(player.status().hasAudio);
}

TEST(MediaPlayer, DownscalesPicturesOverTheSizeCap) {
  PlayerDesc d = fileDesc(sampleClipPath());
  d.maxWidth = 320;
  d.maxHeight = 320;
  Player player(d);
  auto frames = takeFrames(player, 45);
  ASSERT_EQ(frames.size(), 45u) << player.status().message;
  EXPECT_EQ(frames[0]->width, 320);
  EXPECT_EQ(frames[0]->height, 180);
  EXPECT_EQ(player.status().sourceWidth, 640);
  expectClipColours(frames, 10.0);
}

TEST(MediaPlayer, An8KStreamIsRefusedWithOneLine) {
  cx::io::test::ScratchDir dir("media_8k");
  fs::path clip = dir.path() / "8k.mp4";
  ASSERT_TRUE(runFfmpeg({"-f", "lavfi", "-i", "color=c=red:s=7680x4320:r=30:d=0.1", "-c:v", "libx264", "-preset",
                         "ultrafast", "-pix_fmt", "yuv420p", clip.string()}));
  Player player(fileDesc(clip));
  ASSERT_TRUE(waitFor([&] { return player.status().state == PlayerState::Offline; }, 10.0));
  std::string msg = player.status().message;
  EXPECT_TRUE(isOneLine(msg)) << msg;
  EXPECT_NE(msg.find("7680x4320"), std::string::npos) << msg;
  EXPECT_NE(msg.find(clip.string()), std::string::npos) << msg;
  EXPECT_EQ(player.stats().framesDecoded, 0u);
}

TEST(MediaPlayer, TruncatedAndNonVideoFilesGiveAnErrorNotACrash) {
  cx::io::test::ScratchDir dir("media_bad");
  std::ifstream in(sampleClipPath(), std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GT(bytes.size(), 10000u);
  struct Case {
    std::string name, content;
  };
  std::vector<Case> cases = {{"half.mp4", bytes.substr(0, bytes.size() / 2)},
                             {"head.mp4", bytes.substr(0, 3000)},
                             {"text.mp4", "this is not a video\n"},
                             {"empty.webm", ""},
                             {"page.m3u8", "<html><body>not a playlist</body></html>"}};
  for (const Case& c : cases) {
    fs::path p = dir.path() / c.name;
    std::ofstream(p, std::ios::binary) << c.content;
    PlayerDesc d = fileDesc(p);
    d.loop = true;
    Player player(d);
    double now = 0;  // fast-forward the clock: the worker reaches the cut quickly
    ASSERT_TRUE(waitFor(
        [&] {
          player.takeFrame(now += 0.5);
          return player.status().state == PlayerState::Offline;
        },
        15.0))
        << c.name << " state " << toString(player.status().state);
    std::string msg = player.status().message;
    EXPECT_TRUE(isOneLine(msg)) << msg;
    EXPECT_NE(msg.find(p.string()), std::string::npos) << msg;
  }
}

TEST(MediaPlayer, DecodesAudioAsA440HzToneAtTheFixedRate) {
  Player player(fileDesc(sampleClipPath()));
  player.setAudioSinkAttached(true);
  std::vector<int16_t> samples(kAudioRate);  // 1 s
  size_t got = 0;
  double firstPts = -1;
  ASSERT_TRUE(waitFor(
      [&] {
        double pts = 0;
        size_t n = player.readAudio(samples.data() + got, std::min<size_t>(4800, samples.size() - got), &pts);
        if (n && firstPts < 0) firstPts = pts;
        got += n;
        player.takeFrame(double(got) / kAudioRate);  // the video keeps up with the audio, as in a viewer
        return got == samples.size();
      },
      10.0));
  EXPECT_NEAR(firstPts, 0.0, 0.05);
  // Skip the encoder's first frame, then count rising zero crossings over 0.5 s.
  int crossings = 0;
  double energy = 0;
  for (size_t i = 4800; i < 4800 + kAudioRate / 2; ++i) {
    crossings += (samples[i - 1] < 0 && samples[i] >= 0) ? 1 : 0;
    energy += double(samples[i]) * samples[i];
  }
  EXPECT_NEAR(crossings, 220, 3);
  double rms = std::sqrt(energy / (kAudioRate / 2)) / 32768.0;
  // The script's sine peaks at 0.25 in both channels; libswresample's stereo-to-mono downmix
  // takes each channel at -3 dB: a mono peak of about 0.18, an RMS of about 0.125.
  EXPECT_NEAR(rms, 0.125, 0.02);
}

TEST(MediaPlayer, StopsPromptlyWhileANetworkOpenHangsAndTimesOut) {
  cx::io::test::ScratchDir dir("media_stall");
  cx::io::test::TestServer server(dir.path(), dir.path());
  CX_REQUIRE_SERVER(server);
  {
    PlayerDesc d;
    d.source = {server.url("/stall/30"), true};
    d.ioTimeoutMs = 60000;
    auto player = std::make_unique<Player>(d);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    double t0 = steadySeconds();
    player.reset();
    EXPECT_LT(steadySeconds() - t0, 2.0) << "destroying the player must cut the network wait short";
  }
  PlayerDesc d;
  d.source = {server.url("/stall/30"), true};
  d.ioTimeoutMs = 400;
  d.retry = false;
  Player player(d);
  ASSERT_TRUE(waitFor([&] { return player.status().state == PlayerState::Offline; }, 10.0));
  EXPECT_NE(player.status().message.find("timed out"), std::string::npos) << player.status().message;
  EXPECT_TRUE(isOneLine(player.status().message));
}

TEST(MediaPlayer, NotFoundUrlIsOfflineWithOneLine) {
  cx::io::test::ScratchDir dir("media_404");
  PythonHttpServer server(dir.path(), dir.path() / "server.log");
  ASSERT_TRUE(server.running());
  PlayerDesc d;
  d.source = {server.url("/missing.m3u8"), true};
  d.retry = false;
  Player player(d);
  ASSERT_TRUE(waitFor([&] { return player.status().state == PlayerState::Offline; }, 10.0));
  EXPECT_NE(player.status().message.find("404"), std::string::npos) << player.status().message;
  EXPECT_TRUE(isOneLine(player.status().message));
}

TEST(MediaPlayer, HlsVodOverARealHttpServer) {
  cx::io::test::ScratchDir dir("media_hls");
  fs::path web = dir.path() / "web";
  fs::create_directories(web / "hls");
  ASSERT_TRUE(runFfmpeg({"-i", sampleClipPath().string(), "-t", "3", "-c", "copy", "-f", "hls", "-hls_time", "1",
                         "-hls_playlist_type", "vod", "-hls_segment_filename", (web / "hls/seg%02d.ts").string(),
                         (web / "hls/index.m3u8").string()}));
  PythonHttpServer server(web, dir.path() / "server.log");
  ASSERT_TRUE(server.running());
  PlayerDesc d;
  d.source = {server.url("/hls/index.m3u8"), true};
  d.retry = false;
  d.loop = false;
  Player player(d);
  auto frames = takeFrames(player, 200, 20.0);
  EXPECT_NEAR(double(frames.size()), 90.0, 2.0) << player.status().message;
  ASSERT_FALSE(frames.empty());
  for (size_t i = 1; i < frames.size(); ++i) ASSERT_GT(frames[i]->pts, frames[i - 1]->pts);
  expectClipColours(frames, 10.0);
  EXPECT_EQ(player.status().state, PlayerState::Ended) << player.status().message;
  EXPECT_TRUE(player.status().hasAudio);
}

TEST(MediaPlayer, ServerDownIsOfflineThenRecoversWhenItIsBack) {
  cx::io::test::ScratchDir dir("media_recover");
  fs::path web = dir.path() / "web";
  fs::create_directories(web);
  fs::copy_file(sampleClipPath(), web / "clip.mp4");
  int port = 0;
  {
    PythonHttpServer probe(web, dir.path() / "probe.log");
    ASSERT_TRUE(probe.running());
    port = probe.port();
  }  // stopped: the port is free and nothing listens
  PlayerDesc d;
  d.source = {fmt::format("http://127.0.0.1:{}/clip.mp4", port), true};
  d.retryInitialMs = 100;
  d.retryMaxMs = 200;
  Player player(d);
  ASSERT_TRUE(waitFor([&] { return player.status().state == PlayerState::Offline; }, 10.0));
  EXPECT_TRUE(isOneLine(player.status().message)) << player.status().message;
  PythonHttpServer server(web, dir.path() / "server.log", port);
  ASSERT_TRUE(server.running());
  ASSERT_TRUE(waitFor(
      [&] {
        player.takeFrame(steadySeconds());
        return player.status().state == PlayerState::Playing;
      },
      15.0))
      << player.status().message;
  EXPECT_GE(player.status().attempts, 2);
  int shown = 0;
  EXPECT_TRUE(waitFor([&] { return (shown += player.takeFrame(steadySeconds()) ? 1 : 0) >= 10; }, 10.0));
}
