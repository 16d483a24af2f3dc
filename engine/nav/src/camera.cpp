#include "cx/nav/camera.h"

#include <algorithm>
#include <cmath>

#include <glm/gtc/constants.hpp>

namespace cx::nav {

float clampPitch(float pitch) {
  if (!std::isfinite(pitch)) return 0.0f;
  return std::clamp(pitch, -kMaxPitch, kMaxPitch);
}

float wrapAngle(float radians) {
  if (!std::isfinite(radians)) return 0.0f;
  const float twoPi = glm::two_pi<float>();
  float a = std::remainder(radians, twoPi);  // [-pi, pi]
  if (a <= -glm::pi<float>()) a += twoPi;
  return a;
}

glm::vec3 forward(const CameraPose& pose) {
  float p = clampPitch(pose.pitch);
  float c = std::cos(p);
  return {-std::sin(pose.yaw) * c, std::sin(p), -std::cos(pose.yaw) * c};
}

glm::vec2 forwardXZ(float yaw) {
  return {-std::sin(yaw), -std::cos(yaw)};
}

glm::vec2 rightXZ(float yaw) {
  return {std::cos(yaw), -std::sin(yaw)};
}

float yawFromDirection(glm::vec2 dir) {
  return std::atan2(-dir.x, -dir.y);
}

glm::mat4 viewMatrix(const CameraPose& pose) {
  // Camera-to-world rotation columns: right, up, back (= -forward).
  float p = clampPitch(pose.pitch);
  float sy = std::sin(pose.yaw), cy = std::cos(pose.yaw);
  float sp = std::sin(p), cp = std::cos(p);
  glm::vec3 right(cy, 0.0f, -sy);
  glm::vec3 up(sy * sp, cp, cy * sp);
  glm::vec3 back(sy * cp, -sp, cy * cp);
  // The inverse of a rotation is its transpose: the rows of the view matrix are right, up, back.
  glm::mat4 view(1.0f);
  for (int c = 0; c < 3; ++c) {
    view[c][0] = right[c];
    view[c][1] = up[c];
    view[c][2] = back[c];
  }
  view[3][0] = -glm::dot(right, pose.position);
  view[3][1] = -glm::dot(up, pose.position);
  view[3][2] = -glm::dot(back, pose.position);
  return view;
}

}  // namespace cx::nav
