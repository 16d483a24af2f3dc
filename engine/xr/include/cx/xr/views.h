#pragma once
// OpenXR poses and fields of view to render::View: plain math, no runtime calls.
#include <openxr/openxr.h>

#include <optional>

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include "cx/render/view.h"

namespace cx::xr {

inline glm::vec3 toGlm(const XrVector3f& v) { return {v.x, v.y, v.z}; }
inline glm::quat toGlm(const XrQuaternionf& q) { return glm::quat(q.w, q.x, q.y, q.z); }
inline XrPosef identityPose() { return XrPosef{{0.0f, 0.0f, 0.0f, 1.0f}, {0.0f, 0.0f, 0.0f}}; }

// The pose as a rigid transform (pose space -> base space).
glm::mat4 poseMatrix(const XrPosef& pose);

// One eye's view. `appToWorld` maps the app reference space (STAGE or LOCAL) into the expo world:
// the stage origin (teleport, turn) and, for LOCAL, the floor offset. The projection is the
// asymmetric reverse-Z one of cx/render/view.h (perspectiveFromFov), never a symmetric shortcut.
render::View viewFromXr(const XrPosef& pose, const XrFovf& fov, const glm::mat4& appToWorld, float zNear = 0.05f);

// Where a ray meets a quad layer (the plane z = 0 of `quadPose`, `size` metres, facing +Z), as
// pixels of a `pixels`-sized image with the origin top-left; nullopt when it misses. Ray and pose
// are in the same space. `distance` receives the ray parameter (metres for a unit direction).
std::optional<glm::vec2> rayHitsQuad(const XrPosef& quadPose, glm::vec2 size, glm::uvec2 pixels, glm::vec3 origin,
                                     glm::vec3 direction, float* distance = nullptr);

}  // namespace cx::xr
