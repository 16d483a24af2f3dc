// One broken model never stops an expo from opening: it becomes a placeholder and is listed.
#include <unistd.h>
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>

#include "cx/core/file.h"
#include "cx/expo/expo_assets.h"
#include "cx/expo/scene.h"

namespace fs = std::filesystem;

namespace {

std::string base64(const std::vector<uint8_t>& bytes) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (size_t i = 0; i < bytes.size(); i += 3) {
    uint32_t n = uint32_t(bytes[i]) << 16;
    if (i + 1 < bytes.size()) n |= uint32_t(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) n |= uint32_t(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[n & 63] : '=';
  }
  return out;
}

// A one-triangle glTF 2.0 file with its buffer inline, written by hand.
std::string triangleGltf() {
  const float positions[9] = {0, 0, 0, 1, 0, 0, 0, 1, 0};
  std::vector<uint8_t> bytes(sizeof(positions));
  std::memcpy(bytes.data(), positions, sizeof(positions));
  return R"({
  "asset": {"version": "2.0", "generator": "cx unit test"},
  "scene": 0,
  "scenes": [{"nodes": [0]}],
  "nodes": [{"mesh": 0}],
  "meshes": [{"primitives": [{"attributes": {"POSITION": 0}}]}],
  "accessors": [{"bufferView": 0, "componentType": 5126, "count": 3, "type": "VEC3",
                 "min": [0, 0, 0], "max": [1, 1, 0]}],
  "bufferViews": [{"buffer": 0, "byteOffset": 0, "byteLength": 36}],
  "buffers": [{"byteLength": 36, "uri": "data:application/octet-stream;base64,)" +
         base64(bytes) + R"("}]
})";
}

class ExpoAssetsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("cx_expo_assets_test_" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_ / "models");
    ASSERT_TRUE(cx::writeFileAtomic(root_ / "models" / "ok.gltf", triangleGltf()).ok());
    ASSERT_TRUE(
        cx::writeFileAtomic(root_ / "models" / "corrupt.glb", std::string_view("glTF\x02\0\0\0garbage", 15))
            .ok());
  }
  void TearDown() override { fs::remove_all(root_); }

  static cx::expo::SceneModel model(const char* path) {
    return cx::expo::SceneModel{path, glm::vec3(-1.5f, 0.0f, -1.5f), glm::vec3(1.5f, 2.5f, 1.5f)};
  }

  fs::path root_;
};

}  // namespace

TEST_F(ExpoAssetsTest, HandWrittenModelLoads) {
  cx::expo::ExpoModelLoad load = cx::expo::loadExpoModel(model("models/ok.gltf"), root_);
  EXPECT_FALSE(load.placeholder) << load.error;
  EXPECT_TRUE(load.error.empty());
  ASSERT_EQ(load.model.meshes.size(), 1u);
  ASSERT_EQ(load.model.meshes[0].primitives.size(), 1u);
  EXPECT_EQ(load.model.meshes[0].primitives[0].vertices.size(), 3u);
}

TEST_F(ExpoAssetsTest, BrokenModelsBecomePlaceholdersAndAreListed) {
  cx::expo::ExpoScene scene;
  scene.models = {model("models/ok.gltf"), model("models/corrupt.glb"), model("models/missing.glb"),
                  model("../escape.glb")};
  cx::expo::ExpoAssets assets = cx::expo::loadExpoAssets(scene, root_);
  ASSERT_EQ(assets.models.size(), 4u);
  EXPECT_EQ(assets.isPlaceholder, (std::vector<bool>{false, true, true, true}));
  ASSERT_EQ(assets.errors.size(), 3u);
  EXPECT_NE(assets.errors[0].find("corrupt.glb"), std::string::npos) << assets.errors[0];
  EXPECT_NE(assets.errors[1].find("missing.glb"), std::string::npos) << assets.errors[1];
  EXPECT_EQ(assets.errors[2], "../escape.glb: '..' in path, it must stay inside the root");
  for (const std::string& e : assets.errors) EXPECT_EQ(e.find('\n'), std::string::npos);

  EXPECT_EQ(assets.models[0].meshes[0].primitives[0].vertices.size(), 3u);
  const cx::assets::Model& placeholder = assets.models[2];
  ASSERT_EQ(placeholder.materials.size(), 1u);
  EXPECT_EQ(placeholder.materials[0].name, "cx_placeholder");
  EXPECT_EQ(placeholder.materials[0].baseColorFactor, cx::expo::kPlaceholderColor);
  EXPECT_EQ(placeholder.boundsMin, glm::vec3(-1.5f, 0.0f, -1.5f));
  EXPECT_EQ(placeholder.boundsMax, glm::vec3(1.5f, 2.5f, 1.5f));
}

