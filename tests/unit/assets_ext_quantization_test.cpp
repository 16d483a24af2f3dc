// KHR_mesh_quantization: every allowed attribute format decodes to the exact float the spec gives
// (normalized signed: max(c / (2^(n-1) - 1), -1); unsigned: c / (2^n - 1); not normalized: c).
#include <gtest/gtest.h>

#include <cmath>

#include "assets_gltf_builder.h"
#include "cx/assets/gltf.h"

namespace cx::assets::test {
namespace {
using nlohmann::json;

Result<Model> loadQuantizedGltf(const std::string& text) {
  std::vector<uint8_t> bytes(text.begin(), text.end());
  return loadGltfFromMemory(bytes, "quantized.gltf", {});
}

TEST(GltfQuantization, AttributesDequantizeExactly) {
  GltfBuilder b;
  // POSITION as BYTE (not normalized), 4-byte stride.
  std::vector<int8_t> positions = {-128, 0, 0, 0, 127, 0, 0, 0, 0, 5, -7, 0};
  int posView = b.addView(positions.data(), positions.size(), 4);
  b.doc["accessors"].push_back({{"bufferView", posView}, {"componentType", kByte}, {"type", "VEC3"}, {"count", 3},
                                {"min", {-128, 0, -7}}, {"max", {127, 5, 0}}});
  // NORMAL as normalized SHORT, 8-byte stride: -32768 clamps to -1.
  std::vector<int16_t> normals = {-32768, 0, 0, 0, 0, 32767, 0, 0, 16384, 0, -16384, 0};
  int nView = b.addView(normals.data(), normals.size() * 2, 8);
  b.doc["accessors"].push_back(
      {{"bufferView", nView}, {"componentType", kShort}, {"type", "VEC3"}, {"count", 3}, {"normalized", true}});
  // TEXCOORD_0 as normalized UNSIGNED_BYTE, 4-byte stride.
  std::vector<uint8_t> uvs = {0, 255, 0, 0, 128, 1, 0, 0, 255, 0, 0, 0};
  int uvView = b.addView(uvs.data(), uvs.size(), 4);
  b.doc["accessors"].push_back(
      {{"bufferView", uvView}, {"componentType", kUByte}, {"type", "VEC2"}, {"count", 3}, {"normalized", true}});
  // TANGENT as normalized BYTE.
  std::vector<int8_t> tangents = {127, 0, 0, -127, 0, 127, 0, 127, 64, 0, 0, 127};
  int tView = b.addView(tangents.data(), tangents.size(), 4);
  b.doc["accessors"].push_back(
      {{"bufferView", tView}, {"componentType", kByte}, {"type", "VEC4"}, {"count", 3}, {"normalized", true}});
  b.singleMesh({{"attributes", {{"POSITION", 0}, {"NORMAL", 1}, {"TEXCOORD_0", 2}, {"TANGENT", 3}}}});
  // Quantized positions usually come with a dequantizing node transform.
  b.doc["nodes"][0]["scale"] = {0.5, 0.5, 0.5};
  b.doc["nodes"][0]["translation"] = {1, 0, 0};
  b.doc["extensionsUsed"] = {"KHR_mesh_quantization"};
  b.doc["extensionsRequired"] = {"KHR_mesh_quantization"};
  auto model = loadQuantizedGltf(b.dump());
  ASSERT_TRUE(model.ok()) << model.message();
  EXPECT_TRUE(model->warnings.empty()) << model->warnings.front();
  const auto& v = model->meshes[0].primitives[0].vertices;
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0].position, glm::vec3(-128, 0, 0));
  EXPECT_EQ(v[1].position, glm::vec3(127, 0, 0));
  EXPECT_EQ(v[2].position, glm::vec3(0, 5, -7));
  EXPECT_EQ(v[0].normal, glm::vec3(-1, 0, 0));
  EXPECT_EQ(v[1].normal, glm::vec3(0, 1, 0));
  // Normals are renormalized after decoding.
  EXPECT_NEAR(v[2].normal.x, std::sqrt(0.5f), 1e-6f);
  EXPECT_NEAR(v[2].normal.z, -std::sqrt(0.5f), 1e-6f);
  EXPECT_EQ(v[0].uv0, glm::vec2(0, 1));
  EXPECT_EQ(v[1].uv0, glm::vec2(128 / 255.0f, 1 / 255.0f));
  EXPECT_EQ(v[2].uv0, glm::vec2(1, 0));
  EXPECT_EQ(v[0].tangent, glm::vec4(1, 0, 0, -1));
  EXPECT_EQ(v[2].tangent, glm::vec4(64 / 127.0f, 0, 0, 1));
  // The node's transform maps the integer grid to model units.
  const glm::mat4& world = model->instances[0].world;
  EXPECT_EQ(glm::vec3(world * glm::vec4(v[1].position, 1.0f)), glm::vec3(64.5f, 0, 0));
}

TEST(GltfQuantization, UndeclaredOrWrongFormatsAreReported) {
  GltfBuilder b;
  std::vector<uint16_t> positions = {0, 0, 0, 0, 10, 0, 0, 0, 0, 0, 10, 0};
  int view = b.addView(positions.data(), positions.size() * 2, 8);
  b.doc["accessors"].push_back({{"bufferView", view}, {"componentType", kUShort}, {"type", "VEC3"}, {"count", 3}});
  b.singleMesh({{"attributes", {{"POSITION", 0}}}});
  auto undeclared = loadQuantizedGltf(b.dump());
  ASSERT_TRUE(undeclared.ok()) << undeclared.message();
  bool warned = false;
  for (const auto& w : undeclared->warnings) warned = warned || w.find("without declaring KHR_mesh_quantization") != std::string::npos;
  EXPECT_TRUE(warned);

  // Normals must be normalized when quantized.
  std::vector<int8_t> normals = {0, 0, 127, 0, 0, 0, 127, 0, 0, 0, 127, 0};
  int nView = b.addView(normals.data(), normals.size(), 4);
  b.doc["accessors"].push_back({{"bufferView", nView}, {"componentType", kByte}, {"type", "VEC3"}, {"count", 3}});
  b.singleMesh({{"attributes", {{"POSITION", 0}, {"NORMAL", 1}}}});
  b.doc["extensionsUsed"] = {"KHR_mesh_quantization"};
  auto bad = loadQuantizedGltf(b.dump());
  expectOneLineError(bad, "quantized.gltf", "meshes[0].primitives[0].attributes.NORMAL: accessors[1] is VEC3 BYTE");
}

}  // namespace
}  // namespace cx::assets::test
