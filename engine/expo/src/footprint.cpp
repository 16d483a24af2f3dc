#include "cx/expo/footprint.h"

#include <algorithm>
#include <cmath>

namespace cx::expo {

BoothBounds makeBoothBounds(glm::vec2 center, glm::vec2 size, float rotationDeg, float height) {
  BoothBounds b;
  b.center = center;
  b.halfExtents = 0.5f * size;
  double r = double(rotationDeg) * (3.14159265358979323846 / 180.0);
  b.axisX = glm::vec2(float(std::cos(r)), float(-std::sin(r)));
  b.height = height;
  return b;
}

void footprintAabb(const BoothBounds& b, glm::vec2& min, glm::vec2& max) {
  glm::vec2 ax = b.axisX;
  glm::vec2 az = axisZ(b);
  glm::vec2 extent(std::fabs(ax.x) * b.halfExtents.x + std::fabs(az.x) * b.halfExtents.y,
                   std::fabs(ax.y) * b.halfExtents.x + std::fabs(az.y) * b.halfExtents.y);
  min = b.center - extent;
  max = b.center + extent;
}

float footprintDistance(const BoothBounds& b, glm::vec2 p) {
  glm::vec2 d = p - b.center;
  float lx = std::fabs(glm::dot(d, b.axisX)) - b.halfExtents.x;
  float lz = std::fabs(glm::dot(d, axisZ(b))) - b.halfExtents.y;
  float ox = std::max(lx, 0.0f);
  float oz = std::max(lz, 0.0f);
  return std::sqrt(ox * ox + oz * oz);
}

bool footprintOverlapsRect(const BoothBounds& b, glm::vec2 min, glm::vec2 max) {
  // Separating axes: the rectangle's two (world x, z), then the footprint's two.
  glm::vec2 bmin, bmax;
  footprintAabb(b, bmin, bmax);
  if (bmax.x < min.x || bmin.x > max.x || bmax.y < min.y || bmin.y > max.y) return false;
  glm::vec2 rectCenter = 0.5f * (min + max);
  glm::vec2 rectHalf = 0.5f * (max - min);
  glm::vec2 d = rectCenter - b.center;
  glm::vec2 axes[2] = {b.axisX, axisZ(b)};
  for (int i = 0; i < 2; ++i) {
    glm::vec2 a = axes[i];
    float rectRadius = rectHalf.x * std::fabs(a.x) + rectHalf.y * std::fabs(a.y);
    if (std::fabs(glm::dot(d, a)) > b.halfExtents[i] + rectRadius) return false;
  }
  return true;
}

std::optional<float> rayBoothDistance(const BoothBounds& b, glm::vec3 origin, glm::vec3 dir, float maxDist) {
  // Into the booth frame: x along axisX, z along axisZ, y unchanged.
  glm::vec2 az = axisZ(b);
  glm::vec2 rel(origin.x - b.center.x, origin.z - b.center.y);
  glm::vec3 o(glm::dot(rel, b.axisX), origin.y, glm::dot(rel, az));
  glm::vec2 dxz(dir.x, dir.z);
  glm::vec3 d(glm::dot(dxz, b.axisX), dir.y, glm::dot(dxz, az));
  glm::vec3 lo(-b.halfExtents.x, 0.0f, -b.halfExtents.y);
  glm::vec3 hi(b.halfExtents.x, b.height, b.halfExtents.y);
  float tNear = 0.0f;
  float tFar = maxDist;
  for (int i = 0; i < 3; ++i) {
    if (d[i] == 0.0f) {
      if (o[i] < lo[i] || o[i] > hi[i]) return std::nullopt;
      continue;
    }
    float inv = 1.0f / d[i];
    float t0 = (lo[i] - o[i]) * inv;
    float t1 = (hi[i] - o[i]) * inv;
    if (t0 > t1) std::swap(t0, t1);
    tNear = std::max(tNear, t0);
    tFar = std::min(tFar, t1);
    if (tNear > tFar) return std::nullopt;
  }
  return tNear;
}

bool pointInPolygon(std::span<const glm::vec2> poly, glm::vec2 p) {
  bool inside = false;
  for (size_t i = 0, j = poly.size() - 1; i < poly.size(); j = i++) {
    const glm::vec2 a = poly[i], b = poly[j];
    if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

}  // namespace cx::expo
