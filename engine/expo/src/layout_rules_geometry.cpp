#include "layout_rules_geometry.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace cx::expo::rules {

Rect makeRect(const Booth& booth) {
  Rect r;
  BoothBounds b = makeBoothBounds(booth.position, booth.footprint, booth.rotationDeg, 0.0f);
  r.center = b.center;
  r.axis[0] = b.axisX;
  r.axis[1] = axisZ(b);
  r.half = b.halfExtents;
  const float sx[4] = {-1, 1, 1, -1};
  const float sz[4] = {-1, -1, 1, 1};
  r.aabbMin = glm::vec2(std::numeric_limits<float>::infinity());
  r.aabbMax = -r.aabbMin;
  for (int k = 0; k < 4; ++k) {
    r.corner[k] = r.center + r.axis[0] * (sx[k] * r.half.x) + r.axis[1] * (sz[k] * r.half.y);
    r.aabbMin = glm::min(r.aabbMin, r.corner[k]);
    r.aabbMax = glm::max(r.aabbMax, r.corner[k]);
  }
  r.valid = std::isfinite(r.aabbMin.x) && std::isfinite(r.aabbMin.y) && std::isfinite(r.aabbMax.x) &&
            std::isfinite(r.aabbMax.y) && r.half.x > 0.0f && r.half.y > 0.0f;
  return r;
}

float penetration(const Rect& a, const Rect& b) {
  const glm::vec2 axes[4] = {a.axis[0], a.axis[1], b.axis[0], b.axis[1]};
  glm::vec2 d = b.center - a.center;
  float best = std::numeric_limits<float>::infinity();
  for (glm::vec2 n : axes) {
    float ra = std::fabs(glm::dot(a.axis[0], n)) * a.half.x + std::fabs(glm::dot(a.axis[1], n)) * a.half.y;
    float rb = std::fabs(glm::dot(b.axis[0], n)) * b.half.x + std::fabs(glm::dot(b.axis[1], n)) * b.half.y;
    best = std::min(best, ra + rb - std::fabs(glm::dot(d, n)));
  }
  return best;
}

float pointSegmentDistance(glm::vec2 p, glm::vec2 a, glm::vec2 b) {
  glm::vec2 ab = b - a;
  float len2 = glm::dot(ab, ab);
  float t = len2 > 0.0f ? std::clamp(glm::dot(p - a, ab) / len2, 0.0f, 1.0f) : 0.0f;
  return glm::length(p - (a + ab * t));
}

float pointRectDistance(const Rect& r, glm::vec2 p) {
  glm::vec2 l = toLocal(r, p);
  float ox = std::max(std::fabs(l.x) - r.half.x, 0.0f);
  float oz = std::max(std::fabs(l.y) - r.half.y, 0.0f);
  return std::sqrt(ox * ox + oz * oz);
}

float rectDistance(const Rect& a, const Rect& b) {
  float best = std::numeric_limits<float>::infinity();
  for (int k = 0; k < 4; ++k) {
    best = std::min(best, pointRectDistance(b, a.corner[k]));
    best = std::min(best, pointRectDistance(a, b.corner[k]));
  }
  return best;
}

bool segmentEntersRect(glm::vec2 a, glm::vec2 b, const Rect& r, float inset) {
  // Liang-Barsky clipping in the rectangle's frame against the open, shrunk rectangle.
  glm::vec2 p = toLocal(r, a), q = toLocal(r, b);
  glm::vec2 d = q - p;
  float hx = r.half.x - inset, hz = r.half.y - inset;
  if (hx <= 0.0f || hz <= 0.0f) return false;
  float t0 = 0.0f, t1 = 1.0f;
  const float pk[4] = {-d.x, d.x, -d.y, d.y};
  const float qk[4] = {p.x + hx, hx - p.x, p.y + hz, hz - p.y};
  for (int k = 0; k < 4; ++k) {
    if (pk[k] == 0.0f) {
      if (qk[k] <= 0.0f) return false;
      continue;
    }
    float t = qk[k] / pk[k];
    if (pk[k] < 0.0f)
      t0 = std::max(t0, t);
    else
      t1 = std::min(t1, t);
    if (t0 >= t1) return false;
  }
  return true;
}

float segmentRectDistance(glm::vec2 a, glm::vec2 b, const Rect& r) {
  if (segmentEntersRect(a, b, r, 0.0f)) return 0.0f;
  float best = std::min(pointRectDistance(r, a), pointRectDistance(r, b));
  for (int k = 0; k < 4; ++k) best = std::min(best, pointSegmentDistance(r.corner[k], a, b));
  return best;
}

float distanceToOutline(const std::vector<glm::vec2>& poly, glm::vec2 p) {
  float best = std::numeric_limits<float>::infinity();
  for (size_t i = 0, j = poly.size() - 1; i < poly.size(); j = i++)
    best = std::min(best, pointSegmentDistance(p, poly[j], poly[i]));
  return best;
}

}  // namespace cx::expo::rules
