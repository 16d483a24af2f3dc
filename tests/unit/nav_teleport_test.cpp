#include <gtest/gtest.h>

#include "cx/expo/footprint.h"
#include "cx/nav/teleport.h"
#include "nav_test_layout.h"

namespace {

TEST(NavTeleport, ArcLandsOnTheFloor) {
  navtest::Layout l = navtest::makeLayout();
  glm::vec3 origin(20.0f, 1.4f, 26.0f);
  cx::nav::TeleportArc arc = cx::nav::computeTeleportArc(l.world, origin, {0.0f, 0.3f, -1.0f});
  ASSERT_TRUE(arc.hit);
  EXPECT_TRUE(arc.valid);
  EXPECT_FLOAT_EQ(arc.hit->y, 0.0f);
  EXPECT_LT(arc.hit->z, origin.z - 2.0f);
  EXPECT_NEAR(arc.hit->x, 20.0f, 1e-4f);
  ASSERT_GE(arc.points.size(), 3u);
  EXPECT_EQ(arc.points.front(), origin);
  EXPECT_EQ(arc.points.back(), *arc.hit);
  for (size_t i = 1; i < arc.points.size(); ++i) EXPECT_LT(arc.points[i].z, arc.points[i - 1].z);
}

TEST(NavTeleport, ArcIntoABoothIsInvalid) {
  navtest::Layout l = navtest::makeLayout();
  // From booth 0's front aisle, aimed at the booth (front at z = 11.5, 2.5 m high).
  cx::nav::TeleportArc arc = cx::nav::computeTeleportArc(l.world, {10.0f, 1.4f, 14.0f}, {0.0f, 0.1f, -1.0f});
  ASSERT_TRUE(arc.hit);
  EXPECT_FALSE(arc.valid);
  EXPECT_LE(cx::expo::footprintDistance(l.scene.bounds[0], {arc.hit->x, arc.hit->z}), 1e-3f);
  EXPECT_GT(arc.hit->y, 0.0f);
}

TEST(NavTeleport, LandingHardAgainstABoothIsInvalid) {
  navtest::Layout l = navtest::makeLayout();
  // Straight down beside booth 0's front, closer than the clearance.
  cx::nav::TeleportArc arc = cx::nav::computeTeleportArc(l.world, {10.0f, 1.4f, 11.6f}, {0.0f, -1.0f, 0.0f});
  ASSERT_TRUE(arc.hit);
  EXPECT_FLOAT_EQ(arc.hit->y, 0.0f);
  EXPECT_FALSE(arc.valid);
}

TEST(NavTeleport, ArcThroughAWallIsInvalid) {
  navtest::Layout l = navtest::makeLayout();
  cx::nav::TeleportArc arc = cx::nav::computeTeleportArc(l.world, {5.0f, 1.4f, 1.5f}, {0.0f, 0.5f, -1.0f});
  ASSERT_TRUE(arc.hit);
  EXPECT_FALSE(arc.valid);
  EXPECT_NEAR(arc.hit->z, 0.0f, 1e-4f);
  // Through the entrance gap it is fine.
  arc = cx::nav::computeTeleportArc(l.world, {20.0f, 1.4f, 28.5f}, {0.0f, 0.3f, 1.0f});
  ASSERT_TRUE(arc.hit);
  EXPECT_TRUE(arc.valid);
  EXPECT_GT(arc.hit->z, 30.0f);
}

TEST(NavTeleport, NoLandingWithinMaxTimeOrBadInputIsInvalid) {
  navtest::Layout l = navtest::makeLayout();
  cx::nav::TeleportArc arc =
      cx::nav::computeTeleportArc(l.world, {20.0f, 1.4f, 20.0f}, {0.0f, 1.0f, 0.0f}, 7.0f, 9.81f, 0.5f);
  EXPECT_FALSE(arc.hit);
  EXPECT_FALSE(arc.valid);
  EXPECT_FALSE(cx::nav::computeTeleportArc(l.world, {20.0f, 1.4f, 20.0f}, {0.0f, 0.0f, 0.0f}).valid);
  EXPECT_FALSE(cx::nav::computeTeleportArc(l.world, {20.0f, -1.0f, 20.0f}, {0.0f, 0.0f, -1.0f}).valid);
}

}  // namespace
