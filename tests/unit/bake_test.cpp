// The light baker (cx/bake/bake.h) on scenes with known answers: a box on a plane, a slab over a
// floor; determinism; the written glTF.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "cx/assets/gltf.h"
#include "cx/bake/bake.h"
#include "run_command.h"

namespace fs = std::filesystem;
using namespace cx;

namespace {

constexpr float kPi = 3.14159265358979f;

// Axis-aligned box (all six faces, outward normals) appended to `p`.
void addBox(assets::Primitive& p, glm::vec3 lo, glm::vec3 hi) {
  const glm::vec3 c = (lo + hi) * 0.5f, h = (hi - lo) * 0.5f;
  auto quad = [&](glm::vec3 centre, glm::vec3 u, glm::vec3 v, float hu, float hv) {
    const glm::vec3 n = glm::normalize(glm::cross(u, v));
    const uint32_t base = uint32_t(p.vertices.size());
    const float su[4] = {-1, 1, 1, -1}, sv[4] = {-1, -1, 1, 1};
    for (int k = 0; k < 4; ++k) {
      assets::Vertex vert;
      vert.position = centre + u * (su[k] * hu) + v * (sv[k] * hv);
      vert.normal = n;
      p.vertices.push_back(vert);
    }
    for (uint32_t i : {0u, 1u, 2u, 0u, 2u, 3u}) p.indices.push_back(base + i);
  };
  const glm::vec3 X{1, 0, 0}, Y{0, 1, 0}, Z{0, 0, 1};
  quad(c + glm::vec3(h.x, 0, 0), -Z, Y, h.z, h.y);
  quad(c - glm::vec3(h.x, 0, 0), Z, Y, h.z, h.y);
  quad(c + glm::vec3(0, 0, h.z), X, Y, h.x, h.y);
  quad(c - glm::vec3(0, 0, h.z), -X, Y, h.x, h.y);
  quad(c + glm::vec3(0, h.y, 0), X, -Z, h.x, h.z);
  quad(c - glm::vec3(0, h.y, 0), X, Z, h.x, h.z);
}

// A floor quad of `half` metres either side of the origin (top at y = 0) in material 0 and the
// given boxes in material 1.
assets::Model floorWith(float half, const std::vector<std::pair<glm::vec3, glm::vec3>>& boxes) {
  assets::Model m;
  m.name = "bake-test";
  for (const char* name : {"floor", "box"}) {
    assets::Material mat;
    mat.name = name;
    mat.baseColorFactor = glm::vec4(0.5f, 0.5f, 0.5f, 1.0f);
    mat.metallicFactor = 0.0f;
    m.materials.push_back(mat);
  }
  assets::Mesh mesh;
  assets::Primitive floor;
  floor.material = 0;
  for (glm::vec2 c : {glm::vec2(-half, half), glm::vec2(half, half), glm::vec2(half, -half), glm::vec2(-half, -half)}) {
    assets::Vertex v;
    v.position = glm::vec3(c.x, 0.0f, c.y);
    v.normal = glm::vec3(0, 1, 0);
    floor.vertices.push_back(v);
  }
  floor.indices = {0, 1, 2, 0, 2, 3};
  mesh.primitives.push_back(floor);
  assets::Primitive box;
  box.material = 1;
  for (const auto& [lo, hi] : boxes) addBox(box, lo, hi);
  mesh.primitives.push_back(box);
  m.meshes.push_back(mesh);
  m.instances.push_back({0, glm::mat4(1.0f)});
  assets::computeBounds(m);
  return m;
}

bake::BakeSettings testSettings() {
  bake::BakeSettings s;
  s.samplesPerTexel = 256;
  s.texelsPerSquareMetre = 400.0f;  // 5 cm texels
  s.bounces = 0;                    // the known answers are pure visibility
  s.uniformShare = 1.1f;            // keep every material's bake, even a uniform one
  return s;
}

// The baked value at floor point (x, z): bilinear in the occlusion map at the interpolated TEXCOORD_1.
float floorValue(const assets::Model& m, float x, float z) {
  const assets::Primitive& floor = m.meshes[0].primitives[0];
  const assets::Image& img = m.images.at(size_t(m.materials[0].occlusionTexture.image));
  for (size_t t = 0; t + 2 < floor.indices.size(); t += 3) {
    const assets::Vertex& a = floor.vertices[floor.indices[t]];
    const assets::Vertex& b = floor.vertices[floor.indices[t + 1]];
    const assets::Vertex& c = floor.vertices[floor.indices[t + 2]];
    const glm::vec2 p(x, z), pa(a.position.x, a.position.z), pb(b.position.x, b.position.z), pc(c.position.x, c.position.z);
    const glm::vec2 v0 = pb - pa, v1 = pc - pa, v2 = p - pa;
    const float den = v0.x * v1.y - v1.x * v0.y;
    const float w1 = (v2.x * v1.y - v1.x * v2.y) / den, w2 = (v0.x * v2.y - v2.x * v0.y) / den, w0 = 1 - w1 - w2;
    if (w0 < -1e-4f || w1 < -1e-4f || w2 < -1e-4f) continue;
    const glm::vec2 uv = a.uv1 * w0 + b.uv1 * w1 + c.uv1 * w2;
    const float fx = uv.x * float(img.width) - 0.5f, fy = uv.y * float(img.height) - 0.5f;
    const int x0 = int(std::floor(fx)), y0 = int(std::floor(fy));
    auto at = [&](int px, int py) {
      px = std::clamp(px, 0, int(img.width) - 1);
      py = std::clamp(py, 0, int(img.height) - 1);
      return img.rgba8[(size_t(py) * img.width + size_t(px)) * 4] / 255.0f;
    };
    const float tx = fx - float(x0), ty = fy - float(y0);
    return (at(x0, y0) * (1 - tx) + at(x0 + 1, y0) * tx) * (1 - ty) + (at(x0, y0 + 1) * (1 - tx) + at(x0 + 1, y0 + 1) * tx) * ty;
  }
  ADD_FAILURE() << "no floor triangle at " << x << ", " << z;
  return -1.0f;
}

// Independent of the baker: the cosine-weighted share of the sky a floor point sees past the
// boxes, by a dense midpoint rule over the hemisphere and slab tests against each box.
float exactFloorVisibility(glm::vec3 p, const std::vector<std::pair<glm::vec3, glm::vec3>>& boxes) {
  const int nt = 400, np = 800;
  double seen = 0.0, all = 0.0;
  for (int i = 0; i < nt; ++i) {
    const double u = (i + 0.5) / nt;  // u = sin^2(theta): cosine-weighted rings of equal weight
    const double sinT = std::sqrt(u), cosT = std::sqrt(1.0 - u);
    for (int j = 0; j < np; ++j) {
      const double phi = 2.0 * kPi * (j + 0.5) / np;
      const glm::vec3 d(float(sinT * std::cos(phi)), float(cosT), float(sinT * std::sin(phi)));
      bool blocked = false;
      for (const auto& [lo, hi] : boxes) {
        float t0 = 0.0f, t1 = 1e30f;
        for (int a = 0; a < 3 && t0 <= t1; ++a) {
          if (std::fabs(d[a]) < 1e-9f) {
            if (p[a] < lo[a] || p[a] > hi[a]) t0 = 2e30f;
            continue;
          }
          float ta = (lo[a] - p[a]) / d[a], tb = (hi[a] - p[a]) / d[a];
          if (ta > tb) std::swap(ta, tb);
          t0 = std::max(t0, ta);
          t1 = std::min(t1, tb);
        }
        blocked = blocked || t0 <= t1;
      }
      all += 1.0;
      seen += blocked ? 0.0 : 1.0;
    }
  }
  return float(seen / all);
}

}  // namespace

