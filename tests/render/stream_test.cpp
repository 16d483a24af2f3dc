// Streaming an expo from a URL (tests/support/http_test_server.py on 127.0.0.1 serving
// assets/sample-expo) through the same path as a folder on disk: same scene, same pixels, the disk
// cache, per-file failures as placeholders, refused manifests, and a first frame that shows before
// the booth styles have arrived.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "../unit/io_test_server.h"
#include "cx/render/render_scene.h"
#include "cx/render/scene_stream.h"
#include "cx/render/view.h"
#include "render_fixture.h"

namespace cx::testing {
namespace {
namespace fs = std::filesystem;
using io::test::ScratchDir;
using io::test::TestServer;

const fs::path kSampleDir = fs::path(CX_SOURCE_DIR) / "assets" / "sample-expo";

bool contains(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

render::SceneStreamOptions optionsWithCache(const fs::path& cacheDir) {
  render::SceneStreamOptions o;
  o.cacheDir = cacheDir;
  o.limits.retries = 0;
  return o;
}

// One line per instance: the model's manifest path, its transform and tint.
std::vector<std::string> describeInstances(const render::RenderScene& scene) {
  std::vector<std::string> lines;
  for (const auto& inst : scene.instances) {
    std::string path = "?";
    for (size_t m = 0; m < scene.models.size(); ++m) {
      if (scene.models[m].get() == inst.model && scene.expoScene && m < scene.expoScene->models.size())
        path = scene.expoScene->models[m].path;
    }
    std::ostringstream line;
    line << path;
    for (int c = 0; c < 4; ++c)
      for (int r = 0; r < 4; ++r) line << ' ' << inst.transform[c][r];
    line << " tint " << inst.tint.r << ' ' << inst.tint.g << ' ' << inst.tint.b;
    lines.push_back(line.str());
  }
  return lines;
}

class Stream : public RenderTest {
 protected:
  RgbaImage overview(const render::RenderScene& scene) {
    render::View view = render::defaultView(scene, 240.0f / 135.0f);
    RgbaImage image = renderViews({&view, 1}, scene.instances, 240, 135);
    render::waitIdle(*renderer);
    return image;
  }
};

TEST_F(Stream, UrlGivesTheSameSceneAndPixelsAsDisk) {
  ScratchDir work("stream_same");
  TestServer server(kSampleDir, work.path());
  CX_REQUIRE_SERVER(server);
  auto disk = render::loadRenderScene(*ctx, *renderer, kSampleDir);
  ASSERT_TRUE(disk.ok()) << disk.message();
  auto web = render::loadRenderSceneFrom(*ctx, *renderer, server.url("/expo.json"), optionsWithCache(work.path() / "cache"));
  ASSERT_TRUE(web.ok()) << web.message();
  EXPECT_TRUE(disk->errors.empty()) << disk->errors.front();
  EXPECT_TRUE(web->errors.empty()) << web->errors.front();
  ASSERT_TRUE(web->expo && web->expoScene);
  EXPECT_EQ(web->expo->booths.size(), disk->expo->booths.size());
  EXPECT_GT(web->instances.size(), 1000u);
  EXPECT_EQ(describeInstances(*web), describeInstances(*disk));
  EXPECT_EQ(web->boundsMin, disk->boundsMin);
  EXPECT_EQ(web->boundsMax, disk->boundsMax);
  std::printf("[ stream ] sample expo: disk %.0f ms, loopback (cold cache) %.0f ms\n", disk->loadMs, web->loadMs);

  RgbaImage fromDisk = overview(*disk);
  RgbaImage fromWeb = overview(*web);
  render::destroyRenderScene(*ctx, *disk);
  render::destroyRenderScene(*ctx, *web);
  auto same = compareImages(fromDisk, fromWeb, Tolerance{0, 0.0});
  EXPECT_TRUE(same.match) << "URL and disk renders differ: " << same.message;
  auto golden = compareWithGolden("stream_sample_overview", fromWeb);
  EXPECT_TRUE(golden.match) << golden.message;
}

TEST_F(Stream, SecondOpenRevalidatesFromTheCache) {
  ScratchDir work("stream_cache");
  std::optional<TestServer> server;
  server.emplace(kSampleDir, work.path());
  CX_REQUIRE_SERVER(*server);
  const std::string url = server->url("/expo.json");
  auto options = optionsWithCache(work.path() / "cache");
  auto first = render::loadRenderSceneFrom(*ctx, *renderer, url, options);
  ASSERT_TRUE(first.ok()) << first.message();
  const size_t files = 1 + first->expoScene->models.size();
  const std::vector<std::string> cold = server->requests();
  auto second = render::loadRenderSceneFrom(*ctx, *renderer, url, options);
  ASSERT_TRUE(second.ok()) << second.message();
  std::vector<std::string> all = server->requests();
  ASSERT_GE(all.size(), cold.size());
  std::vector<std::string> warm(all.begin() + std::ptrdiff_t(cold.size()), all.end());
  EXPECT_EQ(cold.size(), files);
  for (const auto& line : cold) EXPECT_TRUE(contains(line, "status=200 inm=-")) << line;
  EXPECT_EQ(warm.size(), files);
  for (const auto& line : warm) EXPECT_TRUE(contains(line, "status=304 inm=\"")) << line;
  EXPECT_EQ(describeInstances(*first), describeInstances(*second));
  std::printf("[ stream ] loopback open: cold cache %.0f ms, warm cache %.0f ms\n", first->loadMs, second->loadMs);
  render::destroyRenderScene(*ctx, *second);

  // Offline, with the server stopped: the same scene from the cache alone.
  server.reset();
  options.offline = true;
  auto offline = render::loadRenderSceneFrom(*ctx, *renderer, url, options);
  ASSERT_TRUE(offline.ok()) << offline.message();
  EXPECT_TRUE(offline->errors.empty());
  EXPECT_EQ(describeInstances(*offline), describeInstances(*first));
  render::destroyRenderScene(*ctx, *offline);
  render::destroyRenderScene(*ctx, *first);

  // Offline with an empty cache: one clear line.
  options.cacheDir = work.path() / "empty-cache";
  auto missing = render::loadRenderSceneFrom(*ctx, *renderer, url, options);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.message(), url + ": not in the offline cache");
}

TEST_F(Stream, MissingBoothModelBecomesAListedPlaceholder) {
  ScratchDir work("stream_404");
  TestServer server(kSampleDir, work.path(), {"--not-found", "/models/studio.glb"});
  CX_REQUIRE_SERVER(server);
  auto stream = render::startSceneStream(server.url("/expo.json"), optionsWithCache(work.path() / "cache"));
  render::RenderScene scene;
  render::StreamProgress p =
      render::pollSceneStreamUntil(*stream, *ctx, *renderer, scene, render::StreamStage::Complete);
  ASSERT_EQ(p.stage, render::StreamStage::Complete) << p.fatalError;
  const std::string expected = server.url("/models/studio.glb") + ": HTTP 404";
  ASSERT_EQ(scene.errors.size(), 1u);
  EXPECT_TRUE(contains(scene.errors[0], expected)) << scene.errors[0];
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_EQ(p.errors[0], scene.errors[0]);
  EXPECT_EQ(p.filesFailed, 1u);
  // The studio booths are still there, drawn as the placeholder box of the style's footprint.
  size_t studio = SIZE_MAX;
  for (size_t m = 0; m < scene.expoScene->models.size(); ++m) {
    if (scene.expoScene->models[m].path == "models/studio.glb") studio = m;
  }
  ASSERT_NE(studio, SIZE_MAX);
  const render::GpuModel& placeholder = *scene.models[studio];
  EXPECT_FALSE(placeholder.nodes.empty());
  const auto& expected_box = scene.expoScene->models[studio];
  EXPECT_NEAR(placeholder.boundsMax.x - placeholder.boundsMin.x, expected_box.expectedMax.x - expected_box.expectedMin.x, 0.06f);
  size_t studioBooths = 0;
  for (const auto& inst : scene.instances) studioBooths += inst.model == &placeholder ? 1 : 0;
  EXPECT_GT(studioBooths, 0u);
  render::destroyRenderScene(*ctx, scene);
}

TEST_F(Stream, BadTransfersFailTheOpenWithOneClearLine) {
  ScratchDir work("stream_bad");
  TestServer server(kSampleDir, work.path());
  CX_REQUIRE_SERVER(server);
  auto options = optionsWithCache(work.path() / "cache");
  options.limits.stallTimeoutMs = 1000;
  options.limits.maxBytes = 1024;  // the sample's manifest is far larger
  auto big = render::loadRenderSceneFrom(*ctx, *renderer, server.url("/expo.json"), options);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.message(), server.url("/expo.json") + ": response larger than the 1024-byte limit");
  auto stalled = render::loadRenderSceneFrom(*ctx, *renderer, server.url("/stall/10"), options);
  ASSERT_FALSE(stalled.ok());
  EXPECT_EQ(stalled.message(), server.url("/stall/10") + ": timed out: no data for 1 s");
  auto loop = render::loadRenderSceneFrom(*ctx, *renderer, server.url("/loop"), options);
  ASSERT_FALSE(loop.ok());
  EXPECT_EQ(loop.message(), server.url("/loop") + ": too many redirects (5)");
}

TEST_F(Stream, ManifestWhosePathsEscapeTheRootIsRefused) {
  ScratchDir work("stream_escape");
  std::ifstream in(kSampleDir / "expo.json");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (std::string escape : {"%2e%2e/secret.glb", "../secret.glb"}) {
    std::string edited = text;
    size_t at = edited.find("\"models/studio.glb\"");
    ASSERT_NE(at, std::string::npos);
    edited.replace(at, std::string("\"models/studio.glb\"").size(), "\"" + escape + "\"");
    io::test::writeFile(work.path() / "site" / "expo" / "expo.json", edited);
    io::test::writeFile(work.path() / "site" / "secret.glb", "not for you");
    TestServer server(work.path() / "site", work.path());
    CX_REQUIRE_SERVER(server);
    auto scene = render::loadRenderSceneFrom(*ctx, *renderer, server.url("/expo/expo.json"),
                                             optionsWithCache(work.path() / "cache"));
    ASSERT_FALSE(scene.ok()) << escape;
    EXPECT_TRUE(contains(scene.message(), escape)) << scene.message();
    EXPECT_EQ(scene.message().find('\n'), std::string::npos) << scene.message();
    EXPECT_EQ(server.countRequests("/secret.glb"), 0);
    std::printf("[ stream ] refused: %s\n", scene.message().c_str());
  }
}

// The 1001-booth sample with booth-style responses held back 1.5 s each: the first frame is drawn
// with the pavilions in and the booth styles still missing; then everything arrives.
TEST_F(Stream, FirstFrameShowsBeforeBoothStylesArrive) {
  ScratchDir work("stream_first");
  TestServer server(kSampleDir, work.path(), {"--delay-glb", "1.5", "--no-delay", "/models/pavilion-"});
  CX_REQUIRE_SERVER(server);
  auto stream = render::startSceneStream(server.url("/expo.json"), optionsWithCache(work.path() / "cache"));
  render::RenderScene scene;
  render::StreamProgress atFirst =
      render::pollSceneStreamUntil(*stream, *ctx, *renderer, scene, render::StreamStage::Streaming);
  ASSERT_EQ(atFirst.stage, render::StreamStage::Streaming) << atFirst.fatalError;
  RgbaImage first = overview(scene);
  EXPECT_EQ(atFirst.pavilionsReady, atFirst.pavilionsTotal);
  EXPECT_EQ(atFirst.pavilionsTotal, 7u);
  EXPECT_LT(atFirst.modelsReady, atFirst.modelsTotal) << "every booth style had already arrived at the first frame";
  EXPECT_EQ(scene.expo->booths.size(), 1001u);
  render::StreamProgress done =
      render::pollSceneStreamUntil(*stream, *ctx, *renderer, scene, render::StreamStage::Complete);
  ASSERT_EQ(done.stage, render::StreamStage::Complete);
  EXPECT_EQ(done.modelsReady, done.modelsTotal);
  EXPECT_TRUE(done.errors.empty());
  EXPECT_EQ(done.filesDone, done.filesTotal);
  RgbaImage last = overview(scene);
  auto differs = compareImages(first, last, Tolerance{});
  EXPECT_FALSE(differs.match) << "booths should have popped in after the first frame";
  std::printf("[ stream ] 1001 booths over loopback, styles delayed 1.5 s: first frame after %.0f ms (%u of %u models), "
              "complete after %.0f ms\n",
              atFirst.firstFrameReadyMs, atFirst.modelsReady, atFirst.modelsTotal, done.completeMs);
  render::destroyRenderScene(*ctx, scene);
}

// Booth styles are fetched nearest the visitor first (one worker, so the request log is in order).
TEST_F(Stream, NearestBoothStyleIsFetchedFirst) {
  ScratchDir work("stream_focus");
  TestServer server(kSampleDir, work.path());
  CX_REQUIRE_SERVER(server);
  auto disk = render::loadRenderScene(*ctx, *renderer, kSampleDir);
  ASSERT_TRUE(disk.ok()) << disk.message();
  // Stand at the last booth whose style is used least often: not a lucky default order.
  const auto& es = *disk->expoScene;
  std::vector<int> uses(es.models.size(), 0);
  for (const auto& b : es.booths) uses[b.model]++;
  uint32_t rare = es.booths.back().model;
  for (const auto& b : es.booths) {
    if (uses[b.model] < uses[rare]) rare = b.model;
  }
  glm::vec3 at(0.0f);
  for (const auto& b : es.booths) {
    if (b.model == rare) at = glm::vec3(b.world[3]);
  }
  const std::string expectedFirst = "/" + es.models[rare].path;
  render::destroyRenderScene(*ctx, *disk);

  auto options = optionsWithCache(work.path() / "cache");
  options.workers = 1;
  auto stream = render::startSceneStream(server.url("/expo.json"), options);
  render::setSceneStreamFocus(*stream, at);
  render::RenderScene scene;
  auto p = render::pollSceneStreamUntil(*stream, *ctx, *renderer, scene, render::StreamStage::Complete);
  ASSERT_EQ(p.stage, render::StreamStage::Complete) << p.fatalError;
  std::string firstStyle;
  for (const auto& line : server.requests()) {
    if (contains(line, ".glb ") && !contains(line, "/models/pavilion-")) {
      firstStyle = line.substr(4, line.find(' ', 4) - 4);
      break;
    }
  }
  EXPECT_EQ(firstStyle, expectedFirst);
  render::destroyRenderScene(*ctx, scene);
}

}  // namespace
}  // namespace cx::testing
