// expo-tool preview on a tiny expo: every image exists with the right size and is not blank, the
// top-down view shows the violation in red, and the top-down view matches its golden.
#include <unistd.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>

#include "../unit/place_test_expo.h"
#include "cx/expo/manifest.h"
#include "image_compare.h"
#include "test_models.h"

namespace fs = std::filesystem;
using namespace cx;

namespace {

struct ToolOutput {
  int code = -1;
  std::string text;
};

ToolOutput runTool(const std::string& args) {
  ToolOutput r;
  FILE* p = popen((std::string(CX_TOOL_PATH) + " " + args + " 2>&1").c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.text.append(buf, n);
  int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

double lumaStdDev(const cx::testing::RgbaImage& img) {
  double sum = 0, sum2 = 0;
  size_t n = size_t(img.width) * img.height;
  for (size_t i = 0; i < n; ++i) {
    double l = 0.2126 * img.rgba[i * 4] + 0.7152 * img.rgba[i * 4 + 1] + 0.0722 * img.rgba[i * 4 + 2];
    sum += l;
    sum2 += l * l;
  }
  double mean = sum / double(n);
  return std::sqrt(std::max(0.0, sum2 / double(n) - mean * mean));
}

size_t countColor(const cx::testing::RgbaImage& img, int r, int g, int b) {
  size_t count = 0;
  for (size_t i = 0; i < size_t(img.width) * img.height; ++i)
    if (std::abs(img.rgba[i * 4] - r) < 12 && std::abs(img.rgba[i * 4 + 1] - g) < 12 &&
        std::abs(img.rgba[i * 4 + 2] - b) < 12)
      ++count;
  return count;
}

}  // namespace

TEST(Preview, WritesEveryViewAndTheTopViewMatchesItsGolden) {
  fs::path dir = fs::temp_directory_path() / ("cx_preview_test_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "models");
  ASSERT_TRUE(cx::testing::writeTestModel("litCube", dir / "models", true).ok());
  expo::Expo e = placetest::makePlaceTestExpo();
  e.booths[0].position = {7, 5};  // E1's booth 1 m from B2: the aisle is too narrow
  ASSERT_TRUE(expo::saveExpoManifest(e, dir / "expo.json").ok());

  fs::path out = dir / "preview";
  ToolOutput r = runTool("preview " + dir.string() + " --exhibitor E1 --out " + out.string() +
                         " --size 160x96 --validation");
  ASSERT_EQ(r.code, 0) << r.text;
  EXPECT_NE(r.text.find("FAIL  aisle-clearance"), std::string::npos) << r.text;

  std::vector<std::string> wide = {"aisle-1", "aisle-2"};
  for (int k = 0; k < 8; ++k) wide.push_back("turntable-" + std::to_string(k));
  for (const std::string& name : wide) {
    cx::testing::RgbaImage img;
    std::string error;
    ASSERT_TRUE(cx::testing::loadPng(out / (name + ".png"), img, &error)) << name << ": " << error;
    EXPECT_EQ(img.width, 160u) << name;
    EXPECT_EQ(img.height, 96u) << name;
    EXPECT_GT(lumaStdDev(img), 4.0) << name << " is blank";
  }
  cx::testing::RgbaImage top;
  std::string error;
  ASSERT_TRUE(cx::testing::loadPng(out / "top.png", top, &error)) << error;
  EXPECT_EQ(top.width, 96u);
  EXPECT_EQ(top.height, 96u);
  EXPECT_GT(lumaStdDev(top), 4.0);
  // The failing plot and the narrow gap are red; no yellow (passing) outline.
  EXPECT_GT(countColor(top, 230, 20, 20), 50u);
  EXPECT_EQ(countColor(top, 255, 210, 0), 0u);
  auto cmp =
      cx::testing::compareWithGolden("preview_top", top, {.channelTolerance = 12, .maxBadFraction = 0.01});
  EXPECT_TRUE(cmp.match) << cmp.message;

  // The floor plan with the booth highlighted, when expo-tool is built with cx::ui.
  if (r.text.find("floor plan: not built in") == std::string::npos) {
    EXPECT_TRUE(fs::exists(out / "floorplan.svg")) << r.text;
    cx::testing::RgbaImage plan;
    ASSERT_TRUE(cx::testing::loadPng(out / "floorplan.png", plan, &error)) << error;
    EXPECT_GT(countColor(plan, 255, 0, 0), 4u) << "no highlighted booth";
  }

  // Back in its place, the plot is outlined in yellow and nothing is red.
  e.booths[0].position = {5, 5};
  ASSERT_TRUE(expo::saveExpoManifest(e, dir / "expo.json").ok());
  ToolOutput ok =
      runTool("preview " + dir.string() + " --exhibitor E1 --out " + out.string() + " --size 160x96");
  ASSERT_EQ(ok.code, 0) << ok.text;
  ASSERT_TRUE(cx::testing::loadPng(out / "top.png", top, &error)) << error;
  EXPECT_GT(countColor(top, 255, 210, 0), 20u);
  EXPECT_EQ(countColor(top, 230, 20, 20), 0u);

  EXPECT_EQ(runTool("preview " + dir.string() + " --exhibitor NOPE --out " + out.string()).code, 2);
  fs::remove_all(dir);
}
