// cloudexpo --xr against the simulated runtime (tools/xr-sim-runtime) through the real OpenXR
// loader, with the OpenXR core validation layer and Vulkan validation on. Input and events come
// from the runtime's script; what was submitted comes back as captured eye images and layer lists.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "cx/expo/manifest.h"
#include "cx/expo/scene.h"
#include "cx/nav/collision.h"
#include "cx/nav/navigator.h"
#include "image_compare.h"
#include "run_command.h"
#include "xr_run.h"

namespace fs = std::filesystem;

namespace {

using cx::testing::readJson;
using cx::testing::writeText;
using namespace cx::testing::xr;

struct Png {
  int w = 0, h = 0;
  std::vector<uint8_t> rgba;
  const uint8_t* at(int x, int y) const { return &rgba[(size_t(y) * w + x) * 4]; }
};
Png loadPng(const fs::path& p) {
  Png img;
  cx::testing::RgbaImage raw;
  std::string error;
  if (cx::testing::loadPng(p, raw, &error)) {
    img.w = int(raw.width);
    img.h = int(raw.height);
    img.rgba = std::move(raw.rgba);
  }
  return img;
}

// Mean absolute difference of the luminance of two images (or regions), 0..255.
double meanAbsDiff(const Png& a, const Png& b, int x0, int y0, int x1, int y1, int shiftB = 0) {
  double sum = 0.0;
  int n = 0;
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x) {
      int xb = x + shiftB;
      if (xb < 0 || xb >= b.w) continue;
      const uint8_t* p = a.at(x, y);
      const uint8_t* q = b.at(xb, y);
      sum += std::abs((p[0] + p[1] + p[2]) - (q[0] + q[1] + q[2])) / 3.0;
      ++n;
    }
  }
  return n ? sum / n : 1e9;
}

double stddevLuma(const Png& a, int x0, int y0, int x1, int y1) {
  double s = 0, s2 = 0;
  int n = 0;
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) {
      const uint8_t* p = a.at(x, y);
      double l = (p[0] + p[1] + p[2]) / 3.0;
      s += l;
      s2 += l * l;
      ++n;
    }
  double m = s / n;
  return std::sqrt(std::max(0.0, s2 / n - m * m));
}

const char* kEyes = "ipd 0.064\nfov 45 45 40 40\neye_size 320 240\n";

TEST(XrSim, ReachesFocusedSubmits120StereoFramesAndExitsOnRequest) {
  fs::path dir = tempDir("focused");
  std::string rs = std::string(kEyes) + "at 0 head 0 1.6 0 0 0\n" + "at 125 capture " + (dir / "f125").string() +
                   "\nat 130 exit\n";
  ViewerRun r = runXr(dir, rs, "state " + (dir / "state.json").string() + "\n");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  expectNoValidationMessages(r);
  nlohmann::json summary = readJson(dir / "runtime.txt.summary.json");
  ASSERT_TRUE(summary.is_object()) << r.output;
  std::vector<std::string> states = summary["sessionStates"];
  EXPECT_NE(std::find(states.begin(), states.end(), "FOCUSED"), states.end());
  EXPECT_EQ(states.back(), "EXITING");
  EXPECT_EQ(summary["finalState"], "EXITING");
  EXPECT_GE(summary["framesSubmitted"].get<int>(), 120);
  EXPECT_TRUE(summary["errors"].empty()) << summary.dump();
  // The viewer's own account agrees.
  nlohmann::json report = readJson(dir / "viewer.txt.xr.json");
  ASSERT_TRUE(report.is_object());
  EXPECT_GE(report["framesSubmitted"].get<int>(), 120);
  EXPECT_EQ(report["space"], "STAGE");
  EXPECT_EQ(report["sessionStates"].back(), "EXITING");

  nlohmann::json layers = readJson(dir / "f125-layers.json");
  ASSERT_TRUE(layers.is_object()) << r.output;
  ASSERT_GE(layers["layers"].size(), 1u);
  const auto& proj = layers["layers"][0];
  EXPECT_EQ(proj["type"], "projection");
  ASSERT_EQ(proj["views"].size(), 2u);
  EXPECT_EQ(proj["views"][0]["imageArrayIndex"], 0);
  EXPECT_EQ(proj["views"][1]["imageArrayIndex"], 1);

  // Both eyes show the expo (not just the sky), and they differ (parallax), but not by much.
  Png left = loadPng(dir / "f125-left.png"), right = loadPng(dir / "f125-right.png");
  ASSERT_EQ(left.w, 320);
  ASSERT_EQ(right.w, 320);
  EXPECT_GT(stddevLuma(left, 0, left.h / 2, left.w, left.h), 5.0);
  EXPECT_GT(stddevLuma(right, 0, right.h / 2, right.w, right.h), 5.0);
  EXPECT_GT(meanAbsDiff(left, right, 0, 0, 320, 240), 0.1);
}

