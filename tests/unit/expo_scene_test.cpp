#include <gtest/gtest.h>

#include <glm/gtc/matrix_transform.hpp>

#include "cx/expo/manifest.h"
#include "cx/expo/scene.h"

namespace {

cx::expo::Expo sampleExpo() {
  using namespace cx::expo;
  Expo e;
  e.id = "t";
  e.venue.name.english = "Test";
  Pavilion p;
  p.id = "hall-a";
  p.name.english = "Hall A";
  p.model = "models/hall-a.glb";
  p.floor = {{0, 0}, {40, 0}, {40, -30}, {0, -30}};
  p.heightLimit = 6.0f;
  e.pavilions.push_back(p);
  BoothStyle s;
  s.id = "shell-3x3";
  s.model = "models/shell-3x3.glb";
  s.footprint = {3, 3};
  s.height = 2.5f;
  s.fasciaOrigin = {0.0f, 2.3f, 1.5f};
  s.fasciaSize = {3.0f, 0.3f};
  e.styles.push_back(s);
  BoothStyle island = s;
  island.id = "island-6x6";
  island.model = "models/island-6x6.glb";
  island.footprint = {6, 6};
  island.height = 4.0f;
  island.fasciaSize = {0, 0};
  e.styles.push_back(island);
  auto booth = [&](const char* id, const char* style, glm::vec2 pos, float rot, glm::vec2 size) {
    Booth b;
    b.id = id;
    b.pavilion = "hall-a";
    b.style = style;
    b.position = pos;
    b.rotationDeg = rot;
    b.footprint = size;
    b.fascia.text = id;
    b.fascia.primaryColor = {0.9f, 0.1f, 0.1f};
    e.booths.push_back(b);
  };
  booth("b0", "shell-3x3", {5.5f, -5.5f}, 0.0f, {3, 3});
  booth("b1", "shell-3x3", {12.0f, -5.5f}, 90.0f, {3, 4});
  booth("b2", "island-6x6", {20.0f, -15.0f}, 45.0f, {6, 6});
  booth("b3", "shell-3x3", {30.0f, -5.5f}, 180.0f, {3, 3});
  e.booths[3].model = "models/own.glb";
  e.booths[3].heightLimit = 3.5f;
  e.booths[3].fascia.text.clear();
  return e;
}

void expectNear(glm::vec3 a, glm::vec3 b) {
  EXPECT_NEAR(a.x, b.x, 1e-5f);
  EXPECT_NEAR(a.y, b.y, 1e-5f);
  EXPECT_NEAR(a.z, b.z, 1e-5f);
}

glm::vec3 apply(const glm::mat4& m, glm::vec3 p) {
  return glm::vec3(m * glm::vec4(p, 1.0f));
}

}  // namespace

TEST(ExpoScene, SampleIsValid) {
  EXPECT_TRUE(cx::expo::validateExpo(sampleExpo()).ok());
}

TEST(ExpoScene, ModelsAreUniqueAndOrdered) {
  cx::expo::Expo e = sampleExpo();
  e.booths.push_back(e.booths[0]);
  e.booths.back().id = "b4";
  cx::expo::ExpoScene s = cx::expo::buildScene(e);
  ASSERT_EQ(s.models.size(), 4u);
  EXPECT_EQ(s.models[0].path, "models/hall-a.glb");
  EXPECT_EQ(s.models[1].path, "models/shell-3x3.glb");
  EXPECT_EQ(s.models[2].path, "models/island-6x6.glb");
  EXPECT_EQ(s.models[3].path, "models/own.glb");
  ASSERT_EQ(s.booths.size(), 5u);
  EXPECT_EQ(s.booths[0].model, 1u);
  EXPECT_EQ(s.booths[1].model, 1u);
  EXPECT_EQ(s.booths[2].model, 2u);
  EXPECT_EQ(s.booths[3].model, 3u);
  EXPECT_EQ(s.booths[4].model, 1u);
  ASSERT_EQ(s.pavilions.size(), 1u);
  EXPECT_EQ(s.pavilions[0].model, 0u);
  EXPECT_EQ(s.pavilions[0].world, glm::mat4(1.0f));
  // Expected boxes, used for placeholders.
  expectNear(s.models[1].expectedMin, {-1.5f, 0.0f, -1.5f});
  expectNear(s.models[1].expectedMax, {1.5f, 2.5f, 1.5f});
  expectNear(s.models[0].expectedMin, {0.0f, -0.1f, -30.0f});
  expectNear(s.models[0].expectedMax, {40.0f, 0.0f, 0.0f});
  expectNear(s.models[3].expectedMax, {1.5f, 3.5f, 1.5f});
}

