#pragma once
// Rigid poses (rotation then translation) with glm, and conversion to/from XrPosef.
#include <openxr/openxr.h>

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

namespace cx::xrsim {

struct Pose {
  glm::quat orientation{1.0f, 0.0f, 0.0f, 0.0f};
  glm::vec3 position{0.0f};
};

// a * b: b expressed in a's frame, result in a's parent frame.
inline Pose compose(const Pose& a, const Pose& b) {
  return {glm::normalize(a.orientation * b.orientation), a.position + a.orientation * b.position};
}
inline Pose inverse(const Pose& p) {
  glm::quat inv = glm::conjugate(p.orientation);
  return {inv, inv * -p.position};
}
inline XrPosef toXr(const Pose& p) {
  return {{p.orientation.x, p.orientation.y, p.orientation.z, p.orientation.w},
          {p.position.x, p.position.y, p.position.z}};
}
inline Pose fromXr(const XrPosef& p) {
  return {glm::quat(p.orientation.w, p.orientation.x, p.orientation.y, p.orientation.z),
          glm::vec3(p.position.x, p.position.y, p.position.z)};
}
// Yaw about +Y (0 looks down -Z), then pitch about the yawed +X; degrees.
inline glm::quat yawPitch(float yawDeg, float pitchDeg) {
  return glm::angleAxis(glm::radians(yawDeg), glm::vec3(0, 1, 0)) *
         glm::angleAxis(glm::radians(pitchDeg), glm::vec3(1, 0, 0));
}

}  // namespace cx::xrsim
