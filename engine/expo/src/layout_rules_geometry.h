#pragma once
// Private geometry of the layout rules: booth footprints as oriented rectangles and the floor
// polygon tests. Shared by layout_rules.cpp and layout_rules_reach.cpp.
#include <vector>

#include <glm/glm.hpp>

#include "cx/expo/expo.h"
#include "cx/expo/footprint.h"

namespace cx::expo::rules {

struct Rect {
  glm::vec2 center{0.0f};
  glm::vec2 axis[2] = {{1.0f, 0.0f}, {0.0f, 1.0f}};  // world directions of local +X and +Z
  glm::vec2 half{0.0f};
  glm::vec2 corner[4];  // counter-clockwise
  glm::vec2 aabbMin{0.0f}, aabbMax{0.0f};
  bool valid = false;  // finite and with a positive size
};

Rect makeRect(const Booth& booth);

// Local coordinates of a world point in the rectangle's frame.
inline glm::vec2 toLocal(const Rect& r, glm::vec2 p) {
  glm::vec2 d = p - r.center;
  return {glm::dot(d, r.axis[0]), glm::dot(d, r.axis[1])};
}

// Separating-axis overlap: the smallest overlap of the projections over the four axes; positive
// when the rectangles share area (the depth a push along the best axis would need), <= 0 when
// they are apart or only touch.
float penetration(const Rect& a, const Rect& b);

float pointSegmentDistance(glm::vec2 p, glm::vec2 a, glm::vec2 b);
// Distance from p to the rectangle (0 inside).
float pointRectDistance(const Rect& r, glm::vec2 p);
// Distance between two rectangles that do not overlap (penetration <= 0).
float rectDistance(const Rect& a, const Rect& b);
// Distance between the segment [a, b] and the rectangle; 0 when the segment touches it.
float segmentRectDistance(glm::vec2 a, glm::vec2 b, const Rect& r);
// Whether the segment [a, b] enters the rectangle shrunk by `inset` on every side.
bool segmentEntersRect(glm::vec2 a, glm::vec2 b, const Rect& r, float inset);

// Even-odd point in polygon: expo::pointInPolygon (footprint.h).
float distanceToOutline(const std::vector<glm::vec2>& poly, glm::vec2 p);

// Reachability inside one pavilion (layout_rules_reach.cpp): the floor is rasterised into cells of
// about `cellSize` (grown so at most `maxCells` are used), booth footprints block the cells whose
// centres they cover, and a 4-connected flood fill starts at the cells within an entrance's half
// width (plus one cell) of each entrance. A booth is reachable when a filled cell borders one of
// its cells, or, for a booth too small to cover a cell centre, when the cell under its centre is
// filled. Returns one flag per entry of `booths` (indices into `rects`).
std::vector<bool> reachableBooths(const Pavilion& pavilion, const std::vector<size_t>& booths,
                                  const std::vector<Rect>& rects, float cellSize,
                                  size_t maxCells = 16u << 20);

}  // namespace cx::expo::rules
