// End-to-end tests of the cloudexpo viewer: the binary runs a script on the bundled sample expo
// (offscreen, or in a window under Xvfb), with Vulkan validation on, and the test checks the state
// and the screenshot it wrote. Any validation message makes the viewer exit non-zero.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cx/expo/manifest.h"
#include "image_compare.h"
#include "run_command.h"
#include "viewer_run.h"

namespace fs = std::filesystem;

namespace {

using cx::testing::kSampleExpo;
using ViewerRun = cx::testing::CommandRun;

fs::path tempDir(const std::string& name) { return cx::testing::freshTempDir("viewer", name); }

// Offscreen, or in a window under Xvfb.
ViewerRun runViewerOrWindow(const std::string& args, const fs::path& dir, bool window = false) {
  return cx::testing::runViewerBinary(args, dir, window ? "xvfb-run -a -s '-screen 0 1024x768x24' " : "");
}

using cx::testing::readJson;
using cx::testing::writeText;

const cx::expo::Expo& sampleExpo() {
  static cx::expo::Expo expo = [] {
    auto e = cx::expo::loadExpoManifest(kSampleExpo / "expo.json");
    EXPECT_TRUE(e.ok()) << e.message();
    return e.ok() ? *e : cx::expo::Expo{};
  }();
  return expo;
}

// The first exhibitor whose native name is Korean, and its booth.
std::pair<const cx::expo::Exhibitor*, const cx::expo::Booth*> koreanExhibitor() {
  const auto& expo = sampleExpo();
  for (const auto& ex : expo.exhibitors) {
    if (ex.name.lang != "ko" || ex.booth.empty()) continue;
    for (const auto& b : expo.booths) {
      if (b.id == ex.booth) return {&ex, &b};
    }
  }
  return {nullptr, nullptr};
}

// The first `count` Hangul syllables (U+AC00..U+D7A3, 3 bytes in UTF-8) of `text`, in order.
std::string hangulPrefix(const std::string& text, int count) {
  std::string out;
  for (size_t i = 0; i + 2 < text.size() && count > 0;) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0xEA && c <= 0xED) {
      out += text.substr(i, 3);
      --count;
      i += 3;
    } else if (!out.empty()) {
      break;
    } else {
      i += (c < 0x80) ? 1 : (c < 0xE0) ? 2 : (c < 0xF0) ? 3 : 4;
    }
  }
  return out;
}

// Position of `p` in the booth's local frame (x along its width, z along its front normal).
glm::vec2 boothLocal(const cx::expo::Booth& b, glm::vec2 p) {
  float r = glm::radians(b.rotationDeg);
  glm::vec2 axisX(std::cos(r), -std::sin(r));
  glm::vec2 axisZ(-axisX.y, axisX.x);
  glm::vec2 d = p - b.position;
  return {glm::dot(d, axisX), glm::dot(d, axisZ)};
}

TEST(Viewer, SearchKoreanNameGoToBoothAndShowPanel) {
  auto [exhibitor, booth] = koreanExhibitor();
  ASSERT_NE(exhibitor, nullptr);
  fs::path dir = tempDir("search");
  // Search by a part of the Korean name (its first two Hangul syllables, as a visitor would type).
  std::string query = hangulPrefix(exhibitor->name.native, 2);
  ASSERT_FALSE(query.empty());
  writeText(dir / "script.txt", "size 480 300\nwait 2\nwalk forward 2\nsearch " + query +
                                    "\nwait 2\nenter\nwait 3\nstate " + (dir / "state.json").string() +
                                    "\nscreenshot " + (dir / "shot.png").string() + "\nquit\n");
  ViewerRun r = runViewerOrWindow(kSampleExpo.string() + " --offscreen --validation --script " + (dir / "script.txt").string(), dir);
  ASSERT_EQ(r.exitCode, 0) << r.output;
  auto state = readJson(dir / "state.json");
  ASSERT_FALSE(state.is_discarded()) << r.output;
  EXPECT_EQ(state["selectedBooth"], booth->id) << state.dump(2);
  EXPECT_EQ(state["selectedExhibitor"], exhibitor->id);
  EXPECT_FALSE(state["camera"]["transitioning"].get<bool>());
  // The camera ends in the aisle in front of the booth: on its +Z side, beyond its front edge,
  // within a few metres, roughly centred, at eye height.
  auto pos = state["camera"]["position"];
  glm::vec2 local = boothLocal(*booth, {pos[0].get<float>(), pos[2].get<float>()});
  EXPECT_GT(local.y, booth->footprint.y * 0.5f) << "camera is not in front of the booth";
  EXPECT_LT(local.y, booth->footprint.y * 0.5f + 8.0f) << "camera is too far from the booth";
  EXPECT_LT(std::abs(local.x), booth->footprint.x * 0.5f + 1.0f);
  EXPECT_NEAR(pos[1].get<float>(), 1.65f, 0.01f);
  // The booth panel is open and lies inside the screenshot, which is not blank there.
  auto panels = state["panels"];
  EXPECT_NE(std::find(panels.begin(), panels.end(), "booth"), panels.end());
  ASSERT_TRUE(state["boothPanelRect"].is_array()) << state.dump(2);
  cx::testing::RgbaImage shot;
  std::string error;
  ASSERT_TRUE(cx::testing::loadPng(dir / "shot.png", shot, &error)) << error;
  EXPECT_EQ(shot.width, 480u);
  EXPECT_EQ(shot.height, 300u);
  auto rect = state["boothPanelRect"];
  uint32_t x0 = uint32_t(std::max(0.0f, rect[0].get<float>())), y0 = uint32_t(std::max(0.0f, rect[1].get<float>()));
  ASSERT_LT(x0 + 20, shot.width);
  ASSERT_LT(y0 + 20, shot.height);
  // ImGui's window background is dark and its title bar is blue-ish; the region is not sky.
  double panelLum = cx::testing::meanLuminance(shot, x0 + 4, y0 + 24, std::min(shot.width, x0 + 200), std::min(shot.height, y0 + 120));
  EXPECT_LT(panelLum, 90.0) << "the booth panel region should be the dark panel background";
  fs::remove_all(dir);
}

