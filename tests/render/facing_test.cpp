// Eye-region index lists (cx/render/facing.h): a triangle is left out for a region only if every
// eye in that region sees its back. No GPU: checked against random eyes in each region.
#include <gtest/gtest.h>

#include <random>
#include <span>
#include <vector>

#include <glm/gtc/matrix_transform.hpp>

#include "cx/render/facing.h"

namespace cx::testing {
namespace {

using render::appendFacingTriangles;
using render::eyeRegion;
using render::kEyeInside;
using render::kEyeRegions;

// An axis-aligned box as 6 faces of 4 vertices (outward normals, counter-clockwise seen from
// outside), plus a slanted quad, appended to `v` / `tris`.
void addBox(std::vector<assets::Vertex>& v, std::vector<uint32_t>& tris, glm::vec3 lo, glm::vec3 hi) {
  const glm::vec3 c[8] = {{lo.x, lo.y, lo.z}, {hi.x, lo.y, lo.z}, {hi.x, hi.y, lo.z}, {lo.x, hi.y, lo.z},
                          {lo.x, lo.y, hi.z}, {hi.x, lo.y, hi.z}, {hi.x, hi.y, hi.z}, {lo.x, hi.y, hi.z}};
  const int faces[6][4] = {{1, 2, 6, 5}, {0, 4, 7, 3}, {3, 7, 6, 2}, {0, 1, 5, 4}, {4, 5, 6, 7}, {0, 3, 2, 1}};
  for (const auto& f : faces) {
    const uint32_t base = uint32_t(v.size());
    for (int k = 0; k < 4; ++k) v.push_back({c[f[k]]});
    for (uint32_t i : {0u, 1u, 2u, 0u, 2u, 3u}) tris.push_back(base + i);
  }
}

glm::vec3 normalOf(const std::vector<assets::Vertex>& v, const uint32_t* t) {
  return glm::cross(v[t[1]].position - v[t[0]].position, v[t[2]].position - v[t[0]].position);
}

TEST(FacingTriangles, LeftOutTrianglesFaceAwayFromEveryEyeInTheirRegion) {
  std::vector<assets::Vertex> v;
  std::vector<uint32_t> tris;
  addBox(v, tris, {-1.0f, 0.0f, -0.5f}, {1.0f, 2.0f, 0.5f});
  addBox(v, tris, {0.2f, 0.5f, 0.1f}, {0.6f, 1.0f, 0.3f});
  // Slanted triangles (a roof): no axis-aligned normal.
  v.push_back({{-1.0f, 2.0f, -0.5f}});
  v.push_back({{1.0f, 2.0f, -0.5f}});
  v.push_back({{0.0f, 2.0f, 0.5f}});
  v.push_back({{0.0f, 1.5f, 0.0f}});
  for (uint32_t i : {0u, 1u, 2u, 0u, 2u, 3u}) tris.push_back(48 + i);
  glm::vec3 lo(1e30f), hi(-1e30f);
  for (const auto& x : v) {
    lo = glm::min(lo, x.position);
    hi = glm::max(hi, x.position);
  }
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> unit(0.0f, 1.0f);
  size_t leftOutInAll = 0;
  for (uint32_t region = 0; region < kEyeRegions; ++region) {
    std::vector<uint32_t> kept;
    const size_t n = appendFacingTriangles(tris, v, region, kept);
    ASSERT_EQ(n, kept.size());
    if (region == kEyeInside) {
      EXPECT_EQ(kept, tris) << "an eye inside the bounds keeps every triangle";
      continue;
    }
    // Which triangles were left out: kept ones appear in order.
    std::vector<bool> isKept(tris.size() / 3, false);
    for (size_t t = 0, k = 0; t < tris.size() / 3 && k < kept.size(); ++t) {
      if (std::equal(kept.begin() + ptrdiff_t(k), kept.begin() + ptrdiff_t(k) + 3, tris.begin() + ptrdiff_t(t) * 3)) {
        isKept[t] = true;
        k += 3;
      }
    }
    ASSERT_EQ(size_t(std::count(isKept.begin(), isKept.end(), true)) * 3, kept.size()) << "kept triangles in order";
    leftOutInAll += std::count(isKept.begin(), isKept.end(), false);
    for (int sample = 0; sample < 400; ++sample) {
      glm::vec3 eye;
      for (int a = 0, r = int(region); a < 3; ++a, r /= 3) {
        const float far = 0.001f + 50.0f * unit(rng) * unit(rng);
        eye[a] = r % 3 == 0 ? lo[a] - far : r % 3 == 2 ? hi[a] + far : lo[a] + (hi[a] - lo[a]) * unit(rng);
      }
      ASSERT_EQ(eyeRegion(eye, lo, hi), region);
      for (size_t t = 0; t < isKept.size(); ++t) {
        if (isKept[t]) continue;
        const uint32_t* tri = &tris[t * 3];
        EXPECT_LT(glm::dot(normalOf(v, tri), eye - v[tri[0]].position), 0.0f)
            << "triangle " << t << " left out for region " << region << " faces an eye there";
      }
    }
  }
  EXPECT_GT(leftOutInAll, 0u);
  // Above the box on every axis: of each box only its +X, +Y and +Z faces remain.
  std::vector<uint32_t> corner;
  appendFacingTriangles(std::span<const uint32_t>(tris.data(), 72), v, 2 + 3 * 2 + 9 * 2, corner);
  EXPECT_EQ(corner.size(), 36u);
  // Within on X and Z, above on Y: only the bottom faces go.
  std::vector<uint32_t> above;
  appendFacingTriangles(std::span<const uint32_t>(tris.data(), 72), v, 1 + 3 * 2 + 9 * 1, above);
  EXPECT_EQ(above.size(), 60u);
}

TEST(FacingTriangles, StereoRegionsMergeWhereTheEyesDisagree) {
  const glm::vec3 lo(0.0f), hi(1.0f);
  const uint32_t a = eyeRegion({2.0f, 2.0f, -1.0f}, lo, hi);   // above, above, below
  const uint32_t b = eyeRegion({0.5f, 2.0f, -1.0f}, lo, hi);   // within, above, below
  EXPECT_EQ(a, 2u + 3u * 2u + 9u * 0u);
  EXPECT_EQ(render::mergeEyeRegions(a, b), b);
  EXPECT_EQ(render::mergeEyeRegions(a, a), a);
  EXPECT_EQ(render::mergeEyeRegions(eyeRegion({-1.0f, 0.5f, 2.0f}, lo, hi), eyeRegion({2.0f, 0.5f, 2.0f}, lo, hi)),
            1u + 3u * 1u + 9u * 2u);
}

TEST(FacingTriangles, AxisMappedPlacementsGetTheirRegionFromTheirWorldBounds) {
  // Every turn by multiples of 90 degrees, mirrored or not, scaled: the region from the world
  // bounds equals the region of the eye taken into the mesh's frame.
  const glm::vec3 lo(-1.0f, 0.0f, -0.5f), hi(1.5f, 2.0f, 0.5f);
  std::mt19937 rng(11);
  std::uniform_real_distribution<float> coord(-8.0f, 8.0f);
  int mapped = 0;
  for (int rx = 0; rx < 4; ++rx)
    for (int ry = 0; ry < 4; ++ry)
      for (int mirror = 0; mirror < 2; ++mirror) {
        glm::mat4 m = glm::translate(glm::mat4(1.0f), glm::vec3(3.0f, -1.0f, 2.0f));
        m = glm::rotate(m, glm::radians(90.0f * float(ry)), glm::vec3(0, 1, 0));
        m = glm::rotate(m, glm::radians(90.0f * float(rx)), glm::vec3(1, 0, 0));
        m = glm::scale(m, glm::vec3(mirror ? -1.5f : 1.5f, 0.8f, 1.0f));
        const uint16_t axes = render::axisMapOf(glm::mat3(m));
        ASSERT_NE(axes, render::kGeneralAxes) << rx << " " << ry << " " << mirror;
        ++mapped;
        glm::vec3 wlo(1e30f), whi(-1e30f);
        for (int c = 0; c < 8; ++c) {
          const glm::vec3 corner(c & 1 ? hi.x : lo.x, c & 2 ? hi.y : lo.y, c & 4 ? hi.z : lo.z);
          const glm::vec3 w = glm::vec3(m * glm::vec4(corner, 1.0f));
          wlo = glm::min(wlo, w);
          whi = glm::max(whi, w);
        }
        const glm::mat4 inv = glm::inverse(m);
        for (int sample = 0; sample < 300; ++sample) {
          const glm::vec3 eye(coord(rng), coord(rng), coord(rng));
          const glm::vec3 local = glm::vec3(inv * glm::vec4(eye, 1.0f));
          // Skip eyes within a millimetre of a bound, where rounding may decide either way.
          if (glm::any(glm::lessThan(glm::abs(local - lo), glm::vec3(1e-3f))) ||
              glm::any(glm::lessThan(glm::abs(local - hi), glm::vec3(1e-3f))))
            continue;
          EXPECT_EQ(render::regionFromWorldDigits(render::eyeDigits(eye, wlo, whi), axes), eyeRegion(local, lo, hi));
        }
      }
  EXPECT_EQ(mapped, 32);
  EXPECT_EQ(render::axisMapOf(glm::mat3(glm::rotate(glm::mat4(1.0f), glm::radians(30.0f), glm::vec3(0, 1, 0)))),
            render::kGeneralAxes);
  EXPECT_EQ(render::axisMapOf(glm::mat3(0.0f)), render::kGeneralAxes);
}

}  // namespace
}  // namespace cx::testing
