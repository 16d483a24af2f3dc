#pragma once
// Frustum culling on the CPU, per (instance, node) world AABB. Reverse-Z infinite projections
// have no far plane, so a frustum is 5 planes (left, right, bottom, top, near).
#include <glm/glm.hpp>

namespace cx::render {

// Planes (xyz normal, w distance), normalised, with inside = dot(n, p) + w >= 0.
struct Frustum {
  glm::vec4 planes[5];
};

Frustum frustumFromViewProj(const glm::mat4& viewProj);

// False only when the box lies wholly on the outside of one plane (the usual conservative test).
bool aabbInFrustum(const Frustum& frustum, const glm::vec3& boxMin, const glm::vec3& boxMax);

enum class Containment { Outside, Intersects, Inside };
// Outside as aabbInFrustum; Inside when the box lies wholly on the inner side of every plane.
Containment classifyAabb(const Frustum& frustum, const glm::vec3& boxMin, const glm::vec3& boxMax);

// The world-space AABB of a local box under an affine transform.
void transformAabb(const glm::mat4& m, const glm::vec3& boxMin, const glm::vec3& boxMax, glm::vec3& outMin,
                   glm::vec3& outMax);

}  // namespace cx::render
