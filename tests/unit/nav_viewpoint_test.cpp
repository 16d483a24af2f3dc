#include <gtest/gtest.h>

#include "cx/expo/footprint.h"
#include "cx/nav/navigator.h"
#include "nav_test_layout.h"

namespace {

constexpr float kEye = 1.65f;
constexpr float kViewerRadius = 0.3f;

// Angle in degrees between the viewpoint's horizontal view direction and the direction to the
// booth centre.
float aimErrorDeg(const cx::nav::Viewpoint& v, glm::vec2 centre) {
  glm::vec2 f = cx::nav::forwardXZ(v.yaw);
  glm::vec2 to = glm::normalize(centre - glm::vec2(v.position.x, v.position.z));
  return glm::degrees(std::acos(std::clamp(glm::dot(f, to), -1.0f, 1.0f)));
}

TEST(NavViewpoint, InFrontWalkableAndFacingTheBoothAtAllRotations) {
  navtest::Layout l = navtest::makeLayout();
  for (uint32_t i = 0; i < l.expo.booths.size(); ++i) {
    std::optional<cx::nav::Viewpoint> v = cx::nav::boothViewpoint(l.expo, l.scene, l.world, i, kEye);
    ASSERT_TRUE(v) << i;
    const cx::expo::BoothBounds& b = l.scene.bounds[i];
    glm::vec2 p(v->position.x, v->position.z);
    EXPECT_GT(glm::dot(p - b.center, cx::expo::axisZ(b)), b.halfExtents.y) << i;  // beyond the front edge
    EXPECT_TRUE(cx::nav::isWalkable(l.world, p, kViewerRadius)) << i;
    EXPECT_TRUE(cx::nav::insidePavilion(l.world, p)) << i;
    EXPECT_FLOAT_EQ(v->position.y, kEye);
    EXPECT_LT(aimErrorDeg(*v, b.center), 1.0f) << i;
    EXPECT_LE(v->pitch, 0.0f);
    EXPECT_GT(v->pitch, glm::radians(-20.0f));
    float fromEdge = cx::expo::footprintDistance(b, p);
    EXPECT_GE(fromEdge, 2.5f - 1e-3f) << i;  // open floor: the preferred distance
    EXPECT_LT(fromEdge, 6.0f) << i;
  }
}

TEST(NavViewpoint, NarrowAisleMovesCloser) {
  // Booth 0 faces +Z (front at z = 11.5); a row of booths from z = 14 leaves a 2.5 m aisle, less than
  // the preferred distance: the viewpoint moves closer and stays in the aisle.
  std::vector<navtest::BoothSpec> specs = {{{10, 10}, 0.0f, {3, 3}},
                                           {{7, 15.5f}, 180.0f, {3, 3}},
                                           {{10, 15.5f}, 180.0f, {3, 3}},
                                           {{13, 15.5f}, 180.0f, {3, 3}}};
  navtest::Layout l = navtest::makeLayout(specs);
  std::optional<cx::nav::Viewpoint> v = cx::nav::boothViewpoint(l.expo, l.scene, l.world, 0, kEye);
  ASSERT_TRUE(v);
  glm::vec2 p(v->position.x, v->position.z);
  EXPECT_GT(p.y, 11.5f);
  EXPECT_LE(p.y, 14.0f - kViewerRadius + 1e-3f);
  EXPECT_TRUE(cx::nav::isWalkable(l.world, p, kViewerRadius));
  EXPECT_LT(aimErrorDeg(*v, l.scene.bounds[0].center), 1.0f);
}

TEST(NavViewpoint, BlockedFrontFallsBackToAnotherSide) {
  // Booth 0 faces -Z with its front 0.1 m from the hall wall at z = 0.
  std::vector<navtest::BoothSpec> specs = {{{10, 1.6f}, 180.0f, {3, 3}}};
  navtest::Layout l = navtest::makeLayout(specs);
  std::optional<cx::nav::Viewpoint> v = cx::nav::boothViewpoint(l.expo, l.scene, l.world, 0, kEye);
  ASSERT_TRUE(v);
  glm::vec2 p(v->position.x, v->position.z);
  const cx::expo::BoothBounds& b = l.scene.bounds[0];
  EXPECT_TRUE(cx::nav::isWalkable(l.world, p, kViewerRadius));
  EXPECT_TRUE(cx::nav::insidePavilion(l.world, p));
  EXPECT_GT(std::fabs(glm::dot(p - b.center, b.axisX)), b.halfExtents.x);  // to its side
  EXPECT_LT(aimErrorDeg(*v, b.center), 1.0f);
}

TEST(NavViewpoint, BoxedInBoothFindsTheNearestWalkableSpot) {
  // Booth 0 is walled in on all four sides by touching booths; the nearest free floor is beyond them.
  std::vector<navtest::BoothSpec> specs = {{{20, 15}, 0.0f, {3, 3}},
                                           {{20, 18}, 0.0f, {3, 3}},
                                           {{20, 12}, 0.0f, {3, 3}},
                                           {{17, 15}, 0.0f, {3, 9}},
                                           {{23, 15}, 0.0f, {3, 9}}};
  navtest::Layout l = navtest::makeLayout(specs);
  std::optional<cx::nav::Viewpoint> v = cx::nav::boothViewpoint(l.expo, l.scene, l.world, 0, kEye);
  ASSERT_TRUE(v);
  glm::vec2 p(v->position.x, v->position.z);
  EXPECT_TRUE(cx::nav::isWalkable(l.world, p, kViewerRadius));
  EXPECT_LT(cx::expo::footprintDistance(l.scene.bounds[0], p), 5.0f);
}

TEST(NavViewpoint, BadIndexGivesNothing) {
  navtest::Layout l = navtest::makeLayout();
  EXPECT_FALSE(cx::nav::boothViewpoint(l.expo, l.scene, l.world, 99, kEye));
}

TEST(NavViewpoint, GoToBoothArrivesThere) {
  navtest::Layout l = navtest::makeLayout();
  cx::nav::NavSettings s;
  cx::nav::Navigator nav;
  nav.pose.position = {20.0f, s.eyeHeight, 28.0f};
  std::optional<cx::nav::Viewpoint> v = cx::nav::boothViewpoint(l.expo, l.scene, l.world, 2, s.eyeHeight);
  ASSERT_TRUE(v);
  cx::nav::startGoTo(nav, *v);
  cx::nav::NavInput in;
  in.dt = 0.1f;
  for (int i = 0; i < 12; ++i) cx::nav::updateNavigator(nav, in, s, &l.world);
  EXPECT_FALSE(cx::nav::isTransitioning(nav));
  EXPECT_EQ(nav.pose.position, v->position);
  // The next walk frame starts from a clear spot, so collision does not shove the visitor.
  cx::nav::updateNavigator(nav, in, s, &l.world);
  EXPECT_NEAR(glm::distance(nav.pose.position, v->position), 0.0f, 1e-5f);
}

}  // namespace
