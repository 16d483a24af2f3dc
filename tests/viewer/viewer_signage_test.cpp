// The viewer draws from a persistent GpuScene with the booths' name boards: the signage (glyph
// atlas built on a worker thread) appears once loading completes, and selection highlights update
// the scene in place instead of rebuilding it every frame. Runs cloudexpo --offscreen on the
// bundled sample with Vulkan validation on (any message makes the viewer exit non-zero).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <glm/glm.hpp>

#include "cx/expo/manifest.h"
#include "image_compare.h"
#include "viewer_run.h"

namespace fs = std::filesystem;

namespace {

using cx::testing::kSampleExpo;
using cx::testing::readJson;

double luminance(const cx::testing::RgbaImage& img, uint32_t x, uint32_t y) {
  const uint8_t* p = &img.rgba[(size_t(y) * img.width + x) * 4];
  return 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2];
}

TEST(ViewerSignage, BoothNameBoardShowsTextAndHighlightsDoNotRebuildTheScene) {
  auto expo = cx::expo::loadExpoManifest(kSampleExpo / "expo.json");
  ASSERT_TRUE(expo.ok()) << expo.message();
  ASSERT_GE(expo->booths.size(), 2u);
  const auto& booth = expo->booths[0];
  fs::path dir = fs::temp_directory_path() / ("cx-viewer-signage-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);

  // Stand in the aisle 4.5 m in front of the first booth, face it and look up a little at its fascia.
  const float r = glm::radians(booth.rotationDeg);
  const glm::vec2 axisZ(std::sin(r), std::cos(r));
  const glm::vec2 start = booth.position + axisZ * (booth.footprint.y * 0.5f + 4.5f);
  std::ostringstream script;
  script << "size 400 260\nwaitload\nmove " << start.x << " " << start.y << " " << booth.rotationDeg << "\nlook "
         << booth.rotationDeg << " 12\nwait 2\nstate " << (dir / "a.json").string() << "\nscreenshot "
         << (dir / "shot.png").string() << "\nselect " << expo->booths[1].id << "\nwait 2\nselect " << booth.id
         << "\nwait 2\nstate " << (dir / "b.json").string() << "\nquit\n";
  {
    std::ofstream out(dir / "script.txt");
    out << script.str();
  }
  const cx::testing::CommandRun run = cx::testing::runViewerBinary(
      kSampleExpo.string() + " --offscreen --validation --script " + (dir / "script.txt").string(), dir);
  ASSERT_EQ(run.exitCode, 0) << run.output;

  auto a = readJson(dir / "a.json");
  auto b = readJson(dir / "b.json");
  ASSERT_FALSE(a.is_discarded()) << run.output;
  ASSERT_FALSE(b.is_discarded()) << run.output;
  std::printf("gpuScene before selection: %s\nafter: %s\n", a["gpuScene"].dump().c_str(), b["gpuScene"].dump().c_str());
  EXPECT_TRUE(a["gpuScene"]["signage"].get<bool>());
  EXPECT_GT(a["gpuScene"]["signFaces"].get<int>(), 0);
  EXPECT_GT(a["gpuScene"]["glyphQuads"].get<int>(), 0);
  // Built when the manifest came in, again as models arrived and once with the signage; the
  // selection changes afterwards only rewrite a few instances in place.
  const int modelsTotal = a["loading"]["modelsTotal"].get<int>();
  EXPECT_LE(a["gpuScene"]["builds"].get<int>(), modelsTotal + 2);
  EXPECT_EQ(b["gpuScene"]["builds"], a["gpuScene"]["builds"]) << "highlight changes rebuilt the GpuScene";
  EXPECT_GT(b["gpuScene"]["updates"].get<int>(), a["gpuScene"]["updates"].get<int>());

  // The name board in front of the camera shows text: a plain board is one flat colour, a sign
  // has glyph pixels that stand out from the board colour.
  ASSERT_TRUE(a["nearestSignRect"].is_array()) << a.dump(2);
  cx::testing::RgbaImage shot;
  std::string error;
  ASSERT_TRUE(cx::testing::loadPng(dir / "shot.png", shot, &error)) << error;
  auto rect = a["nearestSignRect"];
  const uint32_t x0 = uint32_t(rect[0].get<float>()), y0 = uint32_t(rect[1].get<float>());
  const uint32_t x1 = std::min(shot.width, uint32_t(rect[0].get<float>() + rect[2].get<float>()));
  const uint32_t y1 = std::min(shot.height, uint32_t(rect[1].get<float>() + rect[3].get<float>()));
  std::printf("sign rect on screen: %u,%u .. %u,%u\n", x0, y0, x1, y1);
  ASSERT_GT(x1, x0 + 30) << "the sign is too small on screen to check";
  ASSERT_GT(y1, y0 + 6) << "the sign is too small on screen to check";
  std::vector<double> lum;
  for (uint32_t y = y0; y < y1; ++y)
    for (uint32_t x = x0; x < x1; ++x) lum.push_back(luminance(shot, x, y));
  std::vector<double> sorted = lum;
  std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
  const double median = sorted[sorted.size() / 2];
  size_t standOut = 0;
  for (double l : lum) standOut += std::abs(l - median) > 40.0 ? 1 : 0;
  const double fraction = double(standOut) / double(lum.size());
  std::printf("sign region: median luminance %.1f, %.1f%% of pixels differ by > 40\n", median, fraction * 100.0);
  EXPECT_GT(fraction, 0.03) << "no text on the name board";
  if (!::testing::Test::HasFailure()) fs::remove_all(dir);  // kept for a look otherwise
}

}  // namespace
