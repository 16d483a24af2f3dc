// Writer + loader round trips of every test model, determinism, and generated tangents.
#include <gtest/gtest.h>

#include <cmath>

#include <glm/gtc/matrix_transform.hpp>

#include "assets_gltf_builder.h"
#include "cx/assets/geometry.h"
#include "cx/assets/gltf.h"
#include "test_models.h"

namespace cx::assets::test {
namespace {

void expectNear(const glm::vec3& a, const glm::vec3& b, float eps, const std::string& what) {
  EXPECT_NEAR(a.x, b.x, eps) << what;
  EXPECT_NEAR(a.y, b.y, eps) << what;
  EXPECT_NEAR(a.z, b.z, eps) << what;
}

void expectSameModel(const Model& want, const Model& got, const std::string& tag) {
  ASSERT_EQ(got.meshes.size(), want.meshes.size()) << tag;
  for (size_t m = 0; m < want.meshes.size(); ++m) {
    ASSERT_EQ(got.meshes[m].primitives.size(), want.meshes[m].primitives.size()) << tag;
    for (size_t p = 0; p < want.meshes[m].primitives.size(); ++p) {
      const Primitive& a = want.meshes[m].primitives[p];
      const Primitive& b = got.meshes[m].primitives[p];
      ASSERT_EQ(b.vertices.size(), a.vertices.size()) << tag;
      ASSERT_EQ(b.indices, a.indices) << tag;
      EXPECT_EQ(b.material, a.material) << tag;
      EXPECT_TRUE(b.hasTangents) << tag;
      for (size_t v = 0; v < a.vertices.size(); ++v) {
        EXPECT_EQ(b.vertices[v].position, a.vertices[v].position) << tag;
        expectNear(b.vertices[v].normal, glm::normalize(a.vertices[v].normal), 1e-6f, tag);
        EXPECT_EQ(b.vertices[v].uv0, a.vertices[v].uv0) << tag;
        EXPECT_EQ(b.vertices[v].color, a.vertices[v].color) << tag;
      }
      expectNear(b.boundsMin, a.boundsMin, 1e-6f, tag);
      expectNear(b.boundsMax, a.boundsMax, 1e-6f, tag);
    }
  }
  ASSERT_EQ(got.materials.size(), want.materials.size()) << tag;
  for (size_t i = 0; i < want.materials.size(); ++i) {
    const Material& a = want.materials[i];
    const Material& b = got.materials[i];
    EXPECT_EQ(b.name, a.name) << tag;
    EXPECT_EQ(b.baseColorFactor, a.baseColorFactor) << tag;
    EXPECT_EQ(b.metallicFactor, a.metallicFactor) << tag;
    EXPECT_EQ(b.roughnessFactor, a.roughnessFactor) << tag;
    EXPECT_EQ(b.emissiveFactor, a.emissiveFactor) << tag;
    EXPECT_EQ(b.emissiveStrength, a.emissiveStrength) << tag;
    EXPECT_EQ(b.alphaMode, a.alphaMode) << tag;
    EXPECT_EQ(b.alphaCutoff, a.alphaCutoff) << tag;
    EXPECT_EQ(b.doubleSided, a.doubleSided) << tag;
    EXPECT_EQ(b.unlit, a.unlit) << tag;
    EXPECT_EQ(b.normalScale, a.normalScale) << tag;
    EXPECT_EQ(b.baseColorTexture.image, a.baseColorTexture.image) << tag;
    EXPECT_EQ(b.normalTexture.image, a.normalTexture.image) << tag;
    EXPECT_EQ(b.emissiveTexture.image, a.emissiveTexture.image) << tag;
    EXPECT_EQ(b.baseColorTexture.sampler, a.baseColorTexture.sampler) << tag;
  }
  ASSERT_EQ(got.images.size(), want.images.size()) << tag;
  for (size_t i = 0; i < want.images.size(); ++i) {
    EXPECT_EQ(got.images[i].width, want.images[i].width) << tag;
    EXPECT_EQ(got.images[i].height, want.images[i].height) << tag;
    EXPECT_EQ(got.images[i].colorSpace, want.images[i].colorSpace) << tag;
    EXPECT_TRUE(got.images[i].rgba8 == want.images[i].rgba8) << tag << ": pixels differ";
  }
  ASSERT_EQ(got.samplers.size(), want.samplers.size()) << tag;
  for (size_t i = 0; i < want.samplers.size(); ++i) {
    EXPECT_EQ(got.samplers[i].magFilter, want.samplers[i].magFilter) << tag;
    EXPECT_EQ(got.samplers[i].minFilter, want.samplers[i].minFilter) << tag;
    EXPECT_EQ(got.samplers[i].mipmaps, want.samplers[i].mipmaps) << tag;
    EXPECT_EQ(got.samplers[i].wrapS, want.samplers[i].wrapS) << tag;
  }
  ASSERT_EQ(got.instances.size(), want.instances.size()) << tag;
  for (size_t i = 0; i < want.instances.size(); ++i) {
    EXPECT_EQ(got.instances[i].mesh, want.instances[i].mesh) << tag;
    for (int c = 0; c < 4; ++c)
      for (int r = 0; r < 4; ++r)
        EXPECT_NEAR(got.instances[i].world[c][r], want.instances[i].world[c][r], 1e-6f) << tag;
  }
  expectNear(got.boundsMin, want.boundsMin, 1e-5f, tag);
  expectNear(got.boundsMax, want.boundsMax, 1e-5f, tag);
  EXPECT_TRUE(got.warnings.empty()) << tag << ": " << (got.warnings.empty() ? "" : got.warnings.front());
}

TEST(AssetsRoundTrip, EveryTestModelAsGlbAndGltf) {
  TempDir dir;
  ASSERT_GE(cx::testing::testModelNames().size(), 9u);
  for (const std::string& name : cx::testing::testModelNames()) {
    auto want = cx::testing::makeTestModel(name);
    ASSERT_TRUE(want.ok()) << want.message();
    for (bool binary : {true, false}) {
      auto path = cx::testing::writeTestModel(name, dir.path, binary);
      ASSERT_TRUE(path.ok()) << path.message();
      EXPECT_EQ(path->extension(), binary ? ".glb" : ".gltf");
      auto got = loadGltf(*path);
      ASSERT_TRUE(got.ok()) << got.message();
      EXPECT_EQ(got->name, path->filename().string());
      expectSameModel(*want, *got, name + (binary ? ".glb" : ".gltf"));
    }
  }
}

TEST(TestModels, BuildersAreConsistent) {
  for (const std::string& name : cx::testing::testModelNames()) {
    auto model = cx::testing::makeTestModel(name);
    ASSERT_TRUE(model.ok()) << model.message();
    EXPECT_EQ(model->name, name);
    EXPECT_FALSE(model->instances.empty()) << name;
    EXPECT_LT(model->boundsMin.x, model->boundsMax.x) << name;
    for (const MeshInstance& instance : model->instances)
      ASSERT_LT(instance.mesh, model->meshes.size()) << name;
    for (const Mesh& mesh : model->meshes)
      for (const Primitive& p : mesh.primitives) {
        EXPECT_EQ(p.indices.size() % 3, 0u) << name;
        for (uint32_t i : p.indices) ASSERT_LT(i, p.vertices.size()) << name;
        ASSERT_LT(p.material, int(model->materials.size())) << name;
        EXPECT_FALSE(p.hasTangents) << name << ": tangents are left to the loader";
      }
    for (const Image& image : model->images)
      EXPECT_EQ(image.rgba8.size(), size_t(image.width) * image.height * 4);
  }
}

TEST(TestModels, LitCubeAndItsWrongTwin) {
  Model cube = cx::testing::litCube();
  Model wrong = cx::testing::wrongMaterialLitCube();
  ASSERT_EQ(cube.materials.size(), 1u);
  EXPECT_EQ(cube.materials[0].metallicFactor, 0.0f);
  EXPECT_EQ(cube.materials[0].roughnessFactor, 0.5f);
  EXPECT_GT(cube.materials[0].baseColorFactor.r, cube.materials[0].baseColorFactor.b);    // orange
  EXPECT_GT(wrong.materials[0].baseColorFactor.b, wrong.materials[0].baseColorFactor.r);  // blue
  EXPECT_EQ(cube.meshes[0].primitives[0].vertices.size(), 24u);
  EXPECT_EQ(cube.meshes[0].primitives[0].indices.size(), 36u);
  EXPECT_EQ(cube.boundsMin, glm::vec3(-0.5f));
  EXPECT_EQ(cube.boundsMax, glm::vec3(0.5f));
}

TEST(TestModels, MaterialFeaturesAreWhereTheGoldenTestsExpectThem) {
  Model quad = cx::testing::texturedQuad();
  EXPECT_EQ(quad.images[0].width, 64u);
  EXPECT_EQ(quad.images[0].colorSpace, ColorSpace::Srgb);
  EXPECT_EQ(cx::testing::alphaMaskQuad().materials[0].alphaMode, AlphaMode::Mask);
  Model blend = cx::testing::alphaBlendQuads();
  EXPECT_EQ(blend.materials[0].alphaMode, AlphaMode::Opaque);
  EXPECT_EQ(blend.materials[1].alphaMode, AlphaMode::Blend);
  Model sided = cx::testing::doubleSidedPlane();
  EXPECT_TRUE(sided.materials[0].doubleSided);
  EXPECT_FALSE(sided.materials[1].doubleSided);
  Model bumpy = cx::testing::normalMappedPlane();
  EXPECT_EQ(bumpy.materials[0].normalTexture.image, 0);
  EXPECT_EQ(bumpy.images[0].colorSpace, ColorSpace::Linear);
  Model glow = cx::testing::emissiveObject();
  EXPECT_EQ(glow.materials[0].emissiveTexture.image, 0);
  EXPECT_NE(glow.materials[0].emissiveStrength, 1.0f);
  EXPECT_GE(cx::testing::multiNodeScene().meshes.size(), 3u);
}

TEST(AssetsRoundTrip, UnknownTestModelIsAnError) {
  auto model = cx::testing::makeTestModel("noSuchModel");
  ASSERT_FALSE(model.ok());
  EXPECT_NE(model.message().find("noSuchModel"), std::string::npos);
}

TEST(AssetsRoundTrip, WriterIsDeterministic) {
  for (const std::string& name : cx::testing::testModelNames()) {
    for (bool binary : {true, false}) {
      GltfWriteOptions options;
      options.binary = binary;
      auto a = writeGltfToMemory(*cx::testing::makeTestModel(name), name, options);
      auto b = writeGltfToMemory(*cx::testing::makeTestModel(name), name, options);
      ASSERT_TRUE(a.ok()) << a.message();
      ASSERT_TRUE(b.ok()) << b.message();
      EXPECT_TRUE(*a == *b) << name;
      if (binary) {
        ASSERT_GE(a->size(), 12u);
        EXPECT_EQ(std::string(a->begin(), a->begin() + 4), "glTF");
      }
    }
  }
}

TEST(AssetsRoundTrip, LoadedModelWritesAndLoadsAgain) {
  TempDir dir;
  auto first = cx::testing::writeTestModel("emissiveObject", dir.path, true);
  ASSERT_TRUE(first.ok());
  auto loaded = loadGltf(*first);
  ASSERT_TRUE(loaded.ok()) << loaded.message();
  ASSERT_TRUE(writeGltf(dir.path / "again.gltf", *loaded, {.binary = false}).ok());
  auto again = loadGltf(dir.path / "again.gltf");
  ASSERT_TRUE(again.ok()) << again.message();
  // Tangents were generated on the first load and are now written and read back.
  expectSameModel(*loaded, *again, "again.gltf");
  const Vertex& a = loaded->meshes[0].primitives[0].vertices[0];
  const Vertex& b = again->meshes[0].primitives[0].vertices[0];
  EXPECT_NEAR(glm::distance(a.tangent, b.tangent), 0.0f, 1e-6f);
}

void expectValidTangents(const Primitive& p) {
  ASSERT_TRUE(p.hasTangents);
  for (const Vertex& v : p.vertices) {
    glm::vec3 t(v.tangent);
    EXPECT_NEAR(glm::length(t), 1.0f, 1e-4f);
    EXPECT_NEAR(glm::dot(t, v.normal), 0.0f, 1e-4f);
    EXPECT_TRUE(v.tangent.w == 1.0f || v.tangent.w == -1.0f);
  }
}

TEST(AssetsTangents, GeneratedForNormalMappedPlaneAfterRoundTrip) {
  Model model = cx::testing::normalMappedPlane();
  ASSERT_FALSE(model.meshes[0].primitives[0].hasTangents);
  auto bytes = writeGltfToMemory(model, "plane.glb");
  ASSERT_TRUE(bytes.ok()) << bytes.message();
  std::string json(bytes->begin(), bytes->end());
  EXPECT_EQ(json.find("TANGENT"), std::string::npos) << "tangents should be omitted";
  auto loaded = loadGltfFromMemory(*bytes, "plane.glb", {});
  ASSERT_TRUE(loaded.ok()) << loaded.message();
  const Primitive& p = loaded->meshes[0].primitives[0];
  expectValidTangents(p);
  // u grows along +X; v grows downwards (-Y) while cross(N, T) = +Y, so w is -1.
  for (const Vertex& v : p.vertices) {
    EXPECT_NEAR(v.tangent.x, 1.0f, 1e-5f);
    EXPECT_EQ(v.tangent.w, -1.0f);
  }
}

TEST(AssetsTangents, OrthogonalOnEveryTestModel) {
  for (const std::string& name : cx::testing::testModelNames()) {
    auto bytes = writeGltfToMemory(*cx::testing::makeTestModel(name), name + ".glb");
    ASSERT_TRUE(bytes.ok());
    auto loaded = loadGltfFromMemory(*bytes, name + ".glb", {});
    ASSERT_TRUE(loaded.ok()) << loaded.message();
    for (const Mesh& mesh : loaded->meshes)
      for (const Primitive& p : mesh.primitives) expectValidTangents(p);
  }
}

TEST(AssetsTangents, DegenerateUvsFallBackToAnyOrthogonalTangent) {
  Primitive p;
  for (glm::vec3 pos : {glm::vec3(0, 0, 0), glm::vec3(1, 0, 0), glm::vec3(0, 0, 1)}) {
    Vertex v;
    v.position = pos;
    v.normal = glm::vec3(0, 1, 0);
    v.uv0 = glm::vec2(0.5f);  // all the same: no UV derivative
    p.vertices.push_back(v);
  }
  p.indices = {0, 2, 1};
  generateTangents(p);
  expectValidTangents(p);
}

TEST(AssetsTangents, SmoothAndFlatNormals) {
  Primitive p = cx::testing::litCube().meshes[0].primitives[0];
  const size_t indexCount = p.indices.size();
  generateSmoothNormals(p);  // every cube face has its own vertices, so normals stay per face
  EXPECT_NEAR(glm::length(p.vertices[0].normal), 1.0f, 1e-5f);
  EXPECT_EQ(p.vertices[0].normal, glm::vec3(1, 0, 0));
  generateFlatNormals(p);
  EXPECT_EQ(p.vertices.size(), indexCount);
  EXPECT_EQ(p.indices.size(), indexCount);
  EXPECT_EQ(p.vertices[0].normal, glm::vec3(1, 0, 0));
}

TEST(AssetsBounds, WorldBoundsFollowInstances) {
  Model model = cx::testing::litCube();
  model.instances.push_back({0, glm::translate(glm::mat4(1.0f), glm::vec3(10, 0, 0))});
  computeBounds(model);
  EXPECT_EQ(model.boundsMin, glm::vec3(-0.5f));
  EXPECT_EQ(model.boundsMax, glm::vec3(10.5f, 0.5f, 0.5f));
  EXPECT_EQ(model.meshes[0].primitives[0].boundsMin, glm::vec3(-0.5f));
}

TEST(AssetsWriter, RejectsInconsistentModels) {
  Model model = cx::testing::litCube();
  model.meshes[0].primitives[0].indices[4] = 999;
  auto bytes = writeGltfToMemory(model, "bad.glb");
  expectOneLineError(bytes, "bad.glb", "meshes[0].primitives[0]: index 999");

  model = cx::testing::litCube();
  model.meshes[0].primitives[0].material = 3;
  expectOneLineError(writeGltfToMemory(model, "bad.glb"), "bad.glb", "material 3 does not exist");

  model = cx::testing::texturedQuad();
  model.images[0].rgba8.resize(10);
  expectOneLineError(writeGltfToMemory(model, "bad.glb"), "bad.glb", "images[0]");

  model = cx::testing::litCube();
  model.instances[0].mesh = 5;
  expectOneLineError(writeGltfToMemory(model, "bad.glb"), "bad.glb", "instances[0]: mesh 5 does not exist");
}

TEST(AssetsWriter, WritesAtomicallyAndReportsUnwritableDirectory) {
  auto st = writeGltf("/nonexistent-dir/x.glb", cx::testing::litCube());
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("x.glb"), std::string::npos);
}

}  // namespace
}  // namespace cx::assets::test
