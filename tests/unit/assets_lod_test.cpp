// Far levels of detail (assets::buildPrimitiveLod): fewer triangles, a bounded deviation, and
// corners whose normals still match their faces (flat-shaded booths stay flat-shaded far away).
#include <gtest/gtest.h>

#include <cmath>

#include <glm/glm.hpp>

#include "cx/assets/geometry.h"
#include "cx/assets/lod.h"

namespace cx::assets {
namespace {

// A gently curved, finely tessellated sheet: n x n quads over 4 x 4 m, bulging by `bulge` metres.
Primitive curvedSheet(int n, float bulge) {
  Primitive p;
  for (int y = 0; y <= n; ++y) {
    for (int x = 0; x <= n; ++x) {
      const float u = float(x) / float(n), v = float(y) / float(n);
      Vertex vert;
      vert.position = {u * 4.0f - 2.0f, bulge * std::sin(u * 3.14159f) * std::sin(v * 3.14159f), v * 4.0f - 2.0f};
      vert.uv0 = {u, v};
      p.vertices.push_back(vert);
    }
  }
  for (int y = 0; y < n; ++y) {
    for (int x = 0; x < n; ++x) {
      const uint32_t a = uint32_t(y * (n + 1) + x), b = a + 1, c = a + uint32_t(n + 1), d = c + 1;
      p.indices.insert(p.indices.end(), {a, c, b, b, c, d});
    }
  }
  generateSmoothNormals(p);
  computePrimitiveBounds(p);
  return p;
}

// Flat-shaded boxes (24 vertices each, one normal per face), like the generated booth parts.
void addBox(Primitive& p, glm::vec3 lo, glm::vec3 hi) {
  Primitive box;
  const glm::vec3 c[8] = {{lo.x, lo.y, lo.z}, {hi.x, lo.y, lo.z}, {hi.x, hi.y, lo.z}, {lo.x, hi.y, lo.z},
                          {lo.x, lo.y, hi.z}, {hi.x, lo.y, hi.z}, {hi.x, hi.y, hi.z}, {lo.x, hi.y, hi.z}};
  const int faces[6][4] = {{0, 3, 2, 1}, {4, 5, 6, 7}, {0, 4, 7, 3}, {1, 2, 6, 5}, {0, 1, 5, 4}, {3, 7, 6, 2}};
  for (const auto& f : faces) {
    const uint32_t base = uint32_t(box.vertices.size());
    for (int k = 0; k < 4; ++k) {
      Vertex v;
      v.position = c[f[k]];
      box.vertices.push_back(v);
    }
    box.indices.insert(box.indices.end(), {base, base + 1, base + 2, base, base + 2, base + 3});
  }
  generateFlatNormals(box);
  const uint32_t offset = uint32_t(p.vertices.size());
  for (const Vertex& v : box.vertices) p.vertices.push_back(v);
  for (uint32_t i : box.indices) p.indices.push_back(i + offset);
}

TEST(AssetsLod, FineSheetLosesMostTrianglesWithinTheErrorBound) {
  Primitive sheet = curvedSheet(40, 0.3f);
  const float maxError = 0.05f;
  PrimitiveLod lod = buildPrimitiveLod(sheet, 0.25f, maxError);
  ASSERT_FALSE(lod.indices.empty());
  EXPECT_EQ(lod.indices.size() % 3, 0u);
  EXPECT_LE(lod.indices.size(), sheet.indices.size() / 3) << "at most a third of the triangles left";
  EXPECT_GT(lod.error, 0.0f);
  EXPECT_LE(lod.error, maxError * 1.001f);
  for (uint32_t i : lod.indices) ASSERT_LT(i, sheet.vertices.size() + lod.extraVertices.size());
}

TEST(AssetsLod, TightErrorKeepsTheFullMesh) {
  Primitive sheet = curvedSheet(12, 0.8f);
  PrimitiveLod lod = buildPrimitiveLod(sheet, 0.25f, 1e-5f);
  EXPECT_EQ(lod.indices, sheet.indices) << "nothing can go within 10 micrometres of a curved sheet";
  EXPECT_EQ(lod.error, 0.0f);
}

TEST(AssetsLod, FlatShadedCornersKeepTheirFacesNormal) {
  // A 3 x 3 m booth floor, two walls and many small parts that a far view cannot resolve.
  Primitive p;
  addBox(p, {0, 0, 0}, {3, 0.1f, 3});
  addBox(p, {0, 0.1f, 0}, {0.08f, 2.5f, 3});
  addBox(p, {0, 0.1f, 0}, {3, 2.5f, 0.08f});
  for (int i = 0; i < 20; ++i) {
    const float x = 0.5f + 0.1f * float(i);
    addBox(p, {x, 1.0f, 1.5f}, {x + 0.03f, 1.05f, 1.53f});
  }
  generateFlatNormals(p);
  computePrimitiveBounds(p);
  PrimitiveLod lod = buildPrimitiveLod(p, 0.25f, 0.2f);
  ASSERT_LT(lod.indices.size(), p.indices.size() * 4 / 5) << "the small parts collapse";
  ASSERT_FALSE(lod.indices.empty()) << "the floor and walls stay";
  EXPECT_LE(lod.error, 0.2f * 1.001f);
  auto vertexAt = [&](uint32_t i) -> const Vertex& {
    return i < p.vertices.size() ? p.vertices[i] : lod.extraVertices.at(i - p.vertices.size());
  };
  int mismatched = 0;
  for (size_t t = 0; t + 2 < lod.indices.size(); t += 3) {
    const Vertex& a = vertexAt(lod.indices[t]);
    const Vertex& b = vertexAt(lod.indices[t + 1]);
    const Vertex& c = vertexAt(lod.indices[t + 2]);
    const glm::vec3 n = glm::normalize(glm::cross(b.position - a.position, c.position - a.position));
    for (const Vertex* v : {&a, &b, &c}) mismatched += glm::dot(v->normal, n) < 0.7f;
  }
  EXPECT_EQ(mismatched, 0) << "corners whose normal points away from their face";
}

// A booth floor slab (3 x 3 m, 10 cm thick, one box): not simplified, but far away its sides
// are under a pixel: only the top (and bottom) remain, at their own height, error 10 cm.
TEST(AssetsLod, SlabKeepsItsTopAndLosesItsThinSides) {
  Primitive slab;
  addBox(slab, {0, 0, 0}, {3, 0.1f, 3});
  generateFlatNormals(slab);
  computePrimitiveBounds(slab);
  PrimitiveLod lod = buildPrimitiveLod(slab, 0.25f, 0.2f);
  ASSERT_EQ(lod.indices.size(), 12u) << "top and bottom: 4 triangles of 12";
  EXPECT_NEAR(lod.error, 0.1f * 3.0f / std::sqrt(9.0f + 0.01f), 1e-3f) << "the sides' width across";
  int top = 0;
  for (size_t t = 0; t < lod.indices.size(); t += 3) {
    const Vertex& a = slab.vertices[lod.indices[t]];
    if (a.normal.y > 0.99f) {
      ++top;
      EXPECT_FLOAT_EQ(a.position.y, 0.1f) << "the top stays where it was";
    }
  }
  EXPECT_EQ(top, 2);
  // Within a tighter bound than its thickness the slab keeps every face; so it does with a
  // looser bound when strips may be at most 5 cm across.
  EXPECT_EQ(buildPrimitiveLod(slab, 0.25f, 0.05f).indices, slab.indices);
  EXPECT_EQ(buildPrimitiveLod(slab, 0.25f, 0.2f, 0.05f).indices, slab.indices);
}

// A finely tessellated cylinder (r = 1 m, 96 strips 6.5 cm wide): its strips are thin but meet
// at 3.75 degrees, so none goes: removing them would open holes the size of the cylinder.
TEST(AssetsLod, SmoothCylinderKeepsItsThinStrips) {
  Primitive p;
  const int n = 96;
  for (int i = 0; i <= n; ++i) {
    const float a = 6.2831853f * float(i) / float(n);
    for (float y : {0.0f, 2.0f}) {
      Vertex v;
      v.position = {std::cos(a), y, std::sin(a)};
      p.vertices.push_back(v);
    }
  }
  for (int i = 0; i < n; ++i) {
    const uint32_t a = uint32_t(i * 2), b = a + 1, c = a + 2, d = a + 3;
    p.indices.insert(p.indices.end(), {a, b, c, c, b, d});
  }
  generateSmoothNormals(p);
  computePrimitiveBounds(p);
  PrimitiveLod lod = buildPrimitiveLod(p, 0.25f, 0.1f);
  EXPECT_GT(lod.indices.size(), p.indices.size() / 5) << "simplified, not emptied";
  glm::vec3 lo(1e9f), hi(-1e9f);
  for (uint32_t i : lod.indices) {
    const glm::vec3 q = i < p.vertices.size() ? p.vertices[i].position : lod.extraVertices[i - p.vertices.size()].position;
    lo = glm::min(lo, q);
    hi = glm::max(hi, q);
  }
  EXPECT_LT(lo.x, -0.9f);
  EXPECT_GT(hi.x, 0.9f);
  EXPECT_LT(lo.z, -0.9f);
  EXPECT_GT(hi.z, 0.9f) << "all around";
}

}  // namespace
}  // namespace cx::assets
