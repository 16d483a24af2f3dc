// expo-tool bake MODEL.glb --out BAKED.glb: the written glTF passes the Khronos glTF-Validator
// with no errors, a dense mesh is baked into COLOR_0, bad input is a one-line error (exit 2).
#include <gtest/gtest.h>

#include <filesystem>

#include "cx/assets/gltf.h"
#include "cx/bake/bake.h"
#include "cx/bake/expo_bake.h"
#include "run_command.h"

namespace fs = std::filesystem;
using namespace cx;

namespace {

// A floor of n x n quads over [-half, half]^2 (top at y = 0) and a 1 m cube in its middle, each in
// its own material.
assets::Model tessellatedFloorAndCube(float half, int n) {
  assets::Model m;
  m.name = "bake-cli";
  for (const char* name : {"floor", "cube"}) {
    assets::Material mat;
    mat.name = name;
    mat.baseColorFactor = glm::vec4(0.6f, 0.6f, 0.6f, 1.0f);
    mat.metallicFactor = 0.0f;
    m.materials.push_back(mat);
  }
  assets::Mesh mesh;
  assets::Primitive floor;
  floor.material = 0;
  for (int z = 0; z <= n; ++z)
    for (int x = 0; x <= n; ++x) {
      assets::Vertex v;
      v.position = glm::vec3(-half + 2.0f * half * float(x) / float(n), 0.0f, -half + 2.0f * half * float(z) / float(n));
      v.normal = glm::vec3(0, 1, 0);
      v.uv0 = glm::vec2(v.position.x, v.position.z);
      floor.vertices.push_back(v);
    }
  for (int z = 0; z < n; ++z)
    for (int x = 0; x < n; ++x) {
      const uint32_t a = uint32_t(z * (n + 1) + x), b = a + 1, c = a + uint32_t(n + 1), d = c + 1;
      floor.indices.insert(floor.indices.end(), {a, c, d, a, d, b});  // counter-clockwise seen from +Y
    }
  mesh.primitives.push_back(floor);
  assets::Primitive cube;
  cube.material = 1;
  const glm::vec3 X{1, 0, 0}, Y{0, 1, 0}, Z{0, 0, 1};
  auto quad = [&](glm::vec3 c, glm::vec3 u, glm::vec3 v) {
    const uint32_t base = uint32_t(cube.vertices.size());
    const float su[4] = {-1, 1, 1, -1}, sv[4] = {-1, -1, 1, 1};
    for (int k = 0; k < 4; ++k) {
      assets::Vertex vert;
      vert.position = c + u * (su[k] * 0.5f) + v * (sv[k] * 0.5f);
      vert.normal = glm::normalize(glm::cross(u, v));
      cube.vertices.push_back(vert);
    }
    for (uint32_t i : {0u, 1u, 2u, 0u, 2u, 3u}) cube.indices.push_back(base + i);
  };
  const glm::vec3 c(0.0f, 0.5f, 0.0f);
  quad(c + 0.5f * X, -Z, Y);
  quad(c - 0.5f * X, Z, Y);
  quad(c + 0.5f * Z, X, Y);
  quad(c - 0.5f * Z, -X, Y);
  quad(c + 0.5f * Y, X, -Z);
  mesh.primitives.push_back(cube);
  m.meshes.push_back(mesh);
  m.instances.push_back({0, glm::mat4(1.0f)});
  assets::computeBounds(m);
  return m;
}

std::string tool() { return CX_TOOL_PATH; }
std::string validator() {
  return "node " + (fs::path(CX_SOURCE_DIR) / "tools" / "gltf-validate" / "validate.mjs").string();
}

class BakeCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = cx::testing::freshTempDir("bake-cli", ::testing::UnitTest::GetInstance()->current_test_info()->name());
  }
  void TearDown() override { fs::remove_all(dir); }
  fs::path dir;
};