TEST(ExpoScene, BoothTransformsFollowTheConvention) {
  cx::expo::ExpoScene s = cx::expo::buildScene(sampleExpo());
  // No rotation: a translation to (x, 0, z).
  expectNear(apply(s.booths[0].world, {0, 0, 0}), {5.5f, 0.0f, -5.5f});
  expectNear(apply(s.booths[0].world, {0, 0, 1.5f}), {5.5f, 0.0f, -4.0f});
  // +90 degrees, counter-clockwise seen from above: local +X -> world -Z, local +Z (front) -> world +X.
  expectNear(apply(s.booths[1].world, {1, 0, 0}), {12.0f, 0.0f, -6.5f});
  expectNear(apply(s.booths[1].world, {0, 0, 1}), {13.0f, 0.0f, -5.5f});
  expectNear(apply(s.booths[1].world, {0, 2, 0}), {12.0f, 2.0f, -5.5f});
  glm::mat4 expected = glm::rotate(glm::translate(glm::mat4(1.0f), glm::vec3(20.0f, 0.0f, -15.0f)),
                                   glm::radians(45.0f), glm::vec3(0, 1, 0));
  EXPECT_EQ(s.booths[2].world, expected);
  EXPECT_EQ(s.booths[0].primaryColor, glm::vec3(0.9f, 0.1f, 0.1f));
}

TEST(ExpoScene, BoundsMatchFootprintRotationAndHeight) {
  cx::expo::ExpoScene s = cx::expo::buildScene(sampleExpo());
  ASSERT_EQ(s.bounds.size(), 4u);
  glm::vec2 lo, hi;
  cx::expo::footprintAabb(s.bounds[1], lo, hi);  // 3 wide, 4 deep, turned 90 degrees
  EXPECT_NEAR(lo.x, 10.0f, 1e-5f);
  EXPECT_NEAR(hi.x, 14.0f, 1e-5f);
  EXPECT_NEAR(lo.y, -7.0f, 1e-5f);
  EXPECT_NEAR(hi.y, -4.0f, 1e-5f);
  EXPECT_EQ(s.bounds[0].height, 2.5f);  // style height
  EXPECT_EQ(s.bounds[2].height, 4.0f);
  EXPECT_EQ(s.bounds[3].height, 3.5f);           // own model: the booth's height limit
  cx::expo::footprintAabb(s.bounds[2], lo, hi);  // 6 x 6 at 45 degrees
  EXPECT_NEAR(hi.x - lo.x, 6.0f * std::sqrt(2.0f), 1e-4f);
  EXPECT_EQ(cx::expo::footprintDistance(s.bounds[2], {20.0f, -15.0f}), 0.0f);
  EXPECT_NEAR(cx::expo::footprintDistance(s.bounds[2], {20.0f + 3.0f * std::sqrt(2.0f) + 1.0f, -15.0f}), 1.0f,
              1e-4f);
}

TEST(ExpoScene, FasciaSlotsOnlyWhereThereIsABoardAndText) {
  cx::expo::ExpoScene s = cx::expo::buildScene(sampleExpo());
  ASSERT_EQ(s.fascias.size(), 2u);
  EXPECT_EQ(s.booths[0].fasciaSlot, 0u);
  EXPECT_EQ(s.booths[1].fasciaSlot, 1u);
  EXPECT_EQ(s.booths[2].fasciaSlot, cx::expo::kNoIndex);  // the island style has no board
  EXPECT_EQ(s.booths[3].fasciaSlot, cx::expo::kNoIndex);  // no text
  EXPECT_EQ(s.fascias[1].booth, 1u);
  EXPECT_EQ(s.fascias[0].size, glm::vec2(3.0f, 0.3f));
  expectNear(apply(s.fascias[0].world, {0, 0, 0}), {5.5f, 2.3f, -4.0f});
  expectNear(apply(s.fascias[1].world, {0, 0, 0}), {13.5f, 2.3f, -5.5f});
}