TEST(XrSim, EyeParallaxMatchesTheIpd) {
  // The controller box (4 x 4 x 12 cm, dark) held 0.5 m straight ahead against the sky: its near
  // face is 0.41 m from the eyes, so the right eye sees it shifted left by ipd * focal / 0.41 px.
  // Things at infinity (the sky) have no parallax, so only the IPD explains the shift.
  fs::path dir = tempDir("parallax");
  const float pitch = glm::radians(30.0f);
  const glm::vec3 hand = glm::vec3(0.0f, 1.6f, 0.0f) + 0.5f * glm::vec3(0.0f, std::sin(pitch), -std::cos(pitch));
  char pose[160];
  std::snprintf(pose, sizeof pose, "at 0 head 0 1.6 0 0 30\nat 0 hand right %.5f %.5f %.5f 0 30\n", hand.x, hand.y, hand.z);
  std::string rs = std::string(kEyes) + pose + "at 10 capture " + (dir / "f10").string() + "\nat 12 exit\n";
  ViewerRun r = runXr(dir, rs, "wait 1\n");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  expectNoValidationMessages(r);
  Png left = loadPng(dir / "f10-left.png"), right = loadPng(dir / "f10-right.png");
  ASSERT_EQ(left.w, 320);
  ASSERT_EQ(right.w, 320);
  // Centroid of the dark (box) pixels in the middle of the image; the sky there is much brighter.
  auto centroid = [](const Png& img, int* count) {
    double sum = 0.0;
    int n = 0;
    for (int y = 105; y < 135; ++y)
      for (int x = 80; x < 240; ++x) {  // the middle: the box, not the hall's pillars at the sides
        const uint8_t* p = img.at(x, y);
        if ((p[0] + p[1] + p[2]) / 3 < 135) {
          sum += x;
          ++n;
        }
      }
    *count = n;
    return n ? sum / n : -1.0;
  };
  int nl = 0, nr = 0;
  const double cl = centroid(left, &nl), cr = centroid(right, &nr);
  const double focal = 160.0 / std::tan(glm::radians(45.0));  // fov 45 degrees each side, 320 px
  const double predicted = 0.064 * focal / 0.41;
  std::printf("parallax: box centroid left %.2f px, right %.2f px: disparity %.2f px, predicted %.2f px\n", cl, cr,
              cl - cr, predicted);
  ASSERT_GT(nl, 50) << "the controller box is not in the left eye";
  ASSERT_GT(nr, 50) << "the controller box is not in the right eye";
  EXPECT_NEAR(cl - cr, predicted, 2.0);
  EXPECT_NEAR((cl + cr) * 0.5, 160.0, 2.0);  // centred between the eyes
}

struct Angles {
  double yawDeg;
  glm::vec3 position;
};
Angles cameraOf(const nlohmann::json& state) {
  return {state["camera"]["yawDeg"].get<double>(),
          glm::vec3(state["camera"]["position"][0].get<float>(), state["camera"]["position"][1].get<float>(),
                    state["camera"]["position"][2].get<float>())};
}
double angleDiff(double a, double b) {
  double d = std::fmod(a - b + 540.0, 360.0) - 180.0;
  return d;
}

TEST(XrSim, SnapTurnRotatesByExactlyTheSetAngle) {
  for (int angle : {45, 30}) {
    fs::path dir = tempDir("turn" + std::to_string(angle));
    std::string rs = std::string(kEyes) + "at 0 head 0.1 1.6 -0.2 10 0\nat 0 hand right 0.2 1.3 -0.3 0 -20\n" +
                     "at 20 stick right 1 0\nat 24 stick right 0 0\nat 60 exit\n";
    std::string vs = "wait 10\nstate " + (dir / "a.json").string() + "\nwait 30\nstate " + (dir / "b.json").string() + "\n";
    ViewerRun r = runXr(dir, rs, vs, "", angle == 30 ? "--xr --snap-turn 30" : "--xr");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    expectNoValidationMessages(r);
    Angles a = cameraOf(readJson(dir / "a.json")), b = cameraOf(readJson(dir / "b.json"));
    std::printf("snap turn %d: yaw %.4f -> %.4f\n", angle, a.yawDeg, b.yawDeg);
    EXPECT_NEAR(angleDiff(b.yawDeg, a.yawDeg), -angle, 1e-2);  // stick right turns right
    EXPECT_NEAR(glm::distance(a.position, b.position), 0.0f, 1e-3f);  // about the head
    nlohmann::json report = readJson(dir / "viewer.txt.xr.json");
    EXPECT_EQ(report["snapTurns"], 1);
  }
}

