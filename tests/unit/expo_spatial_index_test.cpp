// The grid must give exactly the brute-force answers, ties included.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include "cx/expo/spatial_index.h"

using cx::expo::BoothBounds;
using cx::expo::BoothHit;

namespace {

std::optional<BoothHit> bruteRaycast(const std::vector<BoothBounds>& b, glm::vec3 o, glm::vec3 d,
                                     float maxDist) {
  if (glm::length(d) == 0.0f) return std::nullopt;
  d = glm::normalize(d);
  std::optional<BoothHit> best;
  for (uint32_t i = 0; i < b.size(); ++i)
    if (auto t = cx::expo::rayBoothDistance(b[i], o, d, maxDist); t && (!best || *t < best->distance))
      best = BoothHit{i, *t};
  return best;
}

std::optional<BoothHit> bruteNearest(const std::vector<BoothBounds>& b, glm::vec2 p, float maxDist) {
  std::optional<BoothHit> best;
  for (uint32_t i = 0; i < b.size(); ++i) {
    float d = cx::expo::footprintDistance(b[i], p);
    if (d <= maxDist && (!best || d < best->distance)) best = BoothHit{i, d};
  }
  return best;
}

std::vector<uint32_t> bruteRect(const std::vector<BoothBounds>& b, glm::vec2 lo, glm::vec2 hi) {
  std::vector<uint32_t> out;
  for (uint32_t i = 0; i < b.size(); ++i)
    if (cx::expo::footprintOverlapsRect(b[i], lo, hi)) out.push_back(i);
  return out;
}

// Random booths on a floor sized for the count; a fraction axis-aligned on a 0.5 m grid so that
// shared edges and exact ties occur, a few very large ones spanning many cells.
std::vector<BoothBounds> randomLayout(size_t count, uint32_t seed, float& side) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> unit(0.0f, 1.0f);
  side = std::sqrt(float(count) * 40.0f);
  std::vector<BoothBounds> out;
  out.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    glm::vec2 center(unit(rng) * side - 0.3f * side, unit(rng) * side);
    glm::vec2 size(1.0f + unit(rng) * 8.0f, 1.0f + unit(rng) * 8.0f);
    float rotation = unit(rng) * 360.0f;
    if (i % 3 == 0) {
      center = glm::round(center * 2.0f) * 0.5f;
      size = glm::vec2(3.0f, 3.0f);
      rotation = float(int(unit(rng) * 4.0f) * 90);
    }
    if (i % 997 == 0) size *= 12.0f;
    out.push_back(cx::expo::makeBoothBounds(center, size, rotation, 1.0f + unit(rng) * 5.0f));
  }
  return out;
}

void expectSameHit(const std::optional<BoothHit>& got, const std::optional<BoothHit>& want, const char* what,
                   int q) {
  ASSERT_EQ(got.has_value(), want.has_value()) << what << " query " << q;
  if (want) {
    EXPECT_EQ(got->booth, want->booth) << what << " query " << q;
    EXPECT_EQ(got->distance, want->distance) << what << " query " << q;
  }
}

class ExpoSpatialIndexRandom : public ::testing::TestWithParam<size_t> {};

}  // namespace

TEST_P(ExpoSpatialIndexRandom, MatchesBruteForce) {
  const size_t count = GetParam();
  float side = 0.0f;
  std::vector<BoothBounds> booths = randomLayout(count, uint32_t(count), side);
  cx::expo::SpatialIndex index(booths);
  ASSERT_EQ(index.size(), count);
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> unit(0.0f, 1.0f);
  auto pointIn = [&](float margin) {
    return glm::vec2(-0.3f * side - margin + unit(rng) * (side + 2 * margin),
                     -margin + unit(rng) * (side + 2 * margin));
  };
  const int queries = count >= 20000 ? 200 : 1000;

  for (int q = 0; q < queries; ++q) {
    glm::vec2 start = pointIn(20.0f);
    glm::vec3 origin(start.x, unit(rng) * 10.0f - 1.0f, start.y);
    glm::vec3 dir(unit(rng) - 0.5f, -unit(rng) * 0.3f, unit(rng) - 0.5f);
    if (q % 10 == 0) dir = glm::vec3(0.0f, -1.0f, 0.0f);  // straight down
    if (q % 10 == 1) dir.y = 0.0f;                        // level
    if (q % 10 == 2) dir = glm::vec3(1.0f, 0.0f, 0.0f);   // along the grid
    float maxDist = q % 4 == 0 ? 25.0f : std::numeric_limits<float>::infinity();
    expectSameHit(index.raycast(origin, dir, maxDist), bruteRaycast(booths, origin, dir, maxDist), "raycast",
                  q);
  }

  for (int q = 0; q < queries; ++q) {
    glm::vec2 p = pointIn(q % 5 == 0 ? 500.0f : 10.0f);
    if (q % 7 == 0) p = glm::round(p * 2.0f) * 0.5f;  // on booth edges of the aligned ones
    float maxDist = q % 3 == 0 ? 2.0f : std::numeric_limits<float>::infinity();
    expectSameHit(index.nearest(p, maxDist), bruteNearest(booths, p, maxDist), "nearest", q);
  }

  std::vector<uint32_t> got;
  for (int q = 0; q < queries / 4; ++q) {
    glm::vec2 a = pointIn(10.0f);
    glm::vec2 size(unit(rng) * side * (q % 10 == 0 ? 0.8f : 0.05f), unit(rng) * side * 0.05f);
    if (q % 9 == 0) size = glm::vec2(0.0f);  // a point
    index.queryRect(a, a + size, got);
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, bruteRect(booths, a, a + size)) << "rect query " << q;
  }
}

