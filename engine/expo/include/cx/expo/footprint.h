#pragma once
// Booth footprints as oriented rectangles on the floor (world XZ) with a height, and the exact
// geometric tests on them. The spatial index and any brute-force check use these same functions,
// so both give bit-identical answers.
#include <optional>
#include <span>

#include <glm/glm.hpp>

namespace cx::expo {

struct BoothBounds {
  glm::vec2 center{0.0f};       // world (x, z)
  glm::vec2 halfExtents{0.0f};  // half width along local +X, half depth along local +Z
  glm::vec2 axisX{1.0f, 0.0f};  // world (x, z) direction of local +X: (cos r, -sin r)
  float height = 0.0f;          // the box spans y = 0 .. height
};

// Local +Z in world (x, z): axisX turned a quarter counter-clockwise seen from above.
inline glm::vec2 axisZ(const BoothBounds& b) {
  return {-b.axisX.y, b.axisX.x};
}

// An oriented footprint from a centre, a full size (width, depth) and a rotation in degrees about +Y.
BoothBounds makeBoothBounds(glm::vec2 center, glm::vec2 size, float rotationDeg, float height);

// Axis-aligned box of the footprint in world (x, z).
void footprintAabb(const BoothBounds& b, glm::vec2& min, glm::vec2& max);

// Euclidean distance in XZ from `p` to the footprint rectangle; 0 inside.
float footprintDistance(const BoothBounds& b, glm::vec2 p);

// Whether the footprint and the closed axis-aligned rectangle [min, max] share any point.
bool footprintOverlapsRect(const BoothBounds& b, glm::vec2 min, glm::vec2 max);

// Even-odd point-in-polygon test on a floor outline in world (x, z); orientation does not matter.
bool pointInPolygon(std::span<const glm::vec2> polygon, glm::vec2 p);

// Entry distance of the ray origin + t * dir (dir unit length) into the booth box, with
// 0 <= t <= maxDist; 0 when the origin is inside. nullopt on a miss.
std::optional<float> rayBoothDistance(const BoothBounds& b, glm::vec3 origin, glm::vec3 dir, float maxDist);

}  // namespace cx::expo