// Coarse floor (two triangles per metre): an occlusion map on TEXCOORD_1, valid glTF.
TEST_F(BakeCli, BakedModelPassesTheKhronosValidator) {
  ASSERT_TRUE(assets::writeGltf(dir / "in.glb", tessellatedFloorAndCube(2.0f, 4), {}).ok());
  const auto bake = cx::testing::runCommand(
      tool() + " bake " + (dir / "in.glb").string() + " --out " + (dir / "out.glb").string() + " --samples 16 --seed 3",
      dir / "bake.log");
  ASSERT_EQ(bake.exitCode, 0) << bake.output;
  EXPECT_NE(bake.output.find("atlas"), std::string::npos) << bake.output;  // the per-model report
  auto baked = assets::loadGltf(dir / "out.glb");
  ASSERT_TRUE(baked.ok()) << baked.message();
  EXPECT_FALSE(bake::storedBakeKey(*baked).empty());
  ASSERT_GE(baked->materials.at(0).occlusionTexture.image, 0);
  EXPECT_EQ(baked->materials[0].occlusionTexture.texCoord, 1);
  EXPECT_TRUE(baked->meshes.at(0).primitives.at(0).hasUv1);
  const auto check = cx::testing::runCommand(validator() + " --verbose " + (dir / "out.glb").string(), dir / "validate.log");
  EXPECT_EQ(check.exitCode, 0) << check.output;
  EXPECT_NE(check.output.find("OK"), std::string::npos) << check.output;
  // A baked model is not baked again by accident.
  const auto again = cx::testing::runCommand(
      tool() + " bake " + (dir / "out.glb").string() + " --out " + (dir / "again.glb").string(), dir / "again.log");
  EXPECT_EQ(again.exitCode, 2) << again.output;
  EXPECT_NE(again.output.find("already baked"), std::string::npos) << again.output;
}

// A dense floor (10 cm quads, under two texels at the default 8 texels per metre) is baked per
// vertex into COLOR_0: darker next to the cube than at the edge of the floor, and still valid.
TEST_F(BakeCli, DenseMeshIsBakedIntoVertexColours) {
  ASSERT_TRUE(assets::writeGltf(dir / "dense.glb", tessellatedFloorAndCube(2.0f, 40), {}).ok());
  const auto bake = cx::testing::runCommand(tool() + " bake " + (dir / "dense.glb").string() + " --out " +
                                            (dir / "dense-baked.glb").string() + " --samples 32",
                                        dir / "bake.log");
  ASSERT_EQ(bake.exitCode, 0) << bake.output;
  auto baked = assets::loadGltf(dir / "dense-baked.glb");
  ASSERT_TRUE(baked.ok()) << baked.message();
  EXPECT_LT(baked->materials.at(0).occlusionTexture.image, 0) << "the dense floor needs no texture";
  const auto contact = bake::bakedValueAt(*baked, glm::vec3(0.0f, 0.0f, 0.6f), glm::vec3(0, 1, 0));
  const auto open = bake::bakedValueAt(*baked, glm::vec3(1.9f, 0.0f, 1.9f), glm::vec3(0, 1, 0));
  ASSERT_TRUE(contact && open);
  EXPECT_LT(*contact, 0.8f * *open) << "contact " << *contact << ", open " << *open;
  const auto check = cx::testing::runCommand(validator() + " --verbose " + (dir / "dense-baked.glb").string(),
                                         dir / "validate.log");
  EXPECT_EQ(check.exitCode, 0) << check.output;
}

TEST_F(BakeCli, BadInputIsAOneLineError) {
  const auto missing = cx::testing::runCommand(tool() + " bake " + (dir / "nope.glb").string() + " --out " +
                                               (dir / "x.glb").string(),
                                           dir / "missing.log");
  EXPECT_EQ(missing.exitCode, 2) << missing.output;
  EXPECT_NE(missing.output.find("nope.glb"), std::string::npos) << missing.output;
  ASSERT_TRUE(assets::writeGltf(dir / "in.glb", tessellatedFloorAndCube(1.0f, 2), {}).ok());
  const auto noOut = cx::testing::runCommand(tool() + " bake " + (dir / "in.glb").string(), dir / "noout.log");
  EXPECT_EQ(noOut.exitCode, 2) << noOut.output;
  EXPECT_NE(noOut.output.find("--out"), std::string::npos) << noOut.output;
  EXPECT_FALSE(fs::exists(dir / "x.glb"));
}

}  // namespace
