#pragma once
// KHR_texture_transform as a matrix: uv' = T(offset) * R(rotation) * S(scale) * uv, with the
// rotation built exactly as the extension's reference GLSL: columns (cos, sin) and (-sin, cos).
#include <cmath>

#include <glm/glm.hpp>

#include "cx/assets/model.h"

namespace cx::assets {

// Column-major 3x3 acting on (u, v, 1).
inline glm::mat3 textureTransformMatrix(const TextureTransform& t) {
  const float c = std::cos(t.rotation), s = std::sin(t.rotation);
  const glm::mat3 translation(1, 0, 0, 0, 1, 0, t.offset.x, t.offset.y, 1);
  const glm::mat3 rotation(c, s, 0, -s, c, 0, 0, 0, 1);
  const glm::mat3 scale(t.scale.x, 0, 0, 0, t.scale.y, 0, 0, 0, 1);
  return translation * rotation * scale;
}

}  // namespace cx::assets
