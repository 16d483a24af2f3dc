#pragma once
// What a walking visitor bumps into, on the floor plane (world x, z):
//   - booth footprints (oriented rectangles), through an expo::SpatialIndex so 100k booths stay fast;
//   - pavilion walls: every edge of every floor polygon, minus the gaps at its entrances (an entrance
//     of width w at position e removes the part of an edge within w/2 of e's projection onto it, for
//     every edge that passes within kEntranceSnap of e, so an entrance at a corner opens both edges).
//     Walls have no thickness and are solid from both sides and at any height;
//   - the site boundary: the box around all pavilions and booths grown by `siteMargin`.
// Walkable ground is the floor of any pavilion and the open site between the halls (outside every
// pavilion but inside the site box), minus booths and walls. The visitor is a circle of `radius`.
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include <glm/glm.hpp>

#include "cx/expo/expo.h"
#include "cx/expo/scene.h"
#include "cx/expo/spatial_index.h"

namespace cx::nav {

inline constexpr float kEntranceSnap = 1.0f;  // metres: how far off an edge an entrance may lie
inline constexpr float kDefaultSiteMargin = 30.0f;
inline constexpr float kContactTolerance = 1e-3f;  // metres: closer than radius by this counts as a hit

struct WallSegment {
  glm::vec2 a{0.0f}, b{0.0f};  // world (x, z)
  uint32_t pavilion = 0;       // index into Expo::pavilions
};

struct PavilionFloor {
  std::vector<glm::vec2> outline;  // world (x, z), as in the manifest
  glm::vec2 min{0.0f}, max{0.0f};  // its axis-aligned box
};

// Self-contained: it copies what it needs, so the Expo and ExpoScene may go away afterwards.
struct CollisionWorld {
  expo::SpatialIndex booths;  // built from ExpoScene::bounds; booth i = Expo::booths[i]
  std::vector<WallSegment> walls;
  std::vector<PavilionFloor> pavilions;  // one per Expo::pavilions entry, same order
  // The site box; infinite when the expo has neither pavilions nor booths.
  glm::vec2 siteMin{-std::numeric_limits<float>::infinity()};
  glm::vec2 siteMax{std::numeric_limits<float>::infinity()};
};

CollisionWorld buildCollisionWorld(const expo::Expo& expo, const expo::ExpoScene& scene,
                                   float siteMargin = kDefaultSiteMargin);

// Moves a circle of `radius` centred at `from` by `desiredDelta` and returns where it ends. The
// move is split into sub-steps of at most radius / 2, so no wall or booth edge is skipped however
// long the step; after each sub-step the circle is pushed out of what it overlaps, which slides it
// along walls and booth edges (the tangential part of the motion is kept). When a wedge cannot be
// resolved the circle stays at its last clear position. A start that overlaps something is pushed
// out first. Moves longer than kMaxMoveSubsteps * radius / 2 are cut short; non-finite input
// returns `from`.
inline constexpr int kMaxMoveSubsteps = 4096;
glm::vec2 moveWithCollision(const CollisionWorld& world, glm::vec2 from, glm::vec2 desiredDelta,
                            float radius);

// Whether a circle of `radius` at `p` stands on walkable ground: inside the site box, not
// overlapping any booth footprint or wall (by more than kContactTolerance).
bool isWalkable(const CollisionWorld& world, glm::vec2 p, float radius);

// The pavilion whose floor polygon contains `p` (even-odd rule; the lowest index when floors
// overlap), if any.
std::optional<uint32_t> pavilionAt(const CollisionWorld& world, glm::vec2 p);
inline bool insidePavilion(const CollisionWorld& world, glm::vec2 p) {
  return pavilionAt(world, p).has_value();
}

// Whether the segment [a, b] crosses or touches a wall.
bool segmentCrossesWall(const CollisionWorld& world, glm::vec2 a, glm::vec2 b);

// Where the segment [a, b] first crosses a wall, as a fraction 0..1 of its length; nullopt if none.
std::optional<float> firstWallCrossing(const CollisionWorld& world, glm::vec2 a, glm::vec2 b);

}  // namespace cx::nav