// A 1 m cube on a 4 x 4 m floor: at 7.5 cm from the middle of a side the floor sees 0.56 of the
// sky (the integral below), 1 m off the side 0.93; the bake must agree within 0.05 (it gave 0.557
// and 0.932 at 256 rays per texel), so the contact edge is 0.6 times as bright as the open floor.
TEST(Bake, ContactEdgeDarkerThanOpenByKnownRatio) {
  const std::vector<std::pair<glm::vec3, glm::vec3>> boxes = {{glm::vec3(-0.5f, 0.0f, -0.5f), glm::vec3(0.5f, 1.0f, 0.5f)}};
  assets::Model m = floorWith(2.0f, boxes);
  auto r = bake::bakeModel(m, {}, testSettings());
  ASSERT_TRUE(r.ok()) << r.message();
  ASSERT_GE(m.materials[0].occlusionTexture.image, 0);
  EXPECT_EQ(m.materials[0].occlusionTexture.texCoord, 1);
  EXPECT_TRUE(m.meshes[0].primitives[0].hasUv1);
  const float contact = floorValue(m, 0.0f, 0.575f), open = floorValue(m, 0.0f, 1.5f);
  const float exactContact = exactFloorVisibility({0.0f, 0.0f, 0.575f}, boxes);
  const float exactOpen = exactFloorVisibility({0.0f, 0.0f, 1.5f}, boxes);
  EXPECT_NEAR(contact, exactContact, 0.05f);
  EXPECT_NEAR(open, exactOpen, 0.05f);
  EXPECT_NEAR(contact / open, exactContact / exactOpen, 0.06f) << "contact " << contact << ", open " << open;
  EXPECT_LT(contact / open, 0.75f);
  // The box's top sees the whole sky.
  EXPECT_GT(r->meanUpward, 0.5f);
}

