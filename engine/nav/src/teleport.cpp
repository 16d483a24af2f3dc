#include "cx/nav/teleport.h"

#include <algorithm>
#include <cmath>

#include "geometry2d.h"

namespace cx::nav {

using detail::finite3;

TeleportArc computeTeleportArc(const CollisionWorld& world, glm::vec3 origin, glm::vec3 direction,
                               float speed, float gravity, float maxTime, float clearance) {
  TeleportArc arc;
  if (!finite3(origin) || !finite3(direction) || !std::isfinite(speed) || !std::isfinite(gravity) ||
      !std::isfinite(maxTime) || !std::isfinite(clearance))
    return arc;
  arc.points.push_back(origin);
  float len = glm::length(direction);
  if (!(len > 0.0f) || origin.y < 0.0f || !(maxTime > 0.0f)) return arc;
  const glm::vec3 velocity = direction / len * speed;
  const glm::vec3 accel(0.0f, -gravity, 0.0f);
  const int steps = std::clamp(int(std::ceil(maxTime / kTeleportTimeStep)), 1, 100000);
  const float dt = maxTime / float(steps);

  glm::vec3 p0 = origin;
  for (int k = 1; k <= steps; ++k) {
    float t = dt * float(k);
    glm::vec3 p1 = origin + velocity * t + 0.5f * accel * t * t;
    glm::vec3 seg = p1 - p0;
    float segLen = glm::length(seg);
    // The first of: the floor, a booth box, a wall, as a fraction of this segment.
    enum class Contact { None, Floor, Blocked } contact = Contact::None;
    float s = 2.0f;
    if (p1.y <= 0.0f) {
      float denom = p0.y - p1.y;
      s = denom > 0.0f ? p0.y / denom : 0.0f;
      contact = Contact::Floor;
    }
    if (segLen > 0.0f) {
      if (auto hit = world.booths.raycast(p0, seg, segLen); hit && hit->distance / segLen <= s) {
        s = hit->distance / segLen;
        contact = Contact::Blocked;
      }
    }
    if (auto w = firstWallCrossing(world, {p0.x, p0.z}, {p1.x, p1.z}); w && *w <= s) {
      s = *w;
      contact = Contact::Blocked;
    }
    if (contact != Contact::None) {
      glm::vec3 hit = p0 + seg * std::clamp(s, 0.0f, 1.0f);
      if (contact == Contact::Floor) hit.y = 0.0f;
      arc.points.push_back(hit);
      arc.hit = hit;
      arc.valid = contact == Contact::Floor && isWalkable(world, {hit.x, hit.z}, clearance);
      return arc;
    }
    arc.points.push_back(p1);
    p0 = p1;
  }
  return arc;
}

}  // namespace cx::nav