// The vignette layer of one captured frame: its strength level (1..16, from the atlas tile its
// imageRect picks: viewer/xr_ui.h) and its image; level 0 when there is no VIEW-space quad.
struct VignetteShot {
  int level = 0;
  int quads = 0;
  Png image;
};
VignetteShot vignetteAt(const fs::path& dir, const std::string& name) {
  VignetteShot v;
  nlohmann::json layers = readJson(dir / (name + "-layers.json"));
  EXPECT_TRUE(layers.is_object()) << name;
  if (!layers.is_object()) return v;
  for (const auto& l : layers["layers"]) {
    if (l["type"] != "quad" || l["space"] != "VIEW") continue;
    ++v.quads;
    const int x = l["imageRect"][0], y = l["imageRect"][1];
    EXPECT_EQ(l["imageRect"][2], 126) << l.dump();
    EXPECT_EQ(l["imageRect"][3], 126) << l.dump();
    EXPECT_EQ((x - 1) % 128, 0) << l.dump();
    EXPECT_EQ((y - 1) % 128, 0) << l.dump();
    v.level = (y - 1) / 128 * 4 + (x - 1) / 128 + 1;
    v.image = loadPng(dir / l["png"].get<std::string>());
  }
  return v;
}

TEST(XrSim, SmoothTurnFadesTheComfortVignetteInAndOut) {
  // Frames are 1/90 s apart (free-running): the vignette takes 0.15 s (13.5 frames) to fade in
  // and 0.3 s (27 frames) to fade out. The stick turns from frame 10 to 30.
  fs::path dir = tempDir("smooth");
  std::string rs = std::string(kEyes) + "at 0 head 0 1.6 0 0 0\nat 10 stick right 1 0\nat 31 stick right 0 0\n";
  const std::vector<int> frames = {8, 11, 14, 17, 26, 30, 35, 44, 60, 80};
  for (int f : frames) rs += "at " + std::to_string(f) + " capture " + (dir / ("f" + std::to_string(f))).string() + "\n";
  rs += "at 82 exit\n";
  std::string vs = "wait 5\nstate " + (dir / "a.json").string() + "\nwait 30\nstate " + (dir / "b.json").string() + "\n";
  ViewerRun r = runXr(dir, rs, vs, "", "--xr --smooth-turn");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  expectNoValidationMessages(r);
  std::map<int, VignetteShot> shot;
  for (int f : frames) {
    shot[f] = vignetteAt(dir, "f" + std::to_string(f));
    EXPECT_LE(shot[f].quads, 1) << f;
    std::printf("frame %d: vignette level %d\n", f, shot[f].level);
  }
  // Before turning: none. Ramp up: partial and rising. Plateau: full. Ramp down: partial and
  // falling. Then gone.
  EXPECT_EQ(shot[8].level, 0);
  EXPECT_GT(shot[11].level, 0);
  EXPECT_LT(shot[11].level, shot[14].level);
  EXPECT_LT(shot[14].level, shot[17].level);
  EXPECT_LT(shot[17].level, 16);
  EXPECT_EQ(shot[26].level, 16);
  EXPECT_EQ(shot[30].level, 16);
  EXPECT_LT(shot[35].level, 16);
  EXPECT_GT(shot[35].level, shot[44].level);
  EXPECT_GT(shot[44].level, 0);
  EXPECT_EQ(shot[60].level, 0);
  EXPECT_EQ(shot[80].level, 0);
  // The submitted image shows that strength: black, clear in the middle, the tile's strength at
  // the rim (premultiplied alpha, 255 * level / 16).
  for (int f : {11, 17, 30, 44}) {
    const Png& img = shot[f].image;
    ASSERT_EQ(img.w, 126) << f;
    ASSERT_EQ(img.h, 126) << f;
    const uint8_t* rim = img.at(0, 0);
    const uint8_t* centre = img.at(63, 63);
    EXPECT_NEAR(rim[3], 255.0 * shot[f].level / 16.0, 1.0) << f;
    EXPECT_EQ(rim[0] + rim[1] + rim[2], 0) << f;
    EXPECT_EQ(centre[3], 0) << f;
  }
  Angles a = cameraOf(readJson(dir / "a.json")), b = cameraOf(readJson(dir / "b.json"));
  std::printf("smooth turn: yaw %.2f -> %.2f\n", a.yawDeg, b.yawDeg);
  EXPECT_LT(angleDiff(b.yawDeg, a.yawDeg), -1.0);  // turned right, continuously
  nlohmann::json report = readJson(dir / "viewer.txt.xr.json");
  EXPECT_EQ(report["snapTurns"], 0);
}

