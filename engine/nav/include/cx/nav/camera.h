#pragma once
// The visitor's camera as plain data: a position and two angles, no roll.
//
// Conventions (the same as cx/expo/expo.h): metres, +Y up, the floor is y = 0.
//   yaw    radians about +Y. yaw 0 looks toward -Z; a positive yaw turns left, i.e. counter-clockwise
//          seen from above (the same sense as a booth's rotationDeg). yaw pi/2 looks toward -X.
//   pitch  radians; positive looks up. Always used clamped to +-kMaxPitch so the view never flips.
// The camera frame is right-handed: +X right, +Y up, the eye looks down its -Z (OpenGL/glm style;
// the renderer's projection takes it from there).
#include <glm/glm.hpp>

namespace cx::nav {

inline constexpr float kMaxPitch = glm::radians(89.0f);

struct CameraPose {
  glm::vec3 position{0.0f};
  float yaw = 0.0f;
  float pitch = 0.0f;
};

float clampPitch(float pitch);

// Wraps an angle into (-pi, pi].
float wrapAngle(float radians);

// Unit view direction: (-sin(yaw) cos(pitch), sin(pitch), -cos(yaw) cos(pitch)).
glm::vec3 forward(const CameraPose& pose);

// Unit horizontal directions in world (x, z) for walking: ahead (pitch ignored) and to the right.
glm::vec2 forwardXZ(float yaw);
glm::vec2 rightXZ(float yaw);

// The yaw whose forward points along the world (x, z) direction `dir` (any length > 0).
float yawFromDirection(glm::vec2 dir);

// World -> eye: inverse(translate(position) * rotateY(yaw) * rotateX(pitch)). The eye sits at the
// origin looking down -Z with +Y up; forward(pose) maps to (0, 0, -1).
glm::mat4 viewMatrix(const CameraPose& pose);

}  // namespace cx::nav
