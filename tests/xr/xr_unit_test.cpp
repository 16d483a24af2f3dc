// engine/xr logic without a runtime: lifecycle transitions, views from XrFovf (asymmetric),
// locomotion (snap turn, re-arm, teleport), the suggested-binding table, and the UI panel ray hit.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <glm/gtc/matrix_transform.hpp>

#include "cx/expo/manifest.h"
#include "cx/expo/scene.h"
#include "cx/nav/collision.h"
#include "cx/xr/input.h"
#include "cx/xr/lifecycle.h"
#include "cx/xr/locomotion.h"
#include "cx/xr/views.h"

namespace {

using cx::xr::LifecycleAction;

TEST(XrLifecycle, EveryStateMapsToItsAction) {
  cx::xr::Lifecycle l;
  EXPECT_EQ(onSessionStateChanged(l, XR_SESSION_STATE_IDLE), LifecycleAction::None);
  EXPECT_FALSE(framesRunning(l));
  EXPECT_EQ(onSessionStateChanged(l, XR_SESSION_STATE_READY), LifecycleAction::BeginSession);
  EXPECT_TRUE(framesRunning(l));
  EXPECT_EQ(onSessionStateChanged(l, XR_SESSION_STATE_SYNCHRONIZED), LifecycleAction::None);
  EXPECT_EQ(onSessionStateChanged(l, XR_SESSION_STATE_VISIBLE), LifecycleAction::None);
  EXPECT_FALSE(inputFocused(l));
  EXPECT_EQ(onSessionStateChanged(l, XR_SESSION_STATE_FOCUSED), LifecycleAction::None);
  EXPECT_TRUE(inputFocused(l));
  EXPECT_TRUE(framesRunning(l));
  EXPECT_EQ(onSessionStateChanged(l, XR_SESSION_STATE_VISIBLE), LifecycleAction::None);
  EXPECT_FALSE(inputFocused(l));
  EXPECT_EQ(onSessionStateChanged(l, XR_SESSION_STATE_STOPPING), LifecycleAction::EndSession);
  EXPECT_FALSE(framesRunning(l));
  EXPECT_EQ(onSessionStateChanged(l, XR_SESSION_STATE_IDLE), LifecycleAction::None);
  EXPECT_EQ(onSessionStateChanged(l, XR_SESSION_STATE_EXITING), LifecycleAction::Exit);
  ASSERT_EQ(l.history.size(), 9u);
  EXPECT_STREQ(cx::xr::sessionStateName(l.history.back()), "EXITING");

  cx::xr::Lifecycle lost;
  onSessionStateChanged(lost, XR_SESSION_STATE_READY);
  EXPECT_EQ(onSessionStateChanged(lost, XR_SESSION_STATE_LOSS_PENDING), LifecycleAction::RecreateSession);
  EXPECT_FALSE(framesRunning(lost));
}

// Projects an eye-space direction and returns NDC x, y.
glm::vec2 ndcOf(const glm::mat4& proj, glm::vec3 eyeDir) {
  glm::vec4 c = proj * glm::vec4(eyeDir, 1.0f);
  return glm::vec2(c) / c.w;
}

TEST(XrViews, AsymmetricFovMapsItsEdgesToTheImageEdges) {
  // A typical left eye: wider outward (left) than inward, more down than up.
  XrFovf fov{glm::radians(-52.0f), glm::radians(41.0f), glm::radians(44.0f), glm::radians(-53.0f)};
  cx::render::View v = cx::xr::viewFromXr(cx::xr::identityPose(), fov, glm::mat4(1.0f), 0.05f);
  auto edge = [&](float ax, float ay) { return glm::vec3(std::tan(ax) * 3.0f, std::tan(ay) * 3.0f, -3.0f); };
  glm::vec2 left = ndcOf(v.projection, edge(fov.angleLeft, 0.0f));
  glm::vec2 right = ndcOf(v.projection, edge(fov.angleRight, 0.0f));
  glm::vec2 up = ndcOf(v.projection, edge(0.0f, fov.angleUp));
  glm::vec2 down = ndcOf(v.projection, edge(0.0f, fov.angleDown));
  EXPECT_NEAR(left.x, -1.0f, 1e-5f);
  EXPECT_NEAR(right.x, 1.0f, 1e-5f);
  EXPECT_NEAR(up.y, -1.0f, 1e-5f);  // Vulkan clip space: y down
  EXPECT_NEAR(down.y, 1.0f, 1e-5f);
  // Straight ahead is not the image centre for an asymmetric frustum.
  glm::vec2 ahead = ndcOf(v.projection, glm::vec3(0, 0, -3));
  EXPECT_GT(ahead.x, 0.05f);
  // Reverse Z: depth 1 at the near plane, towards 0 far away.
  glm::vec4 n = v.projection * glm::vec4(0, 0, -0.05f, 1.0f);
  glm::vec4 f = v.projection * glm::vec4(0, 0, -1000.0f, 1.0f);
  EXPECT_NEAR(n.z / n.w, 1.0f, 1e-5f);
  EXPECT_LT(f.z / f.w, 1e-3f);
}

TEST(XrViews, PoseAndStageOriginPlaceTheEye) {
  // Eye at (0.032, 1.6, 0) in the stage, stage at (10, 0, 5) turned 90 degrees left.
  XrPosef pose = cx::xr::identityPose();
  pose.position = {0.032f, 1.6f, 0.0f};
  cx::xr::StageOrigin origin{{10.0f, 0.0f, 5.0f}, glm::radians(90.0f)};
  glm::mat4 toWorld = cx::xr::appToWorld(origin, 0.0f, {});
  XrFovf fov{-0.7f, 0.7f, 0.7f, -0.7f};
  cx::render::View v = cx::xr::viewFromXr(pose, fov, toWorld);
  EXPECT_NEAR(v.eye.x, 10.0f, 1e-5f);
  EXPECT_NEAR(v.eye.y, 1.6f, 1e-5f);
  EXPECT_NEAR(v.eye.z, 5.0f - 0.032f, 1e-5f);
  // The eye looks toward -X after a 90 degree left turn.
  glm::vec3 forward = glm::vec3(glm::inverse(v.view) * glm::vec4(0, 0, -1, 0));
  EXPECT_NEAR(forward.x, -1.0f, 1e-5f);
  // LOCAL space: the floor offset lifts the origin.
  glm::mat4 local = cx::xr::appToWorld({}, 1.6f, {});
  EXPECT_NEAR((local * glm::vec4(0, 0, 0, 1)).y, 1.6f, 1e-6f);
}

TEST(XrLocomotion, SnapTurnRotatesByTheSetAngleAboutTheHeadAndRearms) {
  for (float angle : {45.0f, 30.0f}) {
    cx::xr::LocomotionSettings s;
    s.snapTurnDeg = angle;
    cx::xr::Locomotion loco;
    loco.origin = {{3.0f, 0.0f, -2.0f}, 0.3f};
    const glm::vec3 headStage(0.4f, 1.7f, -0.2f);
    auto headWorld = [&] { return glm::vec3(cx::xr::appToWorld(loco.origin, 0.0f, s) * glm::vec4(headStage, 1.0f)); };
    cx::xr::LocomotionInput in;
    in.dt = 1.0f / 90.0f;
    in.head = headWorld();
    const glm::vec3 before = in.head;
    in.stick = {1.0f, 0.0f};  // right
    auto ev = updateLocomotion(loco, s, in, nullptr);
    EXPECT_NEAR(ev.turnedDeg, -angle, 1e-4f);
    EXPECT_NEAR(glm::degrees(loco.origin.yaw), glm::degrees(0.3f) - angle, 1e-3f);
    glm::vec3 after = headWorld();
    EXPECT_NEAR(glm::distance(before, after), 0.0f, 1e-5f);  // the head stays put
    // Held: no second turn until the stick comes back under the re-arm threshold.
    in.head = after;
    EXPECT_EQ(updateLocomotion(loco, s, in, nullptr).turnedDeg, 0.0f);
    in.stick = {0.5f, 0.0f};
    EXPECT_EQ(updateLocomotion(loco, s, in, nullptr).turnedDeg, 0.0f);
    in.stick = {0.1f, 0.0f};
    updateLocomotion(loco, s, in, nullptr);
    in.stick = {-0.9f, 0.0f};
    EXPECT_NEAR(updateLocomotion(loco, s, in, nullptr).turnedDeg, angle, 1e-4f);
    EXPECT_EQ(loco.snapTurns, 2);
  }
}

TEST(XrLocomotion, SmoothTurnShowsTheVignette) {
  cx::xr::LocomotionSettings s;
  s.smoothTurn = true;
  cx::xr::Locomotion loco;
  cx::xr::LocomotionInput in;
  in.dt = 0.1f;
  in.stick = {-1.0f, 0.0f};
  for (int i = 0; i < 5; ++i) updateLocomotion(loco, s, in, nullptr);
  EXPECT_NEAR(glm::degrees(loco.origin.yaw), 5 * 0.1f * s.smoothTurnDegPerSec, 1e-3f);
  EXPECT_EQ(loco.vignette, 1.0f);
  in.stick = {0.0f, 0.0f};
  for (int i = 0; i < 5; ++i) updateLocomotion(loco, s, in, nullptr);
  EXPECT_EQ(loco.vignette, 0.0f);
}

// Runs `seconds` of frames of `dt` with the stick at `stickX` (smooth turning past the dead zone),
// checking that the strength moves monotonically; returns the strength per frame.
std::vector<float> runVignette(cx::xr::Locomotion& loco, const cx::xr::LocomotionSettings& s, float stickX,
                               float dt, int frames) {
  cx::xr::LocomotionInput in;
  in.dt = dt;
  in.stick = {stickX, 0.0f};
  std::vector<float> out;
  for (int i = 0; i < frames; ++i) {
    updateLocomotion(loco, s, in, nullptr);
    out.push_back(loco.vignette);
  }
  return out;
}

TEST(XrLocomotion, VignetteRampsUpHoldsAndRampsDown) {
  cx::xr::LocomotionSettings s;
  s.smoothTurn = true;
  ASSERT_FLOAT_EQ(s.vignetteFadeInSec, 0.15f);
  ASSERT_FLOAT_EQ(s.vignetteFadeOutSec, 0.3f);
  cx::xr::Locomotion loco;
  const float dt = 0.005f;  // 200 Hz: 30 frames to fade in, 60 to fade out
  // Ramp up: linear in time, strictly rising until full.
  std::vector<float> up = runVignette(loco, s, 1.0f, dt, 30);
  for (size_t i = 0; i < up.size(); ++i) EXPECT_NEAR(up[i], (i + 1) * dt / 0.15f, 1e-4f) << i;
  EXPECT_NEAR(up[14], 0.5f, 1e-4f);  // half way at 0.075 s
  EXPECT_NEAR(up.back(), 1.0f, 1e-4f);
  // Plateau: full for as long as the turn lasts, never above 1.
  std::vector<float> hold = runVignette(loco, s, 1.0f, dt, 400);
  for (float v : hold) EXPECT_EQ(v, 1.0f);
  // A turn below the dead zone is no motion: ramp down, strictly falling until gone.
  std::vector<float> down = runVignette(loco, s, 0.1f, dt, 60);
  for (size_t i = 0; i < down.size(); ++i) EXPECT_NEAR(down[i], 1.0f - (i + 1) * dt / 0.3f, 1e-4f) << i;
  EXPECT_NEAR(down[29], 0.5f, 1e-4f);  // half way at 0.15 s
  EXPECT_NEAR(down.back(), 0.0f, 1e-5f);
  for (float v : runVignette(loco, s, 0.0f, dt, 20)) EXPECT_EQ(v, 0.0f);
  // Turning again half way through a fade out ramps up from where it was.
  runVignette(loco, s, -1.0f, dt, 30);
  runVignette(loco, s, 0.0f, dt, 30);
  ASSERT_NEAR(loco.vignette, 0.5f, 1e-4f);
  std::vector<float> again = runVignette(loco, s, -1.0f, dt, 15);
  EXPECT_NEAR(again.back(), 1.0f, 1e-4f);
  EXPECT_GT(again.front(), 0.5f);
}

TEST(XrLocomotion, VignetteFadeDoesNotDependOnTheFrameRate) {
  cx::xr::LocomotionSettings s;
  s.smoothTurn = true;
  // 0.1 s of turning, then 0.1 s still: 0.1 / 0.15 up, then 0.1 / 0.3 down.
  const float expectedUp = 0.1f / 0.15f, expectedEnd = expectedUp - 0.1f / 0.3f;
  for (int hz : {30, 60, 90, 120, 240}) {
    cx::xr::Locomotion loco;
    const int frames = hz / 10;
    runVignette(loco, s, 1.0f, 1.0f / float(hz), frames);
    EXPECT_NEAR(loco.vignette, expectedUp, 1e-4f) << hz << " Hz";
    runVignette(loco, s, 0.0f, 1.0f / float(hz), frames);
    EXPECT_NEAR(loco.vignette, expectedEnd, 1e-4f) << hz << " Hz";
  }
  // Uneven frame times (a stutter, a burst of short frames) give the same result.
  const std::vector<float> split = {0.004f, 0.03f, 0.011f, 0.011f, 0.0005f, 0.0435f};  // 0.1 s
  cx::xr::Locomotion loco;
  cx::xr::LocomotionInput in;
  in.stick = {1.0f, 0.0f};
  for (float dt : split) {
    in.dt = dt;
    updateLocomotion(loco, s, in, nullptr);
  }
  EXPECT_NEAR(loco.vignette, expectedUp, 1e-4f);
  in.stick = {0.0f, 0.0f};
  for (auto it = split.rbegin(); it != split.rend(); ++it) {
    in.dt = *it;
    updateLocomotion(loco, s, in, nullptr);
  }
  EXPECT_NEAR(loco.vignette, expectedEnd, 1e-4f);
  // One long frame saturates instead of overshooting.
  cx::xr::Locomotion slow;
  runVignette(slow, s, 1.0f, 0.5f, 1);
  EXPECT_EQ(slow.vignette, 1.0f);
  runVignette(slow, s, 0.0f, 0.5f, 1);
  EXPECT_EQ(slow.vignette, 0.0f);
}

TEST(XrLocomotion, VignetteFollowsOtherSmoothMotionButNotSnapTurnsOrTeleports) {
  cx::xr::LocomotionSettings s;  // snap turning
  cx::xr::Locomotion loco;
  cx::xr::LocomotionInput in;
  in.dt = 1.0f / 90.0f;
  in.stick = {1.0f, 0.0f};
  for (int i = 0; i < 20; ++i) updateLocomotion(loco, s, in, nullptr);
  EXPECT_EQ(loco.snapTurns, 1);
  EXPECT_EQ(loco.vignette, 0.0f);  // a snap is instant: nothing to soften
  // A go-to glide moving the stage is smooth motion.
  in.stick = {0.0f, 0.0f};
  in.otherSmoothMotion = true;
  for (int i = 0; i < 7; ++i) updateLocomotion(loco, s, in, nullptr);
  EXPECT_NEAR(loco.vignette, 7.0f / 90.0f / 0.15f, 1e-4f);
  // Also while the teleport arc is aimed.
  in.stick = {0.0f, 1.0f};
  updateLocomotion(loco, s, in, nullptr);
  ASSERT_TRUE(loco.aiming);
  EXPECT_NEAR(loco.vignette, 8.0f / 90.0f / 0.15f, 1e-4f);
  in.otherSmoothMotion = false;
  updateLocomotion(loco, s, in, nullptr);
  EXPECT_NEAR(loco.vignette, 8.0f / 90.0f / 0.15f - 1.0f / 90.0f / 0.3f, 1e-4f);
  // Frames without locomotion (the ray on the UI panel) still fade.
  cx::xr::updateVignette(loco, s, false, 1.0f);
  EXPECT_EQ(loco.vignette, 0.0f);
  cx::xr::updateVignette(loco, s, true, 0.075f);
  EXPECT_NEAR(loco.vignette, 0.5f, 1e-5f);
}

TEST(XrLocomotion, VignetteLevelPicksTheNearestPremadeStrength) {
  EXPECT_EQ(cx::xr::vignetteLevel(0.0f, 16), 0);
  EXPECT_EQ(cx::xr::vignetteLevel(0.03f, 16), 0);  // under half a level: not shown
  EXPECT_EQ(cx::xr::vignetteLevel(0.04f, 16), 1);
  EXPECT_EQ(cx::xr::vignetteLevel(0.5f, 16), 8);
  EXPECT_EQ(cx::xr::vignetteLevel(0.52f, 16), 8);
  EXPECT_EQ(cx::xr::vignetteLevel(0.97f, 16), 16);
  EXPECT_EQ(cx::xr::vignetteLevel(1.0f, 16), 16);
  EXPECT_EQ(cx::xr::vignetteLevel(1.5f, 16), 16);
  EXPECT_EQ(cx::xr::vignetteLevel(-0.5f, 16), 0);
  EXPECT_EQ(cx::xr::vignetteLevel(std::nanf(""), 16), 0);
  EXPECT_EQ(cx::xr::vignetteLevel(0.5f, 0), 0);
  // Every step of a 90 Hz fade in shows a level at least as strong as the one before.
  cx::xr::LocomotionSettings s;
  s.smoothTurn = true;
  cx::xr::Locomotion loco;
  int last = 0;
  for (float v : runVignette(loco, s, 1.0f, 1.0f / 90.0f, 14)) {
    const int level = cx::xr::vignetteLevel(v, 16);
    EXPECT_GE(level, last);
    EXPECT_LE(level - last, 2);  // no visible jump
    last = level;
  }
  EXPECT_EQ(last, 16);
}

TEST(XrLocomotion, TeleportOnReleasePutsTheHeadOverAValidTarget) {
  auto expo = cx::expo::loadExpoManifest(std::filesystem::path(CX_SOURCE_DIR) / "assets" / "sample-expo" / "expo.json");
  ASSERT_TRUE(expo) << expo.message();
  auto scene = cx::expo::buildScene(*expo);
  cx::nav::CollisionWorld world = cx::nav::buildCollisionWorld(*expo, scene);
  // Find a spot in the open where a short forward arc lands on walkable floor.
  cx::xr::Locomotion loco;
  cx::xr::LocomotionSettings s;
  std::optional<glm::vec3> start;
  ASSERT_FALSE(world.pavilions.empty());
  const glm::vec2 lo = world.pavilions[0].min, hi = world.pavilions[0].max;
  for (float x = lo.x + 1.0f; x <= hi.x - 1.0f && !start; x += 1.0f) {
    for (float z = lo.y + 1.0f; z <= hi.y - 1.0f && !start; z += 1.0f) {
      auto arc = cx::nav::computeTeleportArc(world, {x, 1.3f, z}, glm::normalize(glm::vec3(0, -0.5f, -1)));
      if (arc.valid && cx::nav::isWalkable(world, {x, z}, 0.3f)) start = glm::vec3(x, 1.3f, z);
    }
  }
  ASSERT_TRUE(start) << "no open floor in the sample expo";
  loco.origin.position = {start->x, 0.0f, start->z};
  cx::xr::LocomotionInput in;
  in.dt = 1.0f / 90.0f;
  in.aimValid = true;
  in.aimOrigin = *start;
  in.aimDirection = glm::normalize(glm::vec3(0, -0.5f, -1));
  in.head = {start->x + 0.1f, 1.7f, start->z + 0.2f};
  in.stick = {0.0f, 1.0f};
  updateLocomotion(loco, s, in, &world);
  ASSERT_TRUE(loco.aiming);
  ASSERT_TRUE(loco.arc.valid);
  ASSERT_GE(loco.arc.points.size(), 2u);
  const glm::vec3 target = *loco.arc.hit;
  const glm::vec3 originBefore = loco.origin.position;
  in.stick = {0.0f, 0.0f};
  auto ev = updateLocomotion(loco, s, in, &world);
  ASSERT_TRUE(ev.teleportedTo);
  EXPECT_EQ(loco.teleports, 1);
  // The head (stage offset +0.1, +0.2 from the origin) is now over the target.
  glm::vec3 headAfter = in.head + (loco.origin.position - originBefore);
  EXPECT_NEAR(headAfter.x, target.x, 1e-4f);
  EXPECT_NEAR(headAfter.z, target.z, 1e-4f);
  EXPECT_FALSE(loco.aiming);

  // An arc from below the floor is invalid: releasing does not teleport.
  in.stick = {0.0f, 1.0f};
  in.aimOrigin.y = -1.0f;
  updateLocomotion(loco, s, in, &world);
  EXPECT_FALSE(loco.arc.valid);
  in.stick = {0.0f, 0.0f};
  EXPECT_FALSE(updateLocomotion(loco, s, in, &world).teleportedTo);
  EXPECT_EQ(loco.teleports, 1);
}

TEST(XrInput, BindingsUseOnlyPathsTheirProfilesDefine) {
  // Component paths of each profile as the OpenXR 1.0 specification lists them (per hand).
  const std::map<std::string, std::set<std::string>> defined = {
      {"/interaction_profiles/khr/simple_controller",
       {"input/select/click", "input/menu/click", "input/grip/pose", "input/aim/pose"}},
      {"/interaction_profiles/oculus/touch_controller",
       {"input/squeeze/value", "input/trigger/value", "input/trigger/touch", "input/thumbstick",
        "input/thumbstick/click", "input/thumbstick/touch", "input/thumbrest/touch", "input/grip/pose",
        "input/aim/pose", "input/x/click", "input/y/click", "input/menu/click", "input/a/click", "input/b/click"}},
      {"/interaction_profiles/valve/index_controller",
       {"input/system/click", "input/a/click", "input/b/click", "input/squeeze/value", "input/squeeze/force",
        "input/trigger/click", "input/trigger/value", "input/thumbstick", "input/thumbstick/click", "input/trackpad",
        "input/grip/pose", "input/aim/pose"}},
      {"/interaction_profiles/htc/vive_controller",
       {"input/system/click", "input/squeeze/click", "input/menu/click", "input/trigger/click", "input/trigger/value",
        "input/trackpad", "input/trackpad/click", "input/trackpad/touch", "input/grip/pose", "input/aim/pose"}},
      {"/interaction_profiles/microsoft/motion_controller",
       {"input/menu/click", "input/squeeze/click", "input/trigger/value", "input/thumbstick", "input/thumbstick/click",
        "input/trackpad", "input/trackpad/click", "input/trackpad/touch", "input/grip/pose", "input/aim/pose"}},
  };
  std::map<std::string, std::set<std::string>> actionsPerProfile;
  for (const auto& b : cx::xr::suggestedBindings()) {
    auto it = defined.find(b.profile);
    ASSERT_NE(it, defined.end()) << b.profile;
    std::string path = b.path;
    std::string rest;
    if (path.rfind("/user/hand/left/", 0) == 0) rest = path.substr(16);
    if (path.rfind("/user/hand/right/", 0) == 0) rest = path.substr(17);
    ASSERT_FALSE(rest.empty()) << path;
    EXPECT_TRUE(it->second.count(rest)) << b.profile << " has no " << rest;
    // Touch: menu is left only; a/b/x/y are per hand.
    if (std::string(b.profile).find("oculus") != std::string::npos && rest == "input/menu/click") {
      EXPECT_EQ(path.rfind("/user/hand/left/", 0), 0u);
    }
    actionsPerProfile[b.profile].insert(b.action);
  }
  EXPECT_EQ(actionsPerProfile.size(), defined.size());
  for (const auto& [profile, actions] : actionsPerProfile) {
    EXPECT_TRUE(actions.count("grip") && actions.count("aim") && actions.count("select")) << profile;
  }
}

TEST(XrUiPanel, RayHitsTheQuadWhereItPoints) {
  // A 0.8 x 0.6 m panel of 1024 x 768 px, turned 30 degrees, left and ahead.
  const float yaw = glm::radians(30.0f);
  const XrPosef pose{{0.0f, std::sin(yaw * 0.5f), 0.0f, std::cos(yaw * 0.5f)}, {-0.55f, 1.25f, -0.9f}};
  const glm::vec2 size(0.8f, 0.6f);
  const glm::uvec2 px(1024, 768);
  const glm::mat4 m = cx::xr::poseMatrix(pose);
  const glm::vec3 centre = glm::vec3(m[3]);
  const glm::vec3 normal = glm::vec3(m[2]);
  float distance = 0.0f;
  auto hit = cx::xr::rayHitsQuad(pose, size, px, centre + normal, -normal, &distance);
  ASSERT_TRUE(hit);
  EXPECT_NEAR(hit->x, 512.0f, 1e-2f);
  EXPECT_NEAR(hit->y, 384.0f, 1e-2f);
  EXPECT_NEAR(distance, 1.0f, 1e-5f);
  // Upper left of the panel (local x < 0, y > 0) is the top-left of the image.
  const glm::vec3 p = glm::vec3(m * glm::vec4(-0.3f, 0.2f, 0.0f, 1.0f));
  hit = cx::xr::rayHitsQuad(pose, size, px, p + normal, -normal);
  ASSERT_TRUE(hit);
  EXPECT_NEAR(hit->x, (-0.3f / 0.8f + 0.5f) * 1024.0f, 1e-2f);
  EXPECT_NEAR(hit->y, (0.5f - 0.2f / 0.6f) * 768.0f, 1e-2f);
  // Pointing away, or past the edge, misses.
  EXPECT_FALSE(cx::xr::rayHitsQuad(pose, size, px, centre + normal, normal));
  EXPECT_FALSE(cx::xr::rayHitsQuad(pose, size, px, glm::vec3(m * glm::vec4(0.5f, 0.0f, 0.0f, 1.0f)) + normal, -normal));
}

}  // namespace
