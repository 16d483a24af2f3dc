#include "cx/render/view.h"

#include <algorithm>
#include <cmath>

#include <glm/gtc/matrix_transform.hpp>

namespace cx::render {

glm::mat4 perspectiveFromFov(float angleLeft, float angleRight, float angleUp, float angleDown, float zNear) {
  const float l = std::tan(angleLeft), r = std::tan(angleRight);
  const float u = std::tan(angleUp), d = std::tan(angleDown);
  const float w = r - l, h = u - d;
  // Eye space looks down -Z with +Y up; Vulkan clip has +Y down.
  glm::mat4 m(0.0f);
  m[0][0] = 2.0f / w;
  m[1][1] = -2.0f / h;
  m[2][0] = (r + l) / w;
  m[2][1] = -(u + d) / h;
  m[2][2] = 0.0f;   // infinite far, reverse Z: z_ndc = near / -z_eye
  m[2][3] = -1.0f;  // w = -z_eye
  m[3][2] = zNear;
  return m;
}

glm::mat4 perspectiveReverseZ(float fovY, float aspect, float zNear) {
  const float t = std::tan(fovY * 0.5f);
  return perspectiveFromFov(std::atan(-t * aspect), std::atan(t * aspect), std::atan(t), std::atan(-t), zNear);
}

View lookAtView(const glm::vec3& eye, const glm::vec3& target, float fovY, float aspect, float zNear) {
  View v;
  glm::vec3 dir = target - eye;
  glm::vec3 up(0.0f, 1.0f, 0.0f);
  if (glm::length(glm::cross(glm::normalize(dir), up)) < 1e-4f) up = glm::vec3(0.0f, 0.0f, -1.0f);
  v.view = glm::lookAt(eye, target, up);
  v.projection = perspectiveReverseZ(fovY, aspect, zNear);
  v.eye = eye;
  return v;
}

Framing frameBounds(const glm::vec3& bmin, const glm::vec3& bmax, float fovY, float aspect) {
  glm::vec3 center = (bmin + bmax) * 0.5f;
  float radius = std::max(glm::length(bmax - bmin) * 0.5f, 1e-3f);
  float halfFov = std::min(fovY, 2.0f * std::atan(std::tan(fovY * 0.5f) * aspect)) * 0.5f;
  float distance = radius / std::sin(halfFov) * 1.05f;
  glm::vec3 dir = glm::normalize(glm::vec3(0.55f, 0.45f, 1.0f));
  return {center + dir * distance, center};
}

}  // namespace cx::render
