#pragma once
// Private 2D helpers on the floor plane (world x, z) shared by collision, viewpoint and teleport.
#include <cmath>
#include <optional>
#include <vector>

#include <glm/glm.hpp>

#include "cx/expo/footprint.h"

namespace cx::nav::detail {

inline float cross2(glm::vec2 a, glm::vec2 b) {
  return a.x * b.y - a.y * b.x;
}

inline bool finite2(glm::vec2 v) {
  return std::isfinite(v.x) && std::isfinite(v.y);
}

inline bool finite3(glm::vec3 v) {
  return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z);
}

glm::vec2 closestPointOnSegment(glm::vec2 p, glm::vec2 a, glm::vec2 b);

// Parameter s in [0, 1] along [p0, p1] where it first meets [a, b] (touching counts); nullopt if
// they do not meet. Collinear overlaps report the first shared point.
std::optional<float> segmentIntersection(glm::vec2 p0, glm::vec2 p1, glm::vec2 a, glm::vec2 b);

// The smallest move that takes a circle (centre p, radius r) out of the footprint, or zero when it
// is already clear. Inside the rectangle it exits through the nearest side.
glm::vec2 pushOutOfFootprint(const expo::BoothBounds& b, glm::vec2 p, float r);

// Same for a wall segment. When the centre lies on the segment it is pushed to the side `hint`
// is on (hint: usually the previous position).
glm::vec2 pushOutOfSegment(glm::vec2 a, glm::vec2 b, glm::vec2 p, float r, glm::vec2 hint);

// Where the segment [p0, p1] enters the open interior of the footprint, as a fraction 0..1 of its
// length (0 when p0 is inside); nullopt when it only touches the outline or misses.
std::optional<float> segmentFootprintEntry(const expo::BoothBounds& b, glm::vec2 p0, glm::vec2 p1);

}  // namespace cx::nav::detail
