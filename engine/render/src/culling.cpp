#include "cx/render/culling.h"

#include <algorithm>

namespace cx::render {

Frustum frustumFromViewProj(const glm::mat4& m) {
  glm::vec4 row0(m[0][0], m[1][0], m[2][0], m[3][0]);
  glm::vec4 row1(m[0][1], m[1][1], m[2][1], m[3][1]);
  glm::vec4 row2(m[0][2], m[1][2], m[2][2], m[3][2]);
  glm::vec4 row3(m[0][3], m[1][3], m[2][3], m[3][3]);
  // Vulkan clip space: -w <= x, y <= w and, reverse Z, z <= w (z >= 0 is the infinite far side).
  Frustum f{{row3 + row0, row3 - row0, row3 + row1, row3 - row1, row3 - row2}};
  for (auto& p : f.planes) p /= std::max(glm::length(glm::vec3(p)), 1e-12f);
  return f;
}

bool aabbInFrustum(const Frustum& f, const glm::vec3& bmin, const glm::vec3& bmax) {
  for (const auto& p : f.planes) {
    glm::vec3 positive(p.x >= 0 ? bmax.x : bmin.x, p.y >= 0 ? bmax.y : bmin.y, p.z >= 0 ? bmax.z : bmin.z);
    if (glm::dot(glm::vec3(p), positive) + p.w < 0.0f) return false;
  }
  return true;
}

Containment classifyAabb(const Frustum& f, const glm::vec3& bmin, const glm::vec3& bmax) {
  Containment result = Containment::Inside;
  for (const auto& p : f.planes) {
    const glm::vec3 n(p);
    glm::vec3 positive(p.x >= 0 ? bmax.x : bmin.x, p.y >= 0 ? bmax.y : bmin.y, p.z >= 0 ? bmax.z : bmin.z);
    if (glm::dot(n, positive) + p.w < 0.0f) return Containment::Outside;
    glm::vec3 negative(p.x >= 0 ? bmin.x : bmax.x, p.y >= 0 ? bmin.y : bmax.y, p.z >= 0 ? bmin.z : bmax.z);
    if (glm::dot(n, negative) + p.w < 0.0f) result = Containment::Intersects;
  }
  return result;
}

void transformAabb(const glm::mat4& m, const glm::vec3& bmin, const glm::vec3& bmax, glm::vec3& outMin,
                   glm::vec3& outMax) {
  glm::vec3 center = glm::vec3(m * glm::vec4((bmin + bmax) * 0.5f, 1.0f));
  glm::vec3 half = (bmax - bmin) * 0.5f;
  glm::vec3 extent(0.0f);
  for (int axis = 0; axis < 3; ++axis) extent += glm::abs(glm::vec3(m[axis])) * half[axis];
  outMin = center - extent;
  outMax = center + extent;
}

}  // namespace cx::render