TEST(XrSim, TeleportMovesTheStageSoTheHeadStandsOnTheTarget) {
  fs::path dir = tempDir("teleport");
  std::string rs = std::string(kEyes) + "at 0 head 0 1.6 0 0 0\nat 0 hand right 0.2 1.3 -0.3 0 -25\n" +
                   "at 20 stick right 0 1\nat 30 stick right 0 0\nat 60 exit\n";
  std::string vs = "wait 10\nstate " + (dir / "a.json").string() + "\nwait 30\nstate " + (dir / "b.json").string() + "\n";
  ViewerRun r = runXr(dir, rs, vs);
  ASSERT_EQ(r.exitCode, 0) << r.output;
  expectNoValidationMessages(r);
  nlohmann::json report = readJson(dir / "viewer.txt.xr.json");
  ASSERT_EQ(report["teleports"], 1) << report.dump();
  glm::vec3 target(report["lastTeleport"][0].get<float>(), report["lastTeleport"][1].get<float>(),
                   report["lastTeleport"][2].get<float>());
  Angles a = cameraOf(readJson(dir / "a.json")), b = cameraOf(readJson(dir / "b.json"));
  std::printf("teleport: head (%.2f, %.2f) -> (%.2f, %.2f), target (%.2f, %.2f)\n", a.position.x, a.position.z,
              b.position.x, b.position.z, target.x, target.z);
  EXPECT_NEAR(b.position.x, target.x, 1e-3f);
  EXPECT_NEAR(b.position.z, target.z, 1e-3f);
  EXPECT_NEAR(target.y, 0.0f, 1e-3f);  // on the floor
  EXPECT_GT(glm::distance(a.position, b.position), 1.0f);
  EXPECT_NEAR(angleDiff(b.yawDeg, a.yawDeg), 0.0, 1e-3);
}

TEST(XrSim, RaySelectsABoothAndItsPanelAppearsInTheUiLayer) {
  auto expo = cx::expo::loadExpoManifest(kSample / "expo.json");
  ASSERT_TRUE(expo) << expo.message();
  auto scene = cx::expo::buildScene(*expo);
  auto world = cx::nav::buildCollisionWorld(*expo, scene);
  uint32_t booth = 0;
  std::optional<cx::nav::Viewpoint> vp;
  for (; booth < expo->booths.size(); ++booth) {
    vp = cx::nav::boothViewpoint(*expo, scene, world, booth, 1.6f);
    if (!vp) continue;
    glm::vec3 d(-std::sin(vp->yaw), 0.0f, -std::cos(vp->yaw));
    auto hit = world.booths.raycast(glm::vec3(vp->position.x, 1.2f, vp->position.z), d, 50.0f);
    if (hit && hit->booth == booth) break;
  }
  ASSERT_LT(booth, expo->booths.size());
  fs::path dir = tempDir("select");
  // Head and hand face the booth; the hand at 1.2 m points straight ahead (away from the panel).
  std::string rs = std::string(kEyes) + "at 0 head 0 1.6 0 0 0\nat 0 hand right 0.1 1.2 0 0 0\n" +
                   "at 15 capture " + (dir / "before").string() + "\nat 20 trigger right 1\nat 22 trigger right 0\n" +
                   "at 40 capture " + (dir / "after").string() + "\nat 50 exit\n";
  char move[128];
  std::snprintf(move, sizeof move, "move %.4f %.4f %.4f\n", vp->position.x, vp->position.z, glm::degrees(vp->yaw));
  std::string vs = std::string(move) + "wait 40\nstate " + (dir / "state.json").string() + "\n";
  ViewerRun r = runXr(dir, rs, vs);
  ASSERT_EQ(r.exitCode, 0) << r.output;
  expectNoValidationMessages(r);
  nlohmann::json state = readJson(dir / "state.json");
  ASSERT_TRUE(state.is_object());
  EXPECT_EQ(state["selectedBooth"], expo->booths[booth].id);
  ASSERT_TRUE(state["boothPanelRect"].is_array()) << state.dump();
  {
    // The compact UI layout keeps the whole panel on the 1024 x 768 quad (the desktop one cut it).
    const auto& rect = state["boothPanelRect"];
    const float x = rect[0], y = rect[1], w = rect[2], h = rect[3];
    EXPECT_GE(x, 0.0f);
    EXPECT_GE(y, 0.0f);
    EXPECT_LE(x + w, 1024.0f) << state.dump();
    EXPECT_LE(y + h, 768.0f) << state.dump();
  }
  // The booth panel is drawn into the quad layer: its region changed between the captures.
  nlohmann::json after = readJson(dir / "after-layers.json");
  std::string quadPng;
  for (const auto& l : after["layers"]) {
    if (l["type"] == "quad") quadPng = l["png"];
  }
  ASSERT_FALSE(quadPng.empty()) << after.dump();
  nlohmann::json before = readJson(dir / "before-layers.json");
  std::string quadBefore;
  for (const auto& l : before["layers"]) {
    if (l["type"] == "quad") quadBefore = l["png"];
  }
  auto resolve = [&](const std::string& p) { return fs::path(p).is_absolute() ? fs::path(p) : dir / p; };
  Png qa = loadPng(resolve(quadPng)), qb = loadPng(resolve(quadBefore));
  ASSERT_EQ(qa.w, 1024);
  ASSERT_EQ(qb.w, 1024);
  const auto& rect = state["boothPanelRect"];
  int x0 = std::clamp(int(rect[0].get<float>()), 0, qa.w - 1), y0 = std::clamp(int(rect[1].get<float>()), 0, qa.h - 1);
  int x1 = std::clamp(int(rect[0].get<float>() + rect[2].get<float>()), x0 + 1, qa.w);
  int y1 = std::clamp(int(rect[1].get<float>() + rect[3].get<float>()), y0 + 1, qa.h);
  double diff = meanAbsDiff(qa, qb, x0, y0, x1, y1);
  std::printf("booth panel at (%d,%d)-(%d,%d): mean change %.1f, text contrast %.1f\n", x0, y0, x1, y1, diff,
              stddevLuma(qa, x0, y0, x1, y1));
  EXPECT_GT(diff, 3.0);
  EXPECT_GT(stddevLuma(qa, x0, y0, x1, y1), 10.0);
}

