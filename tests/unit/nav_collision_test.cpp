#include <cmath>
#include <random>

#include <gtest/gtest.h>

#include "cx/expo/footprint.h"
#include "cx/nav/collision.h"
#include "nav_test_layout.h"

namespace {

using cx::nav::isWalkable;
using cx::nav::moveWithCollision;

constexpr float kRadius = 0.3f;

float nearestBoothDistance(const navtest::Layout& l, glm::vec2 p) {
  float best = 1e9f;
  for (const auto& b : l.scene.bounds) best = std::min(best, cx::expo::footprintDistance(b, p));
  return best;
}

TEST(NavCollision, WallsFollowTheFloorWithAGapAtTheEntrance) {
  navtest::Layout l = navtest::makeLayout();
  // Four edges, the z = 30 one split in two around the 6 m entrance at x = 20.
  ASSERT_EQ(l.world.walls.size(), 5u);
  float gapWalls = 0.0f;
  for (const auto& w : l.world.walls)
    if (w.a.y == 30.0f && w.b.y == 30.0f) gapWalls += glm::length(w.b - w.a);
  EXPECT_NEAR(gapWalls, 34.0f, 1e-4f);
  EXPECT_FALSE(cx::nav::segmentCrossesWall(l.world, {20, 29}, {20, 31}));
  EXPECT_TRUE(cx::nav::segmentCrossesWall(l.world, {16, 29}, {16, 31}));
  EXPECT_TRUE(cx::nav::segmentCrossesWall(l.world, {5, 1}, {5, -1}));
}

TEST(NavCollision, EntranceAtACornerOpensBothEdges) {
  cx::expo::Expo e = navtest::makeExpo({});
  e.pavilions[0].entrances = {{{0.0f, 0.0f}, 4.0f}};
  cx::expo::ExpoScene scene = cx::expo::buildScene(e);
  cx::nav::CollisionWorld world = cx::nav::buildCollisionWorld(e, scene);
  EXPECT_FALSE(cx::nav::segmentCrossesWall(world, {1, 1}, {-1, -1}));
  EXPECT_FALSE(cx::nav::segmentCrossesWall(world, {1.5f, 1}, {1.5f, -1}));
  EXPECT_TRUE(cx::nav::segmentCrossesWall(world, {2.5f, 1}, {2.5f, -1}));
}

TEST(NavCollision, WalkingIntoABoothStopsAtItsFootprint) {
  navtest::Layout l = navtest::makeLayout();
  // Booth 0 spans x, z in 8.5..11.5; walk at its front (z = 11.5) from the aisle.
  glm::vec2 end = moveWithCollision(l.world, {10.0f, 16.0f}, {0.0f, -10.0f}, kRadius);
  EXPECT_NEAR(end.x, 10.0f, 1e-4f);
  EXPECT_NEAR(end.y, 11.5f + kRadius, 2e-3f);
  EXPECT_NEAR(cx::expo::footprintDistance(l.scene.bounds[0], end), kRadius, 2e-3f);
  EXPECT_TRUE(isWalkable(l.world, end, kRadius));
}

TEST(NavCollision, RotatedBoothsStopTheWalkerAtRadiusFromAnySide) {
  navtest::Layout l = navtest::makeLayout();
  for (size_t i = 0; i < l.scene.bounds.size(); ++i) {
    const auto& b = l.scene.bounds[i];
    for (int k = 0; k < 16; ++k) {
      float angle = glm::radians(22.5f * float(k) + 3.0f);
      glm::vec2 dir(std::cos(angle), std::sin(angle));
      glm::vec2 start = b.center + dir * 6.0f;
      glm::vec2 end = moveWithCollision(l.world, start, -dir * 8.0f, kRadius);
      float d = cx::expo::footprintDistance(b, end);
      EXPECT_GE(d, kRadius - 2e-3f) << "booth " << i << " angle " << k;
      EXPECT_LT(d, 1.0f) << "booth " << i << " angle " << k;  // it did get close (slid, not stopped early)
    }
  }
}

TEST(NavCollision, SlidingAlongAWallKeepsTangentialMotion) {
  navtest::Layout l = navtest::makeLayout();
  // Walk diagonally into the z = 0 wall: z stops at the radius, x keeps going.
  glm::vec2 end = moveWithCollision(l.world, {3.0f, 1.0f}, {3.0f, -2.0f}, kRadius);
  EXPECT_NEAR(end.y, kRadius, 2e-3f);
  EXPECT_NEAR(end.x, 6.0f, 1e-3f);
  // Along the x = 40 wall, pressing into it.
  end = moveWithCollision(l.world, {39.0f, 20.0f}, {2.0f, 4.0f}, kRadius);
  EXPECT_NEAR(end.x, 40.0f - kRadius, 2e-3f);
  EXPECT_NEAR(end.y, 24.0f, 1e-3f);
}

TEST(NavCollision, SlidingAlongABoothEdge) {
  navtest::Layout l = navtest::makeLayout();
  // Along booth 0's front (z = 11.5) while pushing into it.
  glm::vec2 end = moveWithCollision(l.world, {9.0f, 12.0f}, {2.5f, -1.0f}, kRadius);
  EXPECT_NEAR(end.x, 11.5f, 1e-3f);
  EXPECT_NEAR(end.y, 11.5f + kRadius, 2e-3f);
}

TEST(NavCollision, LargeStepsDoNotTunnelThroughAThinWall) {
  navtest::Layout l = navtest::makeLayout();
  glm::vec2 end = moveWithCollision(l.world, {5.0f, 5.0f}, {0.0f, -100.0f}, kRadius);
  EXPECT_NEAR(end.y, kRadius, 2e-3f);
  end = moveWithCollision(l.world, {35.0f, 5.0f}, {60.0f, -40.0f}, kRadius);
  EXPECT_LE(end.x, 40.0f - kRadius + 2e-3f);
  EXPECT_GE(end.y, kRadius - 2e-3f);
  EXPECT_TRUE(cx::nav::insidePavilion(l.world, end));
  // A step longer than the booth is deep does not jump over it either.
  end = moveWithCollision(l.world, {10.0f, 5.0f}, {0.0f, 20.0f}, kRadius);
  EXPECT_NEAR(end.y, 8.5f - kRadius, 2e-3f);
}

TEST(NavCollision, EntranceGapLetsYouPass) {
  navtest::Layout l = navtest::makeLayout();
  glm::vec2 end = moveWithCollision(l.world, {20.0f, 27.0f}, {0.0f, 8.0f}, kRadius);
  EXPECT_NEAR(end.y, 35.0f, 1e-3f);
  EXPECT_FALSE(cx::nav::insidePavilion(l.world, end));
  // And back in.
  glm::vec2 back = moveWithCollision(l.world, end, {0.0f, -8.0f}, kRadius);
  EXPECT_NEAR(back.y, 27.0f, 1e-3f);
  EXPECT_TRUE(cx::nav::insidePavilion(l.world, back));
  // Beside the gap the wall holds.
  glm::vec2 blocked = moveWithCollision(l.world, {12.0f, 27.0f}, {0.0f, 8.0f}, kRadius);
  EXPECT_NEAR(blocked.y, 30.0f - kRadius, 2e-3f);
}

TEST(NavCollision, WalkableGroundAndPavilions) {
  navtest::Layout l = navtest::makeLayout();
  EXPECT_TRUE(isWalkable(l.world, {20, 20}, kRadius));
  EXPECT_TRUE(cx::nav::insidePavilion(l.world, {20, 20}));
  EXPECT_EQ(cx::nav::pavilionAt(l.world, {20, 20}), 0u);
  EXPECT_FALSE(isWalkable(l.world, {10, 10}, kRadius));     // inside booth 0
  EXPECT_FALSE(isWalkable(l.world, {10, 11.6f}, kRadius));  // against its front
  EXPECT_FALSE(isWalkable(l.world, {5, 0.1f}, kRadius));    // against the wall
  EXPECT_TRUE(isWalkable(l.world, {-5, -5}, kRadius));      // open site between halls
  EXPECT_FALSE(cx::nav::insidePavilion(l.world, {-5, -5}));
  EXPECT_FALSE(isWalkable(l.world, {-100, -100}, kRadius));  // beyond the site
  EXPECT_FALSE(isWalkable(l.world, {NAN, 1}, kRadius));
}

TEST(NavCollision, AStartInsideABoothIsPushedOut) {
  navtest::Layout l = navtest::makeLayout();
  glm::vec2 end = moveWithCollision(l.world, {10.0f, 11.0f}, {0.0f, 0.0f}, kRadius);
  EXPECT_NEAR(cx::expo::footprintDistance(l.scene.bounds[0], end), kRadius, 2e-3f);
}

TEST(NavCollision, RandomWalkNeverEntersABooth) {
  navtest::Layout l = navtest::makeLayout();
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> step(-6.0f, 6.0f);
  glm::vec2 pos(20.0f, 20.0f);
  int outside = 0;
  for (int i = 0; i < 3000; ++i) {
    glm::vec2 next = moveWithCollision(l.world, pos, {step(rng), step(rng)}, kRadius);
    ASSERT_TRUE(isWalkable(l.world, next, kRadius)) << i;
    ASSERT_GE(nearestBoothDistance(l, next), kRadius - 2e-3f) << i;
    outside += cx::nav::insidePavilion(l.world, next) ? 0 : 1;
    pos = next;
  }
  EXPECT_GT(outside, 0);  // the walk did find the entrance
}

TEST(NavCollision, RandomWalkNeverLeavesAClosedHall) {
  cx::expo::Expo e = navtest::makeExpo(navtest::standardBooths());
  e.pavilions[0].entrances.clear();
  cx::expo::ExpoScene scene = cx::expo::buildScene(e);
  cx::nav::CollisionWorld world = cx::nav::buildCollisionWorld(e, scene);
  std::mt19937 rng(11);
  std::uniform_real_distribution<float> step(-15.0f, 15.0f);
  glm::vec2 pos(20.0f, 20.0f);
  for (int i = 0; i < 2000; ++i) {
    pos = moveWithCollision(world, pos, {step(rng), step(rng)}, kRadius);
    ASSERT_TRUE(cx::nav::insidePavilion(world, pos)) << i;
    ASSERT_TRUE(isWalkable(world, pos, kRadius)) << i;
  }
}

TEST(NavCollision, HundredThousandBoothsBroadPhase) {
  // A 316 x 316 grid of 3 x 3 booths with 3 m aisles; walking down an aisle and into a booth
  // behaves as with a handful of booths.
  std::vector<navtest::BoothSpec> specs;
  for (int z = 0; z < 316; ++z)
    for (int x = 0; x < 316; ++x) specs.push_back({{6.0f * float(x), 6.0f * float(z)}, 0.0f, {3, 3}});
  cx::expo::Expo e = navtest::makeExpo(specs);
  e.pavilions.clear();
  cx::expo::ExpoScene scene = cx::expo::buildScene(e);
  cx::nav::CollisionWorld world = cx::nav::buildCollisionWorld(e, scene);
  glm::vec2 end = moveWithCollision(world, {3.0f, 3.0f}, {0.0f, 500.0f}, kRadius);  // an aisle at x = 3
  EXPECT_NEAR(end.x, 3.0f, 1e-3f);
  EXPECT_NEAR(end.y, 503.0f, 1e-2f);
  end = moveWithCollision(world, {3.0f, 600.0f}, {50.0f, 0.0f}, kRadius);
  EXPECT_NEAR(end.x, 4.5f - kRadius, 2e-3f);
}

}  // namespace
