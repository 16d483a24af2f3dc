#include "geometry2d.h"

#include <algorithm>
#include <cmath>

namespace cx::nav::detail {

glm::vec2 closestPointOnSegment(glm::vec2 p, glm::vec2 a, glm::vec2 b) {
  glm::vec2 ab = b - a;
  float len2 = glm::dot(ab, ab);
  if (len2 <= 0.0f) return a;
  float t = std::clamp(glm::dot(p - a, ab) / len2, 0.0f, 1.0f);
  return a + t * ab;
}

std::optional<float> segmentIntersection(glm::vec2 p0, glm::vec2 p1, glm::vec2 a, glm::vec2 b) {
  glm::vec2 d = p1 - p0;
  glm::vec2 e = b - a;
  float denom = cross2(d, e);
  glm::vec2 w = a - p0;
  if (std::fabs(denom) <= 1e-12f * std::max(1.0f, glm::dot(d, d) * glm::dot(e, e))) {
    // Parallel: they meet only when collinear and overlapping.
    if (std::fabs(cross2(w, d)) > 1e-6f * std::max(1.0f, glm::length(d))) return std::nullopt;
    float dd = glm::dot(d, d);
    if (dd <= 0.0f) {
      // p0 == p1: a point on the line of [a, b]; is it within the segment?
      float ee = glm::dot(e, e);
      float t = ee > 0.0f ? glm::dot(p0 - a, e) / ee : 0.0f;
      return (t >= 0.0f && t <= 1.0f) ? std::optional<float>(0.0f) : std::nullopt;
    }
    float s0 = glm::dot(a - p0, d) / dd;
    float s1 = glm::dot(b - p0, d) / dd;
    if (s0 > s1) std::swap(s0, s1);
    if (s1 < 0.0f || s0 > 1.0f) return std::nullopt;
    return std::max(s0, 0.0f);
  }
  float s = cross2(w, e) / denom;
  float t = cross2(w, d) / denom;
  if (s < 0.0f || s > 1.0f || t < 0.0f || t > 1.0f) return std::nullopt;
  return s;
}

glm::vec2 pushOutOfFootprint(const expo::BoothBounds& b, glm::vec2 p, float r) {
  glm::vec2 az = expo::axisZ(b);
  glm::vec2 d = p - b.center;
  glm::vec2 local(glm::dot(d, b.axisX), glm::dot(d, az));
  glm::vec2 h = b.halfExtents;
  glm::vec2 outside = glm::abs(local) - h;
  glm::vec2 pushLocal(0.0f);
  if (outside.x < 0.0f && outside.y < 0.0f) {
    // Centre inside: leave through the nearer side.
    if (-outside.x <= -outside.y)
      pushLocal.x = (local.x >= 0.0f ? 1.0f : -1.0f) * (-outside.x + r);
    else
      pushLocal.y = (local.y >= 0.0f ? 1.0f : -1.0f) * (-outside.y + r);
  } else {
    glm::vec2 closest = glm::clamp(local, -h, h);
    glm::vec2 delta = local - closest;
    float dist = glm::length(delta);
    if (dist >= r) return glm::vec2(0.0f);
    if (dist > 0.0f) {
      pushLocal = delta * ((r - dist) / dist);
    } else {
      // Exactly on the outline: push along the side's normal.
      if (outside.x >= outside.y)
        pushLocal.x = (local.x >= 0.0f ? 1.0f : -1.0f) * r;
      else
        pushLocal.y = (local.y >= 0.0f ? 1.0f : -1.0f) * r;
    }
  }
  return pushLocal.x * b.axisX + pushLocal.y * az;
}

glm::vec2 pushOutOfSegment(glm::vec2 a, glm::vec2 b, glm::vec2 p, float r, glm::vec2 hint) {
  glm::vec2 q = closestPointOnSegment(p, a, b);
  glm::vec2 delta = p - q;
  float dist = glm::length(delta);
  if (dist >= r) return glm::vec2(0.0f);
  if (dist > 0.0f) return delta * ((r - dist) / dist);
  glm::vec2 e = b - a;
  float len = glm::length(e);
  if (len <= 0.0f) return glm::vec2(r, 0.0f);
  glm::vec2 normal(-e.y / len, e.x / len);
  if (glm::dot(hint - q, normal) < 0.0f) normal = -normal;
  return normal * r;
}

std::optional<float> segmentFootprintEntry(const expo::BoothBounds& b, glm::vec2 p0, glm::vec2 p1) {
  glm::vec2 az = expo::axisZ(b);
  glm::vec2 r0 = p0 - b.center, r1 = p1 - b.center;
  glm::vec2 o(glm::dot(r0, b.axisX), glm::dot(r0, az));
  glm::vec2 d = glm::vec2(glm::dot(r1, b.axisX), glm::dot(r1, az)) - o;
  float tNear = 0.0f, tFar = 1.0f;
  for (int i = 0; i < 2; ++i) {
    float lo = -b.halfExtents[i], hi = b.halfExtents[i];
    if (d[i] == 0.0f) {
      if (o[i] <= lo || o[i] >= hi) return std::nullopt;
      continue;
    }
    float t0 = (lo - o[i]) / d[i];
    float t1 = (hi - o[i]) / d[i];
    if (t0 > t1) std::swap(t0, t1);
    tNear = std::max(tNear, t0);
    tFar = std::min(tFar, t1);
    if (tNear >= tFar) return std::nullopt;  // touching an edge or corner does not count
  }
  return tNear;
}

}  // namespace cx::nav::detail