TEST(XrSim, LossPendingRecoversWithANewSession) {
  fs::path dir = tempDir("loss");
  std::string rs = std::string(kEyes) + "at 0 head 0 1.6 0 0 0\nat 30 loss\n";
  ViewerRun r = runXr(dir, rs, "wait 90\nquit\n");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  expectNoValidationMessages(r);
  nlohmann::json report = readJson(dir / "viewer.txt.xr.json");
  ASSERT_TRUE(report.is_object()) << r.output;
  std::printf("loss: %d sessions, %d frames, end %s\n", report["sessionsCreated"].get<int>(),
              report["framesSubmitted"].get<int>(), report["exitReason"].get<std::string>().c_str());
  std::vector<std::string> states = report["sessionStates"];
  EXPECT_NE(std::find(states.begin(), states.end(), "LOSS_PENDING"), states.end());
  // The script loses every session at its frame 30: the viewer recovers (a new session each
  // time, at most 3 recreations) and exits cleanly on `quit`.
  EXPECT_GE(report["sessionsCreated"].get<int>(), 2);
  EXPECT_EQ(states.back(), "EXITING");
  EXPECT_EQ(report["exitReason"], "exiting");
  EXPECT_GT(report["framesSubmitted"].get<int>(), 30);
}

TEST(XrSim, NoRuntimeFallsBackToTheWindowOrFailsWhenRequired) {
  fs::path dir = tempDir("noruntime");
  writeText(dir / "viewer.txt", "wait 3\nquit\n");
  const std::string env = "XDG_RUNTIME_DIR=" + dir.string() + " XR_RUNTIME_JSON=" + (dir / "nowhere.json").string() + " ";
  auto run = [&](const std::string& args, bool window) {
    std::string cmd = "env " + env + (window ? "xvfb-run -a -s '-screen 0 1024x768x24' " : "") + CX_VIEWER_PATH + " " +
                      kSample.string() + " " + args + " > " + (dir / "out.txt").string() + " 2>&1";
    int status = std::system(cmd.c_str());
    ViewerRun r;
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream in(dir / "out.txt");
    std::stringstream ss;
    ss << in.rdbuf();
    r.output = ss.str();
    return r;
  };
  ViewerRun req = run("--xr=required", false);
  EXPECT_EQ(req.exitCode, 5) << req.output;
  EXPECT_NE(req.output.find("--xr=required: OpenXR"), std::string::npos) << req.output;
  ViewerRun fb = run("--xr --validation --script " + (dir / "viewer.txt").string(), true);
  EXPECT_EQ(fb.exitCode, 0) << fb.output;
  EXPECT_NE(fb.output.find("falling back to the window"), std::string::npos) << fb.output;
}

}  // namespace
