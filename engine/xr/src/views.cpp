#include "cx/xr/views.h"

#include <cmath>

namespace cx::xr {

glm::mat4 poseMatrix(const XrPosef& pose) {
  glm::mat4 m = glm::mat4_cast(glm::normalize(toGlm(pose.orientation)));
  m[3] = glm::vec4(toGlm(pose.position), 1.0f);
  return m;
}

render::View viewFromXr(const XrPosef& pose, const XrFovf& fov, const glm::mat4& appToWorld, float zNear) {
  const glm::mat4 eyeToWorld = appToWorld * poseMatrix(pose);
  render::View v;
  v.view = glm::inverse(eyeToWorld);
  v.projection = render::perspectiveFromFov(fov.angleLeft, fov.angleRight, fov.angleUp, fov.angleDown, zNear);
  v.eye = glm::vec3(eyeToWorld[3]);
  return v;
}

std::optional<glm::vec2> rayHitsQuad(const XrPosef& quadPose, glm::vec2 size, glm::uvec2 pixels, glm::vec3 origin,
                                     glm::vec3 direction, float* distance) {
  const glm::mat4 toQuad = glm::inverse(poseMatrix(quadPose));
  const glm::vec3 o = glm::vec3(toQuad * glm::vec4(origin, 1.0f));
  const glm::vec3 d = glm::vec3(toQuad * glm::vec4(direction, 0.0f));
  if (std::abs(d.z) < 1e-6f) return std::nullopt;
  const float t = -o.z / d.z;
  if (t <= 0.0f) return std::nullopt;
  const glm::vec3 p = o + d * t;
  if (std::abs(p.x) > size.x * 0.5f || std::abs(p.y) > size.y * 0.5f) return std::nullopt;
  if (distance) *distance = t;
  return glm::vec2((p.x / size.x + 0.5f) * float(pixels.x), (0.5f - p.y / size.y) * float(pixels.y));
}

}  // namespace cx::xr
