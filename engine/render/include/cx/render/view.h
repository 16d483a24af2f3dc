#pragma once
// A view is plain data: where the eye is and how it projects. Desktop renders one, a headset two
// (one multiview pass), a screenshot one. Projections are reverse-Z with an infinite far plane
// (depth 1 at the near plane, 0 at infinity) and Vulkan clip space (y down, z in [0,1]).
#include <glm/glm.hpp>

namespace cx::render {

struct View {
  glm::mat4 view{1.0f};        // world -> eye
  glm::mat4 projection{1.0f};  // eye -> clip
  glm::vec3 eye{0.0f};         // world position
};

// Symmetric perspective. `fovY` in radians.
glm::mat4 perspectiveReverseZ(float fovY, float aspect, float zNear);
// Asymmetric perspective from tangent-space angles (radians), as OpenXR's XrFovf gives them:
// left and down are negative.
glm::mat4 perspectiveFromFov(float angleLeft, float angleRight, float angleUp, float angleDown, float zNear);

View lookAtView(const glm::vec3& eye, const glm::vec3& target, float fovYRadians, float aspect, float zNear = 0.05f);

// An eye position and target that frame the box [boundsMin, boundsMax] for the given vertical fov
// and aspect, looking from the front-right and above (like a product shot).
struct Framing {
  glm::vec3 eye;
  glm::vec3 target;
};
Framing frameBounds(const glm::vec3& boundsMin, const glm::vec3& boundsMax, float fovYRadians, float aspect);

}  // namespace cx::render