INSTANTIATE_TEST_SUITE_P(Expo, ExpoSpatialIndexRandom,
                         ::testing::Values(size_t(1000), size_t(5000), size_t(20000)));

TEST(ExpoSpatialIndex, EmptyAndDegenerateInput) {
  cx::expo::SpatialIndex empty;
  std::vector<uint32_t> out{1, 2};
  EXPECT_FALSE(empty.raycast({0, 1, 0}, {0, -1, 0}).has_value());
  EXPECT_FALSE(empty.nearest({0, 0}).has_value());
  empty.queryRect({-1, -1}, {1, 1}, out);
  EXPECT_TRUE(out.empty());

  std::vector<BoothBounds> booths = {cx::expo::makeBoothBounds({0, 0}, {3, 3}, 0, 2),
                                     cx::expo::makeBoothBounds({0, 0}, {3, 3}, 0, 2),  // the same spot
                                     cx::expo::makeBoothBounds({std::nanf(""), 0}, {3, 3}, 0, 2)};
  cx::expo::SpatialIndex index(booths);
  auto hit = index.raycast({0, 10, 0}, {0, -2, 0});
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(hit->booth, 0u);  // ties go to the lower index
  EXPECT_FLOAT_EQ(hit->distance, 8.0f);
  EXPECT_FALSE(index.raycast({0, 10, 0}, {0, 0, 0}).has_value());
  EXPECT_FALSE(index.raycast({0, 10, 0}, {0, -1, 0}, 7.0f).has_value());
  auto inside = index.raycast({0.5f, 1.0f, 0.5f}, {1, 0, 0});
  ASSERT_TRUE(inside.has_value());
  EXPECT_EQ(inside->distance, 0.0f);
  auto near = index.nearest({10, 0});
  ASSERT_TRUE(near.has_value());
  EXPECT_EQ(near->booth, 0u);
  EXPECT_FLOAT_EQ(near->distance, 8.5f);
  EXPECT_FALSE(index.nearest({10, 0}, 8.0f).has_value());
  index.queryRect({1.5f, 1.5f}, {4, 4}, out);  // touching a corner counts
  std::sort(out.begin(), out.end());
  EXPECT_EQ(out, (std::vector<uint32_t>{0, 1}));
  index.queryRect({2, 2}, {1, 1}, out);  // min > max: nothing
  EXPECT_TRUE(out.empty());
}

TEST(ExpoSpatialIndex, RotatedBoothIsHitOnlyInsideItsRotatedBox) {
  // A 10 x 1 booth turned 45 degrees: its axis-aligned box is mostly empty.
  std::vector<BoothBounds> booths = {cx::expo::makeBoothBounds({0, 0}, {10, 1}, 45, 3)};
  cx::expo::SpatialIndex index(booths);
  EXPECT_TRUE(index.raycast({3, 5, -3}, {0, -1, 0}).has_value());  // local +X is world (1, -1)
  EXPECT_FALSE(index.raycast({3, 5, 3}, {0, -1, 0}).has_value());
  EXPECT_EQ(index.nearest({3, -3})->distance, 0.0f);
  EXPECT_GT(index.nearest({3, 3})->distance, 3.0f);
}