TEST_F(ExpoAssetsTest, PlaceholderIsAClosedOutwardFacingBox) {
  cx::expo::SceneModel flat{"floor.glb", glm::vec3(0.0f, 0.0f, -30.0f), glm::vec3(40.0f, 0.0f, 0.0f)};
  cx::assets::Model m = cx::expo::makePlaceholderModel(flat);
  ASSERT_EQ(m.meshes.size(), 1u);
  ASSERT_EQ(m.instances.size(), 1u);
  const cx::assets::Primitive& p = m.meshes[0].primitives[0];
  EXPECT_EQ(p.vertices.size(), 24u);
  EXPECT_EQ(p.indices.size(), 36u);
  EXPECT_GE(m.boundsMax.y - m.boundsMin.y, 0.05f - 1e-6f);  // a flat box still has thickness
  glm::vec3 center = 0.5f * (p.boundsMin + p.boundsMax);
  for (size_t t = 0; t < p.indices.size(); t += 3) {
    glm::vec3 a = p.vertices[p.indices[t]].position, b = p.vertices[p.indices[t + 1]].position,
              c = p.vertices[p.indices[t + 2]].position;
    glm::vec3 n = glm::cross(b - a, c - a);
    EXPECT_GT(glm::dot(n, (a + b + c) / 3.0f - center), 0.0f) << "triangle " << t / 3 << " faces inwards";
    EXPECT_GT(glm::dot(n, p.vertices[p.indices[t]].normal), 0.0f);
  }
}

TEST_F(ExpoAssetsTest, WholeExpoOpensWithOneBrokenBoothModel) {
  cx::expo::Expo e;
  e.id = "t";
  e.venue.name.english = "T";
  cx::expo::Pavilion p;
  p.id = "p";
  p.name.english = "P";
  p.floor = {{0, 0}, {20, 0}, {20, -20}, {0, -20}};
  e.pavilions.push_back(p);
  cx::expo::BoothStyle s;
  s.id = "s";
  s.model = "models/ok.gltf";
  e.styles.push_back(s);
  for (int i = 0; i < 3; ++i) {
    cx::expo::Booth b;
    b.id = "b" + std::to_string(i);
    b.pavilion = "p";
    b.style = "s";
    b.position = {3.0f + 5.0f * float(i), -3.0f};
    e.booths.push_back(b);
  }
  e.booths[1].model = "models/missing.glb";
  cx::expo::ExpoScene scene = cx::expo::buildScene(e);
  cx::expo::ExpoAssets assets = cx::expo::loadExpoAssets(scene, root_);
  ASSERT_EQ(assets.models.size(), 2u);
  EXPECT_FALSE(assets.isPlaceholder[scene.booths[0].model]);
  EXPECT_TRUE(assets.isPlaceholder[scene.booths[1].model]);
  EXPECT_EQ(scene.booths[2].model, scene.booths[0].model);
  ASSERT_EQ(assets.errors.size(), 1u);
  EXPECT_NE(assets.errors[0].find("missing.glb"), std::string::npos);
}
