#pragma once
// Teleport targeting for VR controllers: a ballistic arc from the controller, and whether where it
// lands is a place the visitor may stand.
#include <optional>
#include <vector>

#include <glm/glm.hpp>

#include "cx/nav/collision.h"

namespace cx::nav {

inline constexpr float kTeleportTimeStep = 0.025f;  // seconds between arc samples

struct TeleportArc {
  std::vector<glm::vec3> points;  // the arc from the origin to where it stops (the hit, if any)
  std::optional<glm::vec3> hit;   // where it met the floor, a booth or a wall
  bool valid = false;             // landed on the floor at a walkable point
};

// Samples origin + v t + (0, -gravity t^2 / 2, 0), v = normalize(direction) * speed, every
// kTeleportTimeStep until it meets something or maxTime passes. Each segment is tested against
// booth boxes (SpatialIndex::raycast), walls (tall: a hall has a roof) and the floor y = 0; the
// first contact ends the arc. Valid only when that contact is the floor and a circle of
// `clearance` there isWalkable (not in or against a booth, inside the site). An origin below the
// floor, a zero or non-finite direction, or no contact within maxTime give an invalid arc.
TeleportArc computeTeleportArc(const CollisionWorld& world, glm::vec3 origin, glm::vec3 direction,
                               float speed = 7.0f, float gravity = 9.81f, float maxTime = 2.0f,
                               float clearance = 0.3f);

}  // namespace cx::nav