// A 2 x 2 m slab floating 0.5 m over the floor: a texel under its middle sees the sky only around
// the edges.
TEST(Bake, TexelUnderOverhangDarkerThanInTheOpen) {
  const std::vector<std::pair<glm::vec3, glm::vec3>> boxes = {{glm::vec3(-1.0f, 0.5f, -1.0f), glm::vec3(1.0f, 0.6f, 1.0f)}};
  assets::Model m = floorWith(3.0f, boxes);
  bake::BakeSettings s = testSettings();
  s.texelsPerSquareMetre = 100.0f;
  auto r = bake::bakeModel(m, {}, s);
  ASSERT_TRUE(r.ok()) << r.message();
  const float under = floorValue(m, 0.0f, 0.0f), open = floorValue(m, 2.6f, 2.6f);
  const float exactUnder = exactFloorVisibility({0.0f, 0.0f, 0.0f}, boxes);
  EXPECT_NEAR(under, exactUnder, 0.05f);
  EXPECT_LT(under, 0.5f * open) << "under " << under << ", open " << open;
}

// Same seed: the same bytes, whatever the thread count; another seed: other bytes.
TEST(Bake, SameSeedGivesIdenticalOutput) {
  const std::vector<std::pair<glm::vec3, glm::vec3>> boxes = {{glm::vec3(-0.5f, 0.0f, -0.5f), glm::vec3(0.5f, 1.0f, 0.5f)}};
  bake::BakeSettings s = testSettings();
  s.samplesPerTexel = 16;
  s.texelsPerSquareMetre = 100.0f;
  s.bounces = 1;
  auto bakeWith = [&](unsigned threads, uint64_t seed) {
    assets::Model m = floorWith(2.0f, boxes);
    bake::BakeSettings t = s;
    t.threads = threads;
    t.seed = seed;
    auto r = bake::bakeModel(m, {}, t);
    EXPECT_TRUE(r.ok()) << r.message();
    auto bytes = assets::writeGltfToMemory(m, "bake.glb");
    EXPECT_TRUE(bytes.ok()) << bytes.message();
    return bytes.ok() ? *bytes : std::vector<uint8_t>{};
  };
  const auto a = bakeWith(2, 7), b = bakeWith(1, 7), c = bakeWith(2, 8);
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
}

// The key changes with the geometry and the settings, and is stored in the baked model.
TEST(Bake, KeyFollowsInputAndIsStored) {
  const std::vector<std::pair<glm::vec3, glm::vec3>> boxes = {{glm::vec3(-0.5f, 0.0f, -0.5f), glm::vec3(0.5f, 1.0f, 0.5f)}};
  assets::Model m = floorWith(2.0f, boxes), moved = floorWith(2.0f, {{glm::vec3(-0.4f, 0.0f, -0.5f), glm::vec3(0.6f, 1.0f, 0.5f)}});
  bake::BakeSettings s = testSettings();
  s.samplesPerTexel = 8;
  s.texelsPerSquareMetre = 16.0f;
  const std::string key = bake::bakeKey(m, {}, s);
  EXPECT_EQ(key.size(), 16u);
  EXPECT_NE(key, bake::bakeKey(moved, {}, s));
  bake::BakeSettings other = s;
  other.samplesPerTexel = 9;
  EXPECT_NE(key, bake::bakeKey(m, {}, other));
  other = s;
  other.threads = 3;  // how many threads does not change the output
  EXPECT_EQ(key, bake::bakeKey(m, {}, other));
  // An occluder counts, by content and placement.
  const bake::Occluder occ{&moved, glm::mat4(1.0f)};
  EXPECT_NE(key, bake::bakeKey(m, std::span(&occ, 1), s));
  ASSERT_TRUE(bake::bakeModel(m, {}, s).ok());
  EXPECT_EQ(bake::storedBakeKey(m), key);
  auto bytes = assets::writeGltfToMemory(m, "k.glb");
  ASSERT_TRUE(bytes.ok());
  auto back = assets::loadGltfFromMemory(*bytes, "k.glb", ".");
  ASSERT_TRUE(back.ok()) << back.message();
  EXPECT_EQ(bake::storedBakeKey(*back), key);
}

TEST(Bake, BadSettingsAreOneLineErrors) {
  assets::Model m = floorWith(1.0f, {});
  bake::BakeSettings s;
  s.samplesPerTexel = 1;
  auto r = bake::bakeModel(m, {}, s);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.message().find("samples per texel"), std::string::npos) << r.message();
  EXPECT_EQ(r.message().find('\n'), std::string::npos);
}
