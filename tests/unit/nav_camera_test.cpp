#include <cmath>

#include <gtest/gtest.h>
#include <glm/gtc/matrix_transform.hpp>

#include "cx/nav/camera.h"

namespace {

using cx::nav::CameraPose;

void expectVec(glm::vec3 a, glm::vec3 b, float eps = 1e-5f) {
  EXPECT_NEAR(a.x, b.x, eps);
  EXPECT_NEAR(a.y, b.y, eps);
  EXPECT_NEAR(a.z, b.z, eps);
}

TEST(NavCamera, YawZeroLooksDownMinusZ) {
  expectVec(cx::nav::forward(CameraPose{{0, 0, 0}, 0.0f, 0.0f}), {0, 0, -1});
}

TEST(NavCamera, PositiveYawTurnsLeftCounterClockwise) {
  // From above (+Y toward the viewer), turning left from -Z goes to -X.
  expectVec(cx::nav::forward(CameraPose{{0, 0, 0}, glm::radians(90.0f), 0.0f}), {-1, 0, 0});
  expectVec(cx::nav::forward(CameraPose{{0, 0, 0}, glm::radians(-90.0f), 0.0f}), {1, 0, 0});
  glm::vec2 right = cx::nav::rightXZ(0.0f);
  EXPECT_NEAR(right.x, 1.0f, 1e-6f);
  EXPECT_NEAR(right.y, 0.0f, 1e-6f);
}

TEST(NavCamera, PositivePitchLooksUpAndIsClamped) {
  glm::vec3 f = cx::nav::forward(CameraPose{{0, 0, 0}, 0.0f, glm::radians(30.0f)});
  EXPECT_GT(f.y, 0.49f);
  glm::vec3 top = cx::nav::forward(CameraPose{{0, 0, 0}, 0.0f, glm::radians(120.0f)});
  EXPECT_NEAR(top.y, std::sin(cx::nav::kMaxPitch), 1e-6f);
  EXPECT_LT(top.z, 0.0f);  // did not flip over
  EXPECT_FLOAT_EQ(cx::nav::clampPitch(-3.0f), -cx::nav::kMaxPitch);
}

TEST(NavCamera, YawFromDirectionInvertsForward) {
  for (float deg = -170.0f; deg <= 180.0f; deg += 10.0f) {
    float yaw = glm::radians(deg);
    EXPECT_NEAR(cx::nav::wrapAngle(cx::nav::yawFromDirection(cx::nav::forwardXZ(yaw)) - yaw), 0.0f, 1e-5f);
  }
}

TEST(NavCamera, WrapAngleIntoMinusPiPi) {
  EXPECT_NEAR(cx::nav::wrapAngle(glm::radians(270.0f)), glm::radians(-90.0f), 1e-5f);
  EXPECT_NEAR(cx::nav::wrapAngle(glm::radians(-270.0f)), glm::radians(90.0f), 1e-5f);
  EXPECT_NEAR(cx::nav::wrapAngle(glm::pi<float>()), glm::pi<float>(), 1e-6f);
  EXPECT_NEAR(cx::nav::wrapAngle(-glm::pi<float>()), glm::pi<float>(), 1e-6f);
}

TEST(NavCamera, ViewMatrixConsistentWithForward) {
  const CameraPose poses[] = {{{0, 1.65f, 0}, 0.0f, 0.0f},
                              {{3, 2, -7}, glm::radians(90.0f), glm::radians(-20.0f)},
                              {{-12, 5, 4}, glm::radians(-135.0f), glm::radians(45.0f)},
                              {{100, 0.5f, 100}, glm::radians(200.0f), glm::radians(-80.0f)}};
  for (const CameraPose& pose : poses) {
    glm::mat4 view = cx::nav::viewMatrix(pose);
    glm::vec3 f = cx::nav::forward(pose);
    expectVec(glm::vec3(view * glm::vec4(pose.position, 1.0f)), {0, 0, 0}, 1e-4f);
    expectVec(glm::vec3(view * glm::vec4(pose.position + f, 1.0f)), {0, 0, -1}, 1e-4f);
    // Up stays up-ish (no roll): world +Y has no x component in eye space.
    EXPECT_NEAR((view * glm::vec4(0, 1, 0, 0)).x, 0.0f, 1e-5f);
    EXPECT_GT((view * glm::vec4(0, 1, 0, 0)).y, 0.0f);
    // Agrees with glm::lookAt (right-handed, eye looks down -Z).
    glm::mat4 reference = glm::lookAt(pose.position, pose.position + f, glm::vec3(0, 1, 0));
    for (int c = 0; c < 4; ++c)
      for (int r = 0; r < 4; ++r)
        EXPECT_NEAR(view[c][r], reference[c][r], 1e-4f * (1.0f + std::fabs(reference[c][r])));
  }
}

}  // namespace
