// Both eyes see the same world in a headset (issue 14): cloudexpo --xr on the bundled sample
// against the simulated runtime, whose per-eye captures (colour and the submitted depth) are
// compared at three poses in the Sci-Tech pavilion: at eye height looking along the hall, close up
// at a booth, and looking down at the floor. Checks as in tests/render/stereo_test.cpp
// (stereo_consistency.h): coverage within kMaxCoverageDifference, and at least kMinAgreement of
// the pixels both eyes see agree in colour within kColourTolerance. Before the multiview probe,
// lavapipe's right eye lacked the pavilion floor, the booth frames and the controllers here.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>
#include <nlohmann/json.hpp>

#include "cx/render/view.h"
#include "image_compare.h"
#include "stereo_consistency.h"
#include "xr_run.h"

namespace {
namespace fs = std::filesystem;
using namespace cx::testing;
using namespace cx::testing::xr;

constexpr double kMaxCoverageDifference = 0.03;
constexpr double kMinAgreement = 0.95;
constexpr int kColourTolerance = 24;

// One eye of a capture: PREFIX-left.png, PREFIX-left-depth.f32 and its view in PREFIX-layers.json.
EyeCapture loadEye(const fs::path& dir, const std::string& prefix, int eye, std::string& problem) {
  EyeCapture c;
  const nlohmann::json layers = readJson(dir / (prefix + "-layers.json"));
  if (!layers.is_object()) {
    problem = prefix + "-layers.json missing";
    return c;
  }
  const nlohmann::json& view = layers["layers"][0]["views"][eye];
  std::string error;
  if (!loadPng(dir / (prefix + (eye == 0 ? "-left.png" : "-right.png")), c.color, &error)) {
    problem = error;
    return c;
  }
  if (!view.contains("depthInfo") || !view["depthInfo"].contains("file")) {
    problem = "no depth captured";
    return c;
  }
  c.depth.resize(size_t(c.color.width) * c.color.height);
  std::ifstream in(dir / view["depthInfo"]["file"].get<std::string>(), std::ios::binary);
  in.read(reinterpret_cast<char*>(c.depth.data()), std::streamsize(c.depth.size() * sizeof(float)));
  if (!in) problem = "short depth file";
  // Reverse Z with an infinite far plane, as the viewer submits it: nearZ infinite, farZ the near plane.
  const float zNear = view["depthInfo"]["farZ"].get<float>();
  const auto& p = view["pose"]["position"];
  const auto& q = view["pose"]["orientation"];
  const glm::quat orientation(q[3].get<float>(), q[0].get<float>(), q[1].get<float>(), q[2].get<float>());
  const glm::mat4 eyeToStage =
      glm::translate(glm::mat4(1.0f), {p[0].get<float>(), p[1].get<float>(), p[2].get<float>()}) *
      glm::mat4_cast(orientation);
  const auto& fov = view["fov"];
  c.viewProj = cx::render::perspectiveFromFov(fov[0].get<float>(), fov[1].get<float>(), fov[2].get<float>(),
                                              fov[3].get<float>(), zNear) *
               glm::inverse(eyeToStage);
  return c;
}

size_t countOf(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

TEST(XrSimStereo, BothEyeCapturesSeeTheSameWorldAtThreePoses) {
  const fs::path dir = tempDir("stereo");
  // The viewer places the visitor (the stage moves so that the head lands there); the runtime
  // turns the head. The eyes are captured with their depth after each pose has settled.
  const std::string runtimeScript =
      "ipd 0.064\nfov 45 45 42 42\neye_size 320 288\n"
      "at 0 head 0 1.6 0 0 -5\n"
      "at 50 capture " + (dir / "hall").string() + "\n"
      "at 51 head 0 1.6 0 0 -10\n"
      "at 90 capture " + (dir / "booth").string() + "\n"
      "at 91 head 0 1.6 0 30 -70\n"
      "at 130 capture " + (dir / "floor").string() + "\n"
      "at 135 exit\n";
  const std::string viewerScript =
      "move -221 -22 0\nwait 50\nmove -218.5 -105.2 180\nwait 40\nmove -221 -24 0\nwait 1000\n";
  ViewerRun r = runXr(dir, runtimeScript, viewerScript);
  ASSERT_EQ(r.exitCode, 0) << r.output;
  expectNoValidationMessages(r);
  // The decision is made and logged once, at start-up.
  EXPECT_EQ(countOf(r.output, "renderer: stereo frames"), 1u) << r.output;
  for (const char* pose : {"hall", "booth", "floor"}) {
    std::string problem;
    const EyeCapture left = loadEye(dir, pose, 0, problem);
    const EyeCapture right = loadEye(dir, pose, 1, problem);
    ASSERT_TRUE(problem.empty()) << pose << ": " << problem << "\n" << r.output;
    const StereoConsistency s = compareEyes(left, right, kColourTolerance);
    std::printf("%s: %s\n", pose, s.summary().c_str());
    EXPECT_LE(s.coverageDifference(), kMaxCoverageDifference) << pose << ": " << s.summary();
    EXPECT_GE(s.agreement(), kMinAgreement) << pose << ": " << s.summary();
    EXPECT_GT(s.coverage[0], 0.3) << pose << ": the pavilion should fill much of the view; " << s.summary();
  }
}

}  // namespace
