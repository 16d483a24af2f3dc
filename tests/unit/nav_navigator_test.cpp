#include <gtest/gtest.h>

#include "cx/expo/footprint.h"
#include "cx/nav/navigator.h"
#include "nav_test_layout.h"

namespace {

using cx::nav::Navigator;
using cx::nav::NavInput;
using cx::nav::NavMode;
using cx::nav::NavSettings;

NavInput moving(glm::vec3 move, float dt, bool run = false) {
  NavInput in;
  in.move = move;
  in.dt = dt;
  in.run = run;
  return in;
}

TEST(NavNavigator, WalkMovesRelativeToYawAtEyeHeight) {
  NavSettings s;
  Navigator nav;
  nav.pose = {{0.0f, 5.0f, 0.0f}, glm::radians(90.0f), glm::radians(-30.0f)};  // facing -X, looking down
  cx::nav::updateNavigator(nav, moving({0, 1, 1}, 0.5f), s, nullptr);          // y input ignored
  EXPECT_NEAR(nav.pose.position.x, -0.8f, 1e-5f);  // full walk speed, pitch ignored
  EXPECT_NEAR(nav.pose.position.z, 0.0f, 1e-5f);
  EXPECT_FLOAT_EQ(nav.pose.position.y, s.eyeHeight);
  cx::nav::updateNavigator(nav, moving({1, 0, 0}, 0.5f, true), s, nullptr);  // strafe right = toward -Z
  EXPECT_NEAR(nav.pose.position.x, -0.8f, 1e-5f);
  EXPECT_NEAR(nav.pose.position.z, -0.8f * s.runMultiplier, 1e-5f);
  // Diagonal input is not faster than straight input.
  Navigator diag;
  cx::nav::updateNavigator(diag, moving({1, 0, 1}, 0.5f), s, nullptr);
  EXPECT_NEAR(glm::length(glm::vec2(diag.pose.position.x, diag.pose.position.z)), 0.5f * s.walkSpeed, 1e-5f);
  // A stalled frame is cut to maxDt.
  Navigator stalled;
  cx::nav::updateNavigator(stalled, moving({0, 0, 1}, 10.0f), s, nullptr);
  EXPECT_NEAR(stalled.pose.position.z, -s.maxDt * s.walkSpeed, 1e-5f);
}

TEST(NavNavigator, WalkCollidesWithBooths) {
  navtest::Layout l = navtest::makeLayout();
  NavSettings s;
  Navigator nav;
  nav.pose = {{10.0f, s.eyeHeight, 16.0f}, 0.0f, 0.0f};  // facing -Z, toward booth 0's front
  for (int i = 0; i < 40; ++i) cx::nav::updateNavigator(nav, moving({0, 0, 1}, 0.25f, true), s, &l.world);
  glm::vec2 p(nav.pose.position.x, nav.pose.position.z);
  EXPECT_NEAR(cx::expo::footprintDistance(l.scene.bounds[0], p), s.radius, 2e-3f);
}

TEST(NavNavigator, MouseLookConventions) {
  NavSettings s;
  Navigator nav;
  NavInput in;
  in.lookDelta = {100.0f, 40.0f};  // mouse right and down
  cx::nav::updateNavigator(nav, in, s, nullptr);
  EXPECT_NEAR(nav.pose.yaw, -0.25f, 1e-6f);   // turned right (clockwise from above)
  EXPECT_NEAR(nav.pose.pitch, -0.1f, 1e-6f);  // looks down
  s.invertY = true;
  cx::nav::updateNavigator(nav, in, s, nullptr);
  EXPECT_NEAR(nav.pose.pitch, 0.0f, 1e-6f);
  in.lookDelta = {0.0f, -1e6f};
  cx::nav::updateNavigator(nav, in, s, nullptr);
  EXPECT_FLOAT_EQ(nav.pose.pitch, -cx::nav::kMaxPitch);
}

TEST(NavNavigator, FlyIgnoresCollisionButStaysAboveTheFloor) {
  navtest::Layout l = navtest::makeLayout();
  NavSettings s;
  Navigator nav;
  cx::nav::setMode(nav, NavMode::Fly, s);
  nav.pose = {{10.0f, 1.0f, 14.0f}, 0.0f, 0.0f};
  cx::nav::updateNavigator(nav, moving({0, 0, 1}, 0.5f), s, &l.world);  // 4 m: into booth 0
  EXPECT_NEAR(nav.pose.position.z, 10.0f, 1e-4f);
  EXPECT_EQ(cx::expo::footprintDistance(l.scene.bounds[0], {nav.pose.position.x, nav.pose.position.z}), 0.0f);
  cx::nav::updateNavigator(nav, moving({0, -1, 0}, 0.5f), s, &l.world);
  EXPECT_FLOAT_EQ(nav.pose.position.y, s.flyMinHeight);
  cx::nav::updateNavigator(nav, moving({0, 1, 0}, 0.5f), s, &l.world);
  EXPECT_NEAR(nav.pose.position.y, s.flyMinHeight + 4.0f, 1e-5f);
  // Forward follows pitch in fly mode.
  nav.pose.pitch = glm::radians(90.0f);
  cx::nav::updateNavigator(nav, moving({0, 0, 1}, 0.1f), s, &l.world);
  EXPECT_NEAR(nav.pose.position.y, s.flyMinHeight + 4.0f + 0.8f * std::sin(cx::nav::kMaxPitch), 1e-4f);
}

TEST(NavNavigator, OrbitCircleAndDistanceClamp) {
  NavSettings s;
  Navigator nav;
  cx::nav::setMode(nav, NavMode::Orbit, s);
  cx::nav::setOrbitTarget(nav, {5.0f, 1.0f, 5.0f}, 20.0f);
  NavInput in;
  in.lookDelta = {300.0f, -100.0f};
  cx::nav::updateNavigator(nav, in, s, nullptr);
  EXPECT_NEAR(glm::distance(nav.pose.position, nav.orbitTarget), 20.0f, 1e-4f);
  glm::vec3 toTarget = glm::normalize(nav.orbitTarget - nav.pose.position);
  EXPECT_GT(glm::dot(toTarget, cx::nav::forward(nav.pose)), 0.99999f);
  in = {};
  in.zoom = 1000.0f;
  cx::nav::updateNavigator(nav, in, s, nullptr);
  EXPECT_FLOAT_EQ(nav.orbitDistance, s.orbitMinDistance);
  in.zoom = -1000.0f;
  cx::nav::updateNavigator(nav, in, s, nullptr);
  EXPECT_FLOAT_EQ(nav.orbitDistance, s.orbitMaxDistance);
  in.zoom = 1.0f;
  cx::nav::updateNavigator(nav, in, s, nullptr);
  EXPECT_NEAR(nav.orbitDistance, s.orbitMaxDistance * (1.0f - s.zoomStep), 1e-3f);
  EXPECT_NEAR(glm::distance(nav.pose.position, nav.orbitTarget), nav.orbitDistance, 1e-3f);
}

TEST(NavNavigator, EnteringOrbitKeepsTheView) {
  NavSettings s;
  Navigator nav;
  nav.pose = {{1.0f, 1.65f, 2.0f}, 0.7f, -0.2f};
  cx::nav::CameraPose before = nav.pose;
  cx::nav::setMode(nav, NavMode::Orbit, s);
  cx::nav::updateNavigator(nav, NavInput{}, s, nullptr);
  EXPECT_NEAR(glm::distance(nav.pose.position, before.position), 0.0f, 1e-4f);
  EXPECT_NEAR(nav.pose.yaw, before.yaw, 1e-6f);
}

TEST(NavNavigator, GoToEndsExactlyAtTheViewpointAndIsSmooth) {
  NavSettings s;
  Navigator nav;
  cx::nav::setMode(nav, NavMode::Fly, s);
  nav.pose = {{0.0f, 4.0f, 0.0f}, glm::radians(10.0f), glm::radians(-40.0f)};
  cx::nav::Viewpoint target{{12.0f, 1.65f, -9.0f}, glm::radians(80.0f), glm::radians(-5.0f)};
  cx::nav::startGoTo(nav, target, 1.2f);
  ASSERT_TRUE(cx::nav::isTransitioning(nav));
  glm::vec3 start = nav.pose.position;
  float total = glm::distance(start, target.position);
  float lastProgress = 0.0f;
  float lastStep = 0.0f;
  float maxStep = 0.0f;
  NavInput in = moving({1, 1, 1}, 1.0f / 60.0f, true);
  in.lookDelta = {500.0f, 500.0f};  // ignored during the transition
  int frames = 0;
  while (cx::nav::isTransitioning(nav) && frames < 1000) {
    cx::nav::updateNavigator(nav, in, s, nullptr);
    ++frames;
    float progress = glm::distance(start, nav.pose.position) / total;
    EXPECT_GE(progress, lastProgress - 1e-6f);
    // Progress runs along the straight line (no detour).
    EXPECT_NEAR(glm::distance(nav.pose.position, target.position), (1.0f - progress) * total, 1e-3f);
    lastStep = progress - lastProgress;
    maxStep = std::max(maxStep, lastStep);
    lastProgress = progress;
  }
  EXPECT_NEAR(float(frames), 72.0f, 1.0f);
  EXPECT_LT(maxStep, 2.0f / 72.0f);  // ease-in-out peaks at 1.5x the mean speed
  EXPECT_EQ(nav.pose.position, target.position);
  EXPECT_EQ(nav.pose.yaw, target.yaw);
  EXPECT_EQ(nav.pose.pitch, target.pitch);
  EXPECT_EQ(nav.mode, NavMode::Walk);
  // Walking resumes from there.
  cx::nav::updateNavigator(nav, moving({0, 0, 1}, 0.5f), s, nullptr);
  EXPECT_GT(glm::distance(nav.pose.position, target.position), 0.5f);
}

TEST(NavNavigator, GoToTurnsTheShortWay) {
  NavSettings s;
  Navigator nav;
  nav.pose = {{0.0f, 1.65f, 0.0f}, glm::radians(170.0f), 0.0f};
  cx::nav::startGoTo(nav, {{1.0f, 1.65f, 0.0f}, glm::radians(-170.0f), 0.0f}, 1.0f);
  for (int i = 0; i < 10; ++i) {
    cx::nav::updateNavigator(nav, moving({}, 0.1f), s, nullptr);
    // Through 180 degrees, never through 0.
    EXPECT_GT(std::fabs(nav.pose.yaw), glm::radians(169.9f)) << i;
  }
  EXPECT_FALSE(cx::nav::isTransitioning(nav));
  EXPECT_FLOAT_EQ(nav.pose.yaw, glm::radians(-170.0f));
}

TEST(NavNavigator, GoToWithZeroDurationJumps) {
  Navigator nav;
  cx::nav::startGoTo(nav, {{3.0f, 1.65f, 4.0f}, 1.0f, 0.0f}, 0.0f);
  EXPECT_FALSE(cx::nav::isTransitioning(nav));
  EXPECT_EQ(nav.pose.position, glm::vec3(3.0f, 1.65f, 4.0f));
}

TEST(NavNavigator, EaseInOutIsMonotonic) {
  float last = 0.0f;
  for (int i = 0; i <= 100; ++i) {
    float v = cx::nav::easeInOut(float(i) / 100.0f);
    EXPECT_GE(v, last);
    last = v;
  }
  EXPECT_EQ(cx::nav::easeInOut(0.0f), 0.0f);
  EXPECT_EQ(cx::nav::easeInOut(1.0f), 1.0f);
}

}  // namespace
