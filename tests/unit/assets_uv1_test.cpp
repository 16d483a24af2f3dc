// A second UV set (TEXCOORD_1, where baked occlusion maps live), the asset's string extras and
// PNG encoding in the fewest channels: written, read back, unchanged.
#include <gtest/gtest.h>

#include <array>

#include "cx/assets/gltf.h"
#include "cx/assets/image_codec.h"

namespace cx::assets::test {
namespace {

// A quad whose second UV set differs from the first, with an occlusion map read through it.
Model quadWithSecondUvSet() {
  Model m;
  m.name = "uv1";
  Image grey;
  grey.width = grey.height = 4;
  grey.colorSpace = ColorSpace::Linear;
  for (uint32_t i = 0; i < 16; ++i) grey.rgba8.insert(grey.rgba8.end(), {uint8_t(i * 16), uint8_t(i * 16), uint8_t(i * 16), 255});
  m.images.push_back(grey);
  Material mat;
  mat.name = "baked";
  mat.occlusionTexture.image = 0;
  mat.occlusionTexture.texCoord = 1;
  m.materials.push_back(mat);
  Primitive p;
  p.material = 0;
  p.hasUv1 = true;
  const glm::vec2 corners[4] = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
  for (int k = 0; k < 4; ++k) {
    Vertex v;
    v.position = glm::vec3(corners[k].x, 0.0f, -corners[k].y);
    v.normal = glm::vec3(0, 1, 0);
    v.uv0 = corners[k] * 3.0f;
    v.uv1 = glm::vec2(0.25f) + corners[k] * 0.5f;
    p.vertices.push_back(v);
  }
  p.indices = {0, 1, 2, 0, 2, 3};
  Mesh mesh;
  mesh.primitives.push_back(p);
  m.meshes.push_back(mesh);
  m.instances.push_back({0, glm::mat4(1.0f)});
  m.assetExtras = {{"cx.bake.key", "0123456789abcdef"}, {"note", "二号馆"}};
  computeBounds(m);
  return m;
}

TEST(GltfUv1, SecondUvSetAndAssetExtrasRoundTrip) {
  const Model m = quadWithSecondUvSet();
  auto bytes = writeGltfToMemory(m, "uv1.glb");
  ASSERT_TRUE(bytes.ok()) << bytes.message();
  auto back = loadGltfFromMemory(*bytes, "uv1.glb", {});
  ASSERT_TRUE(back.ok()) << back.message();
  EXPECT_TRUE(back->warnings.empty()) << back->warnings.front();
  const Primitive& p = back->meshes.at(0).primitives.at(0);
  EXPECT_TRUE(p.hasUv1);
  ASSERT_EQ(p.vertices.size(), 4u);
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(p.vertices[i].uv0, m.meshes[0].primitives[0].vertices[i].uv0);
    EXPECT_EQ(p.vertices[i].uv1, m.meshes[0].primitives[0].vertices[i].uv1);
  }
  EXPECT_EQ(back->materials.at(0).occlusionTexture.texCoord, 1);
  ASSERT_EQ(back->images.size(), 1u);
  EXPECT_EQ(back->images[0].rgba8, m.images[0].rgba8);
  EXPECT_EQ(back->assetExtras, m.assetExtras);
}

// A primitive without TEXCOORD_1 reads its first set for both; the writer leaves TEXCOORD_1 out
// unless a material reads it (then it writes the fallback, which the validator requires).
TEST(GltfUv1, WithoutASecondSetTheFirstStandsIn) {
  Model m = quadWithSecondUvSet();
  m.meshes[0].primitives[0].hasUv1 = false;
  m.materials[0].occlusionTexture = {};
  auto bytes = writeGltfToMemory(m, "uv0.glb");
  ASSERT_TRUE(bytes.ok()) << bytes.message();
  const std::string text(bytes->begin(), bytes->end());
  EXPECT_EQ(text.find("TEXCOORD_1"), std::string::npos);
  auto back = loadGltfFromMemory(*bytes, "uv0.glb", {});
  ASSERT_TRUE(back.ok()) << back.message();
  const Primitive& p = back->meshes.at(0).primitives.at(0);
  EXPECT_FALSE(p.hasUv1);
  for (const Vertex& v : p.vertices) EXPECT_EQ(v.uv1, v.uv0);

  m.materials[0].occlusionTexture.image = 0;
  m.materials[0].occlusionTexture.texCoord = 1;
  bytes = writeGltfToMemory(m, "uv0.glb");
  ASSERT_TRUE(bytes.ok()) << bytes.message();
  EXPECT_NE(std::string(bytes->begin(), bytes->end()).find("TEXCOORD_1"), std::string::npos);
}

// Grey, opaque colour and translucent images each come back as the same RGBA8.
TEST(PngEncode, FewestChannelsDecodeToTheSamePixels) {
  auto make = [](auto pixel) {
    Image img;
    img.width = 8;
    img.height = 5;
    for (uint32_t i = 0; i < 40; ++i) {
      const auto p = pixel(i);
      img.rgba8.insert(img.rgba8.end(), p.begin(), p.end());
    }
    return img;
  };
  const Image grey = make([](uint32_t i) { return std::array<uint8_t, 4>{uint8_t(i * 6), uint8_t(i * 6), uint8_t(i * 6), 255}; });
  const Image rgb = make([](uint32_t i) { return std::array<uint8_t, 4>{uint8_t(i * 6), 7, uint8_t(255 - i), 255}; });
  const Image rgba = make([](uint32_t i) { return std::array<uint8_t, 4>{9, 9, 9, uint8_t(i * 6)}; });
  size_t sizes[3] = {};
  int k = 0;
  for (const Image* img : {&grey, &rgb, &rgba}) {
    auto png = encodePng(*img);
    ASSERT_TRUE(png.ok()) << png.message();
    sizes[k++] = png->size();
    auto back = decodeImage(*png);
    ASSERT_TRUE(back.ok()) << back.message();
    EXPECT_EQ(back->width, img->width);
    EXPECT_EQ(back->rgba8, img->rgba8);
  }
  EXPECT_LT(sizes[0], sizes[1]);  // one channel instead of three
}

}  // namespace
}  // namespace cx::assets::test
