// Loader behaviour on hand-written glTF: hierarchy, primitive modes, attribute formats, sparse
// accessors, materials, samplers, colour spaces, external files.
#include <gtest/gtest.h>

#include <cmath>

#include "assets_gltf_builder.h"
#include "cx/assets/gltf.h"
#include "cx/assets/image_codec.h"
#include "test_models.h"

namespace cx::assets::test {
namespace {
using nlohmann::json;

Result<Model> loadText(const std::string& text, const std::string& name = "test.gltf",
                       const GltfLoadOptions& options = {}) {
  std::vector<uint8_t> bytes(text.begin(), text.end());
  return loadGltfFromMemory(bytes, name, {}, options);
}

glm::vec3 transformPoint(const glm::mat4& m, glm::vec3 p) {
  return glm::vec3(m * glm::vec4(p, 1.0f));
}

void expectVec3(glm::vec3 got, glm::vec3 want, float eps = 1e-5f) {
  EXPECT_NEAR(got.x, want.x, eps);
  EXPECT_NEAR(got.y, want.y, eps);
  EXPECT_NEAR(got.z, want.z, eps);
}

bool anyWarningContains(const Model& m, const std::string& text) {
  for (const auto& w : m.warnings)
    if (w.find(text) != std::string::npos) return true;
  return false;
}

std::vector<uint8_t> smallPng(uint8_t r, uint8_t g, uint8_t b) {
  Image image;
  image.width = image.height = 2;
  for (int i = 0; i < 4; ++i) image.rgba8.insert(image.rgba8.end(), {r, g, b, 255});
  return *encodePng(image);
}

TEST(GltfLoad, NodeHierarchyAppliesTranslateRotateScaleInOrder) {
  GltfBuilder b;
  int pos = b.addAccessor(trianglePositions(), kFloat, "VEC3", 3);
  b.singleMesh({{"attributes", {{"POSITION", pos}}}});
  const float s = std::sqrt(0.5f);
  b.doc["nodes"] = json::array({
      {{"children", {1}}, {"translation", {1, 0, 0}}, {"rotation", {0, 0, s, s}}, {"scale", {2, 2, 2}}},
      {{"mesh", 0}, {"translation", {1, 0, 0}}},
      {{"mesh", 0}, {"matrix", {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 5, 1}}, {"children", {3}}},
      {{"mesh", 0}, {"scale", {1, 3, 1}}},
  });
  b.doc["scenes"] = json::array({{{"nodes", {0, 2}}}});
  auto model = loadText(b.dump());
  ASSERT_TRUE(model.ok()) << model.message();
  ASSERT_EQ(model->instances.size(), 3u);
  // parent = T(1,0,0) * Rz(90) * S(2); child = parent * T(1,0,0).
  expectVec3(transformPoint(model->instances[0].world, {0, 0, 0}), {1, 2, 0});
  expectVec3(transformPoint(model->instances[0].world, {1, 0, 0}), {1, 4, 0});
  expectVec3(transformPoint(model->instances[1].world, {0, 0, 0}), {0, 0, 5});
  expectVec3(transformPoint(model->instances[2].world, {0, 1, 0}), {0, 3, 5});
  expectVec3(model->boundsMax, {1.0f, 4.0f, 5.0f});
}

TEST(GltfLoad, NonIndexedTrianglesGetSequentialIndicesAndFlatNormals) {
  GltfBuilder b;
  std::vector<float> positions = {0, 0, 0, 1, 0, 0, 0, 1, 0, 2, 0, 0, 3, 0, 0, 2, 1, 0};
  b.singleMesh({{"attributes", {{"POSITION", b.addAccessor(positions, kFloat, "VEC3", 6)}}}});
  auto model = loadText(b.dump());
  ASSERT_TRUE(model.ok()) << model.message();
  const Primitive& p = model->meshes[0].primitives[0];
  EXPECT_EQ(p.indices, (std::vector<uint32_t>{0, 1, 2, 3, 4, 5}));
  ASSERT_EQ(p.vertices.size(), 6u);
  for (const Vertex& v : p.vertices) expectVec3(v.normal, {0, 0, 1});
  expectVec3(p.boundsMax, {3, 1, 0});
}

TEST(GltfLoad, StripsAndFansBecomeCounterClockwiseLists) {
  for (int mode : {5, 6}) {
    GltfBuilder b;
    std::vector<float> strip = {0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0};
    std::vector<float> fan = {0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0};
    int pos = b.addAccessor(mode == 5 ? strip : fan, kFloat, "VEC3", 4);
    std::vector<uint16_t> indices = {0, 1, 2, 3};
    int idx = b.addAccessor(indices, kUShort, "SCALAR", 4);
    b.singleMesh({{"attributes", {{"POSITION", pos}}}, {"indices", idx}, {"mode", mode}});
    auto model = loadText(b.dump());
    ASSERT_TRUE(model.ok()) << model.message();
    const Primitive& p = model->meshes[0].primitives[0];
    EXPECT_EQ(p.indices.size(), 6u) << "mode " << mode;
    for (const Vertex& v : p.vertices) expectVec3(v.normal, {0, 0, 1});
  }
}

TEST(GltfLoad, PointsAndLinesAreSkippedWithAWarning) {
  GltfBuilder b;
  int pos = b.addAccessor(trianglePositions(), kFloat, "VEC3", 3);
  b.singleMesh({{"attributes", {{"POSITION", pos}}}, {"mode", 0}});
  b.doc["meshes"][0]["primitives"].push_back({{"attributes", {{"POSITION", pos}}}, {"mode", 1}});
  b.doc["meshes"][0]["primitives"].push_back({{"attributes", {{"POSITION", pos}}}});
  auto model = loadText(b.dump());
  ASSERT_TRUE(model.ok()) << model.message();
  EXPECT_EQ(model->meshes[0].primitives.size(), 1u);
  EXPECT_TRUE(anyWarningContains(*model, "meshes[0].primitives[0]: mode POINTS"));
  EXPECT_TRUE(anyWarningContains(*model, "LINES"));
}

TEST(GltfLoad, QuantizedAttributesAreDecoded) {
  GltfBuilder b;
  std::vector<int16_t> positions = {0, 0, 0, 0, 100, 0, 0, 0, 0, 100, 0, 0};  // VEC3 padded to 8 bytes
  int posView = b.addView(positions.data(), positions.size() * 2, 8);
  b.doc["accessors"].push_back(
      {{"bufferView", posView}, {"componentType", kShort}, {"type", "VEC3"}, {"count", 3}});
  std::vector<uint16_t> uvs = {0, 0, 65535, 0, 0, 65535};
  int uv = b.addAccessor(uvs, kUShort, "VEC2", 3, {{"normalized", true}});
  std::vector<int8_t> normals = {0, 0, 127, 0, 0, 0, 127, 0, 0, 0, 127, 0};
  int nView = b.addView(normals.data(), normals.size(), 4);
  b.doc["accessors"].push_back({{"bufferView", nView},
                                {"componentType", kByte},
                                {"type", "VEC3"},
                                {"count", 3},
                                {"normalized", true}});
  b.singleMesh({{"attributes", {{"POSITION", 0}, {"TEXCOORD_0", uv}, {"NORMAL", 2}}}});
  b.doc["extensionsUsed"] = {"KHR_mesh_quantization"};
  b.doc["extensionsRequired"] = {"KHR_mesh_quantization"};
  auto model = loadText(b.dump());
  ASSERT_TRUE(model.ok()) << model.message();
  EXPECT_TRUE(model->warnings.empty());
  const auto& v = model->meshes[0].primitives[0].vertices;
  expectVec3(v[1].position, {100, 0, 0});
  expectVec3(v[2].position, {0, 100, 0});
  EXPECT_FLOAT_EQ(v[1].uv0.x, 1.0f);
  EXPECT_FLOAT_EQ(v[2].uv0.y, 1.0f);
  expectVec3(v[0].normal, {0, 0, 1});
}

TEST(GltfLoad, InterleavedAttributesHonourByteStride) {
  GltfBuilder b;
  std::vector<float> interleaved = {0, 0, 0, 0.1f, 0.2f, 1, 0, 0, 0.3f, 0.4f, 0, 1, 0, 0.5f, 0.6f};
  int view = b.addView(interleaved.data(), interleaved.size() * 4, 20);
  b.doc["accessors"] = json::array({
      {{"bufferView", view}, {"componentType", kFloat}, {"type", "VEC3"}, {"count", 3}},
      {{"bufferView", view}, {"byteOffset", 12}, {"componentType", kFloat}, {"type", "VEC2"}, {"count", 3}},
  });
  b.singleMesh({{"attributes", {{"POSITION", 0}, {"TEXCOORD_0", 1}}}});
  auto model = loadText(b.dump());
  ASSERT_TRUE(model.ok()) << model.message();
  const auto& v = model->meshes[0].primitives[0].vertices;
  expectVec3(v[2].position, {0, 1, 0});
  EXPECT_FLOAT_EQ(v[2].uv0.x, 0.5f);
  EXPECT_FLOAT_EQ(v[1].uv0.y, 0.4f);
}

TEST(GltfLoad, Color0Vec3NormalizedBytes) {
  GltfBuilder b;
  int pos = b.addAccessor(trianglePositions(), kFloat, "VEC3", 3);
  std::vector<uint8_t> colors = {255, 0, 0, 0, 0, 255, 0, 0, 0, 0, 255, 0};  // padded to 4 bytes
  int view = b.addView(colors.data(), colors.size(), 4);
  b.doc["accessors"].push_back({{"bufferView", view},
                                {"componentType", kUByte},
                                {"type", "VEC3"},
                                {"count", 3},
                                {"normalized", true}});
  b.singleMesh({{"attributes", {{"POSITION", pos}, {"COLOR_0", 1}}}});
  auto model = loadText(b.dump());
  ASSERT_TRUE(model.ok()) << model.message();
  const auto& v = model->meshes[0].primitives[0].vertices;
  EXPECT_EQ(v[0].color, glm::vec4(1, 0, 0, 1));
  EXPECT_EQ(v[1].color, glm::vec4(0, 1, 0, 1));
}

TEST(GltfLoad, SparseAccessorOverridesBaseValues) {
  GltfBuilder b;
  std::vector<float> base = trianglePositions();
  int baseView = b.addView(base.data(), base.size() * 4);
  std::vector<uint16_t> which = {2};
  int indicesView = b.addView(which.data(), 2);
  std::vector<float> values = {0, 5, 0};
  int valuesView = b.addView(values.data(), values.size() * 4);
  json sparse = {{"count", 1},
                 {"indices", {{"bufferView", indicesView}, {"componentType", kUShort}}},
                 {"values", {{"bufferView", valuesView}}}};
  b.doc["accessors"] =
      json::array({{{"bufferView", baseView},
                    {"componentType", kFloat},
                    {"type", "VEC3"},
                    {"count", 3},
                    {"sparse", sparse}},
                   {{"componentType", kFloat}, {"type", "VEC3"}, {"count", 3}, {"sparse", sparse}}});
  b.singleMesh({{"attributes", {{"POSITION", 0}}}});
  b.doc["meshes"][0]["primitives"].push_back({{"attributes", {{"POSITION", 1}}}});
  auto model = loadText(b.dump());
  ASSERT_TRUE(model.ok()) << model.message();
  const auto& withBase = model->meshes[0].primitives[0].vertices;
  expectVec3(withBase[1].position, {1, 0, 0});
  expectVec3(withBase[2].position, {0, 5, 0});
  const auto& zeroBase = model->meshes[0].primitives[1].vertices;
  expectVec3(zeroBase[1].position, {0, 0, 0});
  expectVec3(zeroBase[2].position, {0, 5, 0});
}

TEST(GltfLoad, ImagesGetOneColourSpaceAndAreDuplicatedWhenUsedBothWays) {
  Model model = cx::testing::litCube();
  auto makeImage = [](uint8_t shade) {
    Image image;
    image.width = image.height = 4;
    image.rgba8.assign(64, shade);
    return image;
  };
  model.images = {makeImage(10), makeImage(20), makeImage(30)};
  Material& m = model.materials[0];
  m.baseColorTexture.image = 0;
  m.normalTexture.image = 0;  // same image as colour data and as linear data
  m.occlusionTexture.image = 1;
  m.emissiveTexture.image = 2;
  auto bytes = writeGltfToMemory(model, "spaces.glb");
  ASSERT_TRUE(bytes.ok()) << bytes.message();
  auto loaded = loadGltfFromMemory(*bytes, "spaces.glb", {});
  ASSERT_TRUE(loaded.ok()) << loaded.message();
  ASSERT_EQ(loaded->images.size(), 4u);
  EXPECT_EQ(loaded->images[0].colorSpace, ColorSpace::Srgb);
  EXPECT_EQ(loaded->images[1].colorSpace, ColorSpace::Linear);
  EXPECT_EQ(loaded->images[2].colorSpace, ColorSpace::Srgb);
  EXPECT_EQ(loaded->images[3].colorSpace, ColorSpace::Linear);
  EXPECT_TRUE(loaded->images[3].rgba8 == loaded->images[0].rgba8);
  const Material& got = loaded->materials[0];
  EXPECT_EQ(got.baseColorTexture.image, 0);
  EXPECT_EQ(got.normalTexture.image, 3);
  EXPECT_EQ(got.occlusionTexture.image, 1);
  EXPECT_EQ(got.emissiveTexture.image, 2);
}

json texturedTriangle(GltfBuilder& b, json textureInfo, json materialExtra = json::object()) {
  int pos = b.addAccessor(trianglePositions(), kFloat, "VEC3", 3);
  b.singleMesh({{"attributes", {{"POSITION", pos}}}, {"material", 0}});
  auto png = smallPng(200, 100, 50);
  b.doc["images"] = json::array({{{"uri", "data:image/png;base64," + base64(png)}}});
  b.doc["textures"] = json::array({{{"source", 0}}});
  json material = {{"pbrMetallicRoughness", {{"baseColorTexture", textureInfo}}}};
  material.update(materialExtra);
  b.doc["materials"] = json::array({material});
  return b.doc;
}

TEST(GltfLoad, TextureTransformIsParsed) {
  GltfBuilder b;
  texturedTriangle(
      b, {{"index", 0},
          {"extensions",
           {{"KHR_texture_transform", {{"offset", {0.5, 0.25}}, {"rotation", 1.5}, {"scale", {2, 3}}}}}}});
  b.doc["extensionsUsed"] = {"KHR_texture_transform"};
  b.doc["extensionsRequired"] = {"KHR_texture_transform"};
  auto model = loadText(b.dump());
  ASSERT_TRUE(model.ok()) << model.message();
  const TextureTransform& t = model->materials[0].baseColorTexture.transform;
  EXPECT_EQ(t.offset, glm::vec2(0.5f, 0.25f));
  EXPECT_EQ(t.rotation, 1.5f);
  EXPECT_EQ(t.scale, glm::vec2(2.0f, 3.0f));
  EXPECT_EQ(model->images[0].rgba8[0], 200);
  EXPECT_EQ(model->images[0].colorSpace, ColorSpace::Srgb);

  // And the writer keeps it.
  auto bytes = writeGltfToMemory(*model, "t.gltf", {.binary = false});
  ASSERT_TRUE(bytes.ok());
  auto again = loadGltfFromMemory(*bytes, "t.gltf", {});
  ASSERT_TRUE(again.ok()) << again.message();
  EXPECT_EQ(again->materials[0].baseColorTexture.transform.offset, t.offset);
  EXPECT_EQ(again->materials[0].baseColorTexture.transform.rotation, t.rotation);
  EXPECT_EQ(again->materials[0].baseColorTexture.transform.scale, t.scale);
}

TEST(GltfLoad, MaterialExtensionsAndAlphaModes) {
  GltfBuilder b;
  texturedTriangle(b, {{"index", 0}, {"texCoord", 2}},
                   {{"alphaMode", "MASK"},
                    {"alphaCutoff", 0.25},
                    {"doubleSided", true},
                    {"emissiveFactor", {1, 0.5, 0}},
                    {"extensions",
                     {{"KHR_materials_unlit", json::object()},
                      {"KHR_materials_emissive_strength", {{"emissiveStrength", 4.0}}}}}});
  auto model = loadText(b.dump());
  ASSERT_TRUE(model.ok()) << model.message();
  const Material& m = model->materials[0];
  EXPECT_EQ(m.alphaMode, AlphaMode::Mask);
  EXPECT_EQ(m.alphaCutoff, 0.25f);
  EXPECT_TRUE(m.doubleSided);
  EXPECT_TRUE(m.unlit);
  EXPECT_EQ(m.emissiveStrength, 4.0f);
  EXPECT_EQ(m.emissiveFactor, glm::vec3(1, 0.5f, 0));
  EXPECT_TRUE(anyWarningContains(*model, "TEXCOORD_2"));

  auto bytes = writeGltfToMemory(*model, "m.glb");
  ASSERT_TRUE(bytes.ok());
  auto again = loadGltfFromMemory(*bytes, "m.glb", {});
  ASSERT_TRUE(again.ok()) << again.message();
  EXPECT_TRUE(again->materials[0].unlit);
  EXPECT_EQ(again->materials[0].emissiveStrength, 4.0f);
  EXPECT_EQ(again->materials[0].alphaCutoff, 0.25f);
}

TEST(GltfLoad, SamplersMapFiltersAndWrap) {
  GltfBuilder b;
  texturedTriangle(b, {{"index", 0}});
  b.doc["samplers"] = json::array({{{"minFilter", 9729}, {"magFilter", 9728}, {"wrapS", 33071}},
                                   {{"minFilter", 9986}, {"wrapT", 33648}},
                                   json::object()});
  auto model = loadText(b.dump());
  ASSERT_TRUE(model.ok()) << model.message();
  ASSERT_EQ(model->samplers.size(), 3u);
  EXPECT_FALSE(model->samplers[0].mipmaps);
  EXPECT_EQ(model->samplers[0].minFilter, Filter::Linear);
  EXPECT_EQ(model->samplers[0].magFilter, Filter::Nearest);
  EXPECT_EQ(model->samplers[0].wrapS, Wrap::ClampToEdge);
  EXPECT_TRUE(model->samplers[1].mipmaps);
  EXPECT_EQ(model->samplers[1].minFilter, Filter::Nearest);
  EXPECT_EQ(model->samplers[1].wrapT, Wrap::MirroredRepeat);
  EXPECT_TRUE(model->samplers[2].mipmaps);
  EXPECT_EQ(model->samplers[2].wrapS, Wrap::Repeat);
}

TEST(GltfLoad, ExternalBufferAndImageFromFileAndFromMemory) {
  TempDir dir;
  GltfBuilder b;
  texturedTriangle(b, {{"index", 0}});
  dir.write("geo.bin", b.bin);
  dir.write("tex.png", smallPng(1, 2, 3));
  json doc = b.doc;
  doc["buffers"] = json::array({{{"byteLength", b.bin.size()}, {"uri", "geo.bin"}}});
  doc["images"] = json::array({{{"uri", "tex.png"}}});
  auto path = dir.write("external.gltf", doc.dump());

  auto model = loadGltf(path);
  ASSERT_TRUE(model.ok()) << model.message();
  EXPECT_EQ(model->images[0].width, 2u);
  EXPECT_EQ(model->images[0].rgba8[2], 3);
  EXPECT_EQ(model->images[0].name, "tex.png");

  std::string text = doc.dump();
  auto fromMemory = loadGltfFromMemory(std::vector<uint8_t>(text.begin(), text.end()), "net.gltf", dir.path);
  ASSERT_TRUE(fromMemory.ok()) << fromMemory.message();
  EXPECT_EQ(fromMemory->meshes[0].primitives[0].vertices.size(), 3u);
  EXPECT_EQ(fromMemory->name, "net.gltf");
}

TEST(GltfLoad, TangentGenerationCanBeTurnedOff) {
  GltfBuilder b;
  b.singleMesh({{"attributes", {{"POSITION", b.addAccessor(trianglePositions(), kFloat, "VEC3", 3)}}}});
  GltfLoadOptions options;
  options.generateTangents = false;
  auto model = loadText(b.dump(), "t.gltf", options);
  ASSERT_TRUE(model.ok()) << model.message();
  EXPECT_FALSE(model->meshes[0].primitives[0].hasTangents);
  auto withTangents = loadText(b.dump());
  ASSERT_TRUE(withTangents.ok());
  EXPECT_TRUE(withTangents->meshes[0].primitives[0].hasTangents);
}

TEST(GltfLoad, FileWithoutSceneShowsRootNodes) {
  GltfBuilder b;
  b.singleMesh({{"attributes", {{"POSITION", b.addAccessor(trianglePositions(), kFloat, "VEC3", 3)}}}});
  b.doc.erase("scenes");
  b.doc.erase("scene");
  auto model = loadText(b.dump());
  ASSERT_TRUE(model.ok()) << model.message();
  EXPECT_EQ(model->instances.size(), 1u);
  EXPECT_TRUE(anyWarningContains(*model, "no scene"));
}

}  // namespace
}  // namespace cx::assets::test