TEST(Viewer, WalkingIntoABoothStopsAtItsFootprint) {
  auto [exhibitor, booth] = koreanExhibitor();
  ASSERT_NE(booth, nullptr);
  fs::path dir = tempDir("collide");
  // Stand 4 m in front of the booth, face it, and walk 10 m straight at it.
  float r = glm::radians(booth->rotationDeg);
  glm::vec2 axisZ(std::sin(r), std::cos(r));
  glm::vec2 start = booth->position + axisZ * (booth->footprint.y * 0.5f + 4.0f);
  float yawDeg = booth->rotationDeg;  // facing -local Z, i.e. towards the booth
  std::ostringstream script;
  script << "size 320 200\nmove " << start.x << " " << start.y << " " << yawDeg << "\nwalk forward 10\nstate "
         << (dir / "state.json").string() << "\nquit\n";
  writeText(dir / "script.txt", script.str());
  ViewerRun run = runViewerOrWindow(kSampleExpo.string() + " --offscreen --validation --script " + (dir / "script.txt").string(), dir);
  ASSERT_EQ(run.exitCode, 0) << run.output;
  auto state = readJson(dir / "state.json");
  auto pos = state["camera"]["position"];
  glm::vec2 local = boothLocal(*booth, {pos[0].get<float>(), pos[2].get<float>()});
  // Stopped in front of the footprint, about one body radius (0.3 m) from its edge.
  EXPECT_GT(local.y, booth->footprint.y * 0.5f + 0.25f) << state.dump(2);
  EXPECT_LT(local.y, booth->footprint.y * 0.5f + 0.6f) << state.dump(2);
  fs::remove_all(dir);
}

TEST(Viewer, WindowModeSurvivesResizeWithoutValidationErrors) {
  fs::path dir = tempDir("window");
  writeText(dir / "script.txt", "size 400 240\nwait 2\nsize 520 300\nwait 2\nsize 300 200\nwait 2\nselect " +
                                    sampleExpo().booths.front().id + "\nwait 2\nscreenshot " +
                                    (dir / "shot.png").string() + "\nstate " + (dir / "state.json").string() +
                                    "\nquit\n");
  ViewerRun r = runViewerOrWindow(kSampleExpo.string() + " --validation --script " + (dir / "script.txt").string(), dir, true);
  ASSERT_EQ(r.exitCode, 0) << r.output;
  cx::testing::RgbaImage shot;
  std::string error;
  ASSERT_TRUE(cx::testing::loadPng(dir / "shot.png", shot, &error)) << error << "\n" << r.output;
  EXPECT_EQ(shot.width, 300u);
  EXPECT_EQ(shot.height, 200u);
  auto state = readJson(dir / "state.json");
  EXPECT_EQ(state["selectedBooth"], sampleExpo().booths.front().id);
  fs::remove_all(dir);
}

TEST(Viewer, FloorPlanExportMatchesTheManifest) {
  fs::path dir = tempDir("floorplan");
  ViewerRun r = runViewerOrWindow(kSampleExpo.string() + " --export-floorplan " + (dir / "plan").string(), dir);
  ASSERT_EQ(r.exitCode, 0) << r.output;
  std::ifstream in(dir / "plan.svg");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string svg = ss.str();
  size_t booths = 0;
  for (size_t pos = svg.find("id=\"booth-"); pos != std::string::npos; pos = svg.find("id=\"booth-", pos + 1)) ++booths;
  EXPECT_EQ(booths, sampleExpo().booths.size());
  for (const auto& b : sampleExpo().booths) {
    if (svg.find("id=\"booth-" + b.id + "\"") == std::string::npos) {
      ADD_FAILURE() << "booth " << b.id << " missing from the SVG";
      break;
    }
  }
  cx::testing::RgbaImage png;
  std::string error;
  ASSERT_TRUE(cx::testing::loadPng(dir / "plan.png", png, &error)) << error;
  EXPECT_GT(png.width, 100u);
  fs::remove_all(dir);
}

TEST(Viewer, BadInputGivesOneLineErrorAndNonZeroExit) {
  fs::path dir = tempDir("bad");
  writeText(dir / "expo.json", "{ \"formatVersion\": 1, ");
  ViewerRun r = runViewerOrWindow((dir / "expo.json").string() + " --offscreen", dir);
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.output.find("expo.json"), std::string::npos) << r.output;
  writeText(dir / "script.txt", "frobnicate 3\n");
  r = runViewerOrWindow(kSampleExpo.string() + " --offscreen --script " + (dir / "script.txt").string(), dir);
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.output.find("script.txt:1: unknown command \"frobnicate\""), std::string::npos) << r.output;
  fs::remove_all(dir);
}

}  // namespace
