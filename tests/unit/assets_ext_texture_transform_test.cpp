// KHR_texture_transform as a matrix (the reference GLSL of the extension, worked by hand) and its
// per-slot parsing, including the texCoord override.
#include <gtest/gtest.h>

#include <cmath>

#include "assets_gltf_builder.h"
#include "cx/assets/gltf.h"
#include "cx/assets/texture_transform.h"

namespace cx::assets::test {
namespace {
using nlohmann::json;

glm::vec2 apply(const TextureTransform& t, glm::vec2 uv) {
  return glm::vec2(textureTransformMatrix(t) * glm::vec3(uv, 1.0f));
}

void expectVec2(glm::vec2 got, glm::vec2 want) {
  EXPECT_NEAR(got.x, want.x, 1e-6f);
  EXPECT_NEAR(got.y, want.y, 1e-6f);
}

TEST(TextureTransform, MatrixFollowsTheExtension) {
  expectVec2(apply({}, {0.3f, 0.7f}), {0.3f, 0.7f});
  expectVec2(apply({.offset = {0.5f, 0.25f}}, {0.1f, 0.2f}), {0.6f, 0.45f});
  expectVec2(apply({.scale = {2.0f, 3.0f}}, {0.5f, 0.5f}), {1.0f, 1.5f});
  // The extension's rotation matrix has columns (cos, sin) and (-sin, cos): u' = c u - s v,
  // v' = s u + c v. A quarter turn sends (1, 0) to (0, 1) and (0, 1) to (-1, 0).
  const float quarter = float(M_PI / 2);
  expectVec2(apply({.rotation = quarter}, {1.0f, 0.0f}), {0.0f, 1.0f});
  expectVec2(apply({.rotation = quarter}, {0.0f, 1.0f}), {-1.0f, 0.0f});
  // Scale first, then rotate, then offset (TextureTransformTest's "All" quad parameters).
  TextureTransform all{.offset = {-0.2f, -0.1f}, .rotation = 0.3f, .scale = {1.5f, 1.5f}};
  glm::vec2 uv(0.4f, 0.8f);
  glm::vec2 s = uv * 1.5f;
  glm::vec2 r(std::cos(0.3f) * s.x - std::sin(0.3f) * s.y, std::sin(0.3f) * s.x + std::cos(0.3f) * s.y);
  expectVec2(apply(all, uv), r + glm::vec2(-0.2f, -0.1f));
}

TEST(TextureTransform, EverySlotIsParsedWithTexCoordOverride) {
  GltfBuilder b;
  std::vector<float> positions = trianglePositions();
  b.addAccessor(positions, kFloat, "VEC3", 3, {{"min", {0, 0, 0}}, {"max", {1, 1, 0}}});
  b.singleMesh({{"attributes", {{"POSITION", 0}}}, {"material", 0}});
  std::vector<uint8_t> png = {0x89, 'P', 'N', 'G'};  // never decoded: the image has no users below
  b.doc["textures"] = json::array({{{"source", 0}}});
  b.doc["images"] = json::array({{{"uri", "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="}}});
  auto info = [](double offset, json extra = json::object()) {
    json ext = {{"offset", {offset, 0}}};
    ext.update(extra);
    return json{{"index", 0}, {"extensions", {{"KHR_texture_transform", ext}}}};
  };
  b.doc["materials"] = json::array({{{"pbrMetallicRoughness",
                                      {{"baseColorTexture", info(0.1)}, {"metallicRoughnessTexture", info(0.2)}}},
                                     {"normalTexture", info(0.3)},
                                     {"occlusionTexture", info(0.4, {{"texCoord", 1}})},
                                     {"emissiveTexture", info(0.5, {{"rotation", 0.25}, {"scale", {2, 4}}, {"texCoord", 2}})}}});
  b.doc["extensionsUsed"] = {"KHR_texture_transform"};
  std::string text = b.dump();
  auto model = loadGltfFromMemory(std::vector<uint8_t>(text.begin(), text.end()), "tt.gltf", {});
  ASSERT_TRUE(model.ok()) << model.message();
  const Material& m = model->materials[0];
  EXPECT_EQ(m.baseColorTexture.transform.offset.x, 0.1f);
  EXPECT_EQ(m.metallicRoughnessTexture.transform.offset.x, 0.2f);
  EXPECT_EQ(m.normalTexture.transform.offset.x, 0.3f);
  EXPECT_EQ(m.occlusionTexture.transform.offset.x, 0.4f);
  EXPECT_EQ(m.occlusionTexture.texCoord, 1);
  EXPECT_EQ(m.emissiveTexture.transform.rotation, 0.25f);
  EXPECT_EQ(m.emissiveTexture.transform.scale, glm::vec2(2, 4));
  // TEXCOORD_1 is read (a baked occlusion map's set); a higher set is warned about and TEXCOORD_0 used.
  EXPECT_EQ(m.emissiveTexture.texCoord, 0);
  bool warnedUv1 = false, warnedUv2 = false;
  for (const auto& w : model->warnings) {
    warnedUv1 = warnedUv1 || w.find("occlusionTexture: uses TEXCOORD_1") != std::string::npos;
    warnedUv2 = warnedUv2 || w.find("emissiveTexture: uses TEXCOORD_2; only TEXCOORD_0 and TEXCOORD_1 are supported") !=
                                 std::string::npos;
  }
  EXPECT_FALSE(warnedUv1);
  EXPECT_TRUE(warnedUv2);
}

}  // namespace
}  // namespace cx::assets::test
