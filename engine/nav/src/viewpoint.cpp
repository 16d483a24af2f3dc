// boothViewpoint: where "go to booth" takes the visitor.
#include <algorithm>
#include <cmath>

#include "cx/nav/navigator.h"
#include "geometry2d.h"

namespace cx::nav {

namespace {

constexpr float kMinViewDistance = 2.5f;  // metres from the footprint edge
constexpr float kFaceWidthFactor = 0.7f;  // ~ 0.5 / tan(35 deg): the face fills a 70 degree view
constexpr float kDistanceStep = 0.25f;
constexpr float kFallbackReach = 30.0f;  // how far around the booth the last-resort search looks
constexpr float kPerimeterSpacing = 0.25f;
constexpr float kMinPitch = glm::radians(-15.0f);

struct Side {
  glm::vec2 normal;  // outward, world (x, z)
  float halfDepth;   // footprint half size along the normal
  float halfWidth;   // half the face width
};

// Whether the sight line from p to the booth's face point `face` is clear of walls and of other
// booths' footprints.
bool clearSight(const CollisionWorld& world, uint32_t booth, glm::vec2 p, glm::vec2 face) {
  if (segmentCrossesWall(world, p, face)) return false;
  std::vector<uint32_t> near;
  world.booths.queryRect(glm::min(p, face), glm::max(p, face), near);
  for (uint32_t j : near) {
    if (j == booth) continue;
    const expo::BoothBounds& other = world.booths.bounds()[j];
    if (other.height > 0.0f && detail::segmentFootprintEntry(other, p, face)) return false;
  }
  return true;
}

Viewpoint facing(const expo::BoothBounds& b, glm::vec2 p, float eyeHeight) {
  Viewpoint v;
  v.position = glm::vec3(p.x, eyeHeight, p.y);
  glm::vec2 toCentre = b.center - p;
  v.yaw = yawFromDirection(toCentre);
  float targetY = 0.5f * b.height;
  float pitch = std::atan2(targetY - eyeHeight, std::max(glm::length(toCentre), 1e-3f));
  v.pitch = std::clamp(pitch, kMinPitch, 0.0f);
  return v;
}

std::optional<glm::vec2> searchSide(const CollisionWorld& world, uint32_t booth, const Side& side,
                                    float radius) {
  const expo::BoothBounds& b = world.booths.bounds()[booth];
  glm::vec2 face = b.center + side.normal * side.halfDepth;
  float preferred = std::max(kMinViewDistance, kFaceWidthFactor * 2.0f * side.halfWidth);
  float closest = radius + 0.05f;
  for (float d = preferred;; d -= kDistanceStep) {
    d = std::max(d, closest);
    glm::vec2 p = face + side.normal * d;
    if (isWalkable(world, p, radius) && clearSight(world, booth, p, face)) return p;
    if (d <= closest) return std::nullopt;
  }
}

// The nearest walkable spot on rectangles around the footprint grown by increasing distances,
// preferring one with a clear view of the booth on the same ring.
std::optional<glm::vec2> searchAround(const CollisionWorld& world, uint32_t booth, float radius) {
  const expo::BoothBounds& b = world.booths.bounds()[booth];
  glm::vec2 az = expo::axisZ(b);
  for (float d = radius + 0.05f; d <= kFallbackReach; d += kDistanceStep) {
    glm::vec2 half = b.halfExtents + glm::vec2(d);
    glm::vec2 corners[4] = {{half.x, half.y}, {-half.x, half.y}, {-half.x, -half.y}, {half.x, -half.y}};
    std::optional<glm::vec2> anyWalkable;
    for (int e = 0; e < 4; ++e) {
      glm::vec2 a = corners[e], c = corners[(e + 1) % 4];
      int samples = std::max(1, int(std::ceil(glm::length(c - a) / kPerimeterSpacing)));
      for (int k = 0; k < samples; ++k) {
        glm::vec2 local = glm::mix(a, c, float(k) / float(samples));
        glm::vec2 p = b.center + local.x * b.axisX + local.y * az;
        if (!isWalkable(world, p, radius)) continue;
        glm::vec2 face = b.center + glm::clamp(local, -b.halfExtents, b.halfExtents).x * b.axisX +
                         glm::clamp(local, -b.halfExtents, b.halfExtents).y * az;
        if (clearSight(world, booth, p, face)) return p;
        if (!anyWalkable) anyWalkable = p;
      }
    }
    if (anyWalkable) return anyWalkable;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Viewpoint> boothViewpoint(const expo::Expo& expo, const expo::ExpoScene& scene,
                                        const CollisionWorld& world, uint32_t boothIndex, float eyeHeight,
                                        float radius) {
  if (boothIndex >= expo.booths.size() || boothIndex >= scene.bounds.size() ||
      boothIndex >= world.booths.size())
    return std::nullopt;
  const expo::BoothBounds& b = world.booths.bounds()[boothIndex];
  if (!detail::finite2(b.center) || !detail::finite2(b.halfExtents) || !detail::finite2(b.axisX) ||
      !std::isfinite(eyeHeight) || !std::isfinite(radius))
    return std::nullopt;
  radius = std::max(radius, 0.0f);
  glm::vec2 ax = b.axisX, az = expo::axisZ(b);
  glm::vec2 h = b.halfExtents;
  const Side sides[4] = {{az, h.y, h.x}, {ax, h.x, h.y}, {-ax, h.x, h.y}, {-az, h.y, h.x}};
  for (const Side& side : sides)
    if (std::optional<glm::vec2> p = searchSide(world, boothIndex, side, radius))
      return facing(b, *p, eyeHeight);
  if (std::optional<glm::vec2> p = searchAround(world, boothIndex, radius)) return facing(b, *p, eyeHeight);
  return std::nullopt;
}

}  // namespace cx::nav
