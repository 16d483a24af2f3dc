// Every kind of broken input fails with one line naming the file, the place and the problem,
// and random damage to a valid file never crashes the loader.
#include <gtest/gtest.h>

#include <random>

#include "assets_gltf_builder.h"
#include "cx/assets/gltf.h"
#include "cx/assets/image_codec.h"
#include "test_models.h"

namespace cx::assets::test {
namespace {
using nlohmann::json;

// A valid triangle document to break in one place.
GltfBuilder validTriangle() {
  GltfBuilder b;
  int pos = b.addAccessor(trianglePositions(), kFloat, "VEC3", 3);
  std::vector<uint16_t> indices = {0, 1, 2};
  int idx = b.addAccessor(indices, kUShort, "SCALAR", 3);
  b.singleMesh({{"attributes", {{"POSITION", pos}}}, {"indices", idx}});
  return b;
}

Result<Model> loadFile(const TempDir& dir, const std::string& name, const std::string& text) {
  return loadGltf(dir.write(name, text));
}

TEST(GltfBadInput, ValidTriangleLoads) {
  TempDir dir;
  auto model = loadFile(dir, "ok.gltf", validTriangle().dump());
  ASSERT_TRUE(model.ok()) << model.message();
  EXPECT_EQ(model->meshes[0].primitives[0].indices.size(), 3u);
}

TEST(GltfBadInput, MissingFile) {
  expectOneLineError(loadGltf("/nonexistent/missing.gltf"), "missing.gltf", "no such file");
}

TEST(GltfBadInput, PngNamedGltf) {
  TempDir dir;
  Image image;
  image.width = image.height = 1;
  image.rgba8 = {1, 2, 3, 4};
  auto png = encodePng(image);
  ASSERT_TRUE(png.ok());
  expectOneLineError(loadGltf(dir.write("picture.gltf", *png)), "picture.gltf", "not a glTF file");
  expectOneLineError(loadGltf(dir.write("picture.glb", *png)), "picture.glb", "not a binary glTF file");
}

TEST(GltfBadInput, RandomText) {
  TempDir dir;
  expectOneLineError(loadFile(dir, "notes.gltf", "hello, this is not JSON\nat all\n"), "notes.gltf",
                     "not a glTF file");
}

TEST(GltfBadInput, JsonSyntaxError) {
  TempDir dir;
  expectOneLineError(
      loadFile(dir, "syntax.gltf", "{\"asset\": {\"version\": \"2.0\"},\n \"nodes\": [1, 2,, ]}"),
      "syntax.gltf", "JSON parse error at line 2");
}

TEST(GltfBadInput, MissingAsset) {
  TempDir dir;
  expectOneLineError(loadFile(dir, "noasset.gltf", "{\"nodes\": []}"), "noasset.gltf", "\"asset\"");
}

TEST(GltfBadInput, TruncatedGlb) {
  TempDir dir;
  auto glb = writeGltfToMemory(cx::testing::litCube(), "cube.glb");
  ASSERT_TRUE(glb.ok());
  std::vector<uint8_t> half(glb->begin(), glb->begin() + long(glb->size() / 2));
  expectOneLineError(loadGltf(dir.write("cut.glb", half)), "cut.glb", "truncated binary glTF");
  std::vector<uint8_t> header(glb->begin(), glb->begin() + 7);
  expectOneLineError(loadGltf(dir.write("tiny.glb", header)), "tiny.glb", "truncated binary glTF");
}

TEST(GltfBadInput, GlbWithLyingChunkLength) {
  auto glb = writeGltfToMemory(cx::testing::litCube(), "cube.glb");
  ASSERT_TRUE(glb.ok());
  std::vector<uint8_t> bytes = *glb;
  uint32_t jsonLength;
  std::memcpy(&jsonLength, bytes.data() + 12, 4);
  uint32_t huge = 0x7ffffff0u;
  std::memcpy(bytes.data() + 20 + jsonLength, &huge, 4);  // BIN chunk length
  expectOneLineError(loadGltfFromMemory(bytes, "liar.glb", {}), "liar.glb", "BIN chunk");
}

TEST(GltfBadInput, AttributeAccessorIndexOutOfRange) {
  TempDir dir;
  GltfBuilder b = validTriangle();
  b.doc["meshes"][0]["primitives"][0]["attributes"]["NORMAL"] = 99;
  expectOneLineError(loadFile(dir, "idx.gltf", b.dump()), "idx.gltf",
                     "meshes[0].primitives[0].attributes.NORMAL: accessors[99] does not exist (2 accessors)");
}

TEST(GltfBadInput, IndicesAccessorOutOfRange) {
  TempDir dir;
  GltfBuilder b = validTriangle();
  b.doc["meshes"][0]["primitives"][0]["indices"] = 7;
  expectOneLineError(loadFile(dir, "ind.gltf", b.dump()), "ind.gltf", "accessor");
}

TEST(GltfBadInput, AccessorRunsPastItsBufferView) {
  TempDir dir;
  GltfBuilder b = validTriangle();
  b.doc["accessors"][0]["count"] = 120;
  expectOneLineError(loadFile(dir, "acc.gltf", b.dump()), "acc.gltf",
                     "accessors[0]: count 120 with stride 12 runs past bufferViews[0] (36 bytes)");
  b.doc["accessors"][0]["count"] = 3;
  b.doc["accessors"][0]["byteOffset"] = 4;
  expectOneLineError(loadFile(dir, "off.gltf", b.dump()), "off.gltf", "accessors[0]: byteOffset 4 + count 3");
}

TEST(GltfBadInput, BufferViewRunsPastItsBuffer) {
  TempDir dir;
  GltfBuilder b = validTriangle();
  b.doc["bufferViews"][0]["byteLength"] = 4096;
  expectOneLineError(loadFile(dir, "view.gltf", b.dump()), "view.gltf",
                     "bufferViews[0]: byteOffset 0 + byteLength 4096 runs past buffers[0]");
}

TEST(GltfBadInput, BufferViewNamesMissingBuffer) {
  TempDir dir;
  GltfBuilder b = validTriangle();
  b.doc["bufferViews"][1]["buffer"] = 3;
  expectOneLineError(loadFile(dir, "buf.gltf", b.dump()), "buf.gltf",
                     "bufferViews[1]: buffers[3] does not exist");
}

TEST(GltfBadInput, IndexValueOutOfRange) {
  TempDir dir;
  GltfBuilder b;
  int pos = b.addAccessor(trianglePositions(), kFloat, "VEC3", 3);
  std::vector<uint16_t> indices = {0, 1, 300};
  int idx = b.addAccessor(indices, kUShort, "SCALAR", 3);
  b.singleMesh({{"attributes", {{"POSITION", pos}}}, {"indices", idx}});
  expectOneLineError(loadFile(dir, "range.gltf", b.dump()), "range.gltf",
                     "meshes[0].primitives[0].indices: index 300 at position 2 is out of range (3 vertices)");
}

TEST(GltfBadInput, WrongAttributeType) {
  TempDir dir;
  GltfBuilder b = validTriangle();
  std::vector<float> normals = {0, 0, 0, 0, 0, 0};
  int n = b.addAccessor(normals, kFloat, "VEC2", 3);
  b.doc["meshes"][0]["primitives"][0]["attributes"]["NORMAL"] = n;
  expectOneLineError(loadFile(dir, "type.gltf", b.dump()), "type.gltf",
                     "accessors[2] is VEC2 FLOAT, expected VEC3");
}

TEST(GltfBadInput, AttributeCountMismatch) {
  TempDir dir;
  GltfBuilder b = validTriangle();
  std::vector<float> uvs = {0, 0, 1, 1};
  b.doc["meshes"][0]["primitives"][0]["attributes"]["TEXCOORD_0"] = b.addAccessor(uvs, kFloat, "VEC2", 2);
  expectOneLineError(loadFile(dir, "count.gltf", b.dump()), "count.gltf",
                     "count 2 differs from POSITION count 3");
}

TEST(GltfBadInput, NonFinitePosition) {
  TempDir dir;
  GltfBuilder b;
  std::vector<float> positions = trianglePositions();
  positions[4] = std::numeric_limits<float>::infinity();
  b.singleMesh({{"attributes", {{"POSITION", b.addAccessor(positions, kFloat, "VEC3", 3)}}}});
  expectOneLineError(loadFile(dir, "inf.gltf", b.dump()), "inf.gltf",
                     "accessors[0]: element 1 is not a finite number");
}

TEST(GltfBadInput, MaterialAndTextureReferencesOutOfRange) {
  TempDir dir;
  GltfBuilder b = validTriangle();
  b.doc["meshes"][0]["primitives"][0]["material"] = 4;
  expectOneLineError(loadFile(dir, "mat.gltf", b.dump()), "mat.gltf",
                     "materials[4] does not exist (0 materials)");

  b.doc["meshes"][0]["primitives"][0]["material"] = 0;
  b.doc["materials"] = json::array({{{"pbrMetallicRoughness", {{"baseColorTexture", {{"index", 2}}}}}}});
  expectOneLineError(loadFile(dir, "tex.gltf", b.dump()), "tex.gltf",
                     "materials[0].pbrMetallicRoughness.baseColorTexture: textures[2] does not exist");

  b.doc["textures"] = json::array({{{"source", 0}}, {{"source", 0}}, {{"source", 5}}});
  expectOneLineError(loadFile(dir, "src.gltf", b.dump()), "src.gltf",
                     "textures[2]: source images[5] does not exist");
}

TEST(GltfBadInput, NodeReferencesAndCycles) {
  TempDir dir;
  GltfBuilder b = validTriangle();
  b.doc["nodes"] = json::array({{{"children", {1}}}, {{"children", {0}}, {"mesh", 0}}});
  b.doc["scenes"] = json::array({{{"nodes", {0}}}});
  expectOneLineError(loadFile(dir, "cycle.gltf", b.dump()), "cycle.gltf", "nodes[0]");

  b.doc["nodes"] = json::array({{{"children", {0}}}});
  expectOneLineError(loadFile(dir, "self.gltf", b.dump()), "self.gltf",
                     "nodes[0].children: node is its own child");

  b.doc["nodes"] = json::array({{{"mesh", 9}}});
  expectOneLineError(loadFile(dir, "mesh.gltf", b.dump()), "mesh.gltf", "nodes[0]: meshes[9] does not exist");

  b.doc["nodes"] = json::array({{{"mesh", 0}}});
  b.doc["scenes"] = json::array({{{"nodes", {0, 4}}}});
  expectOneLineError(loadFile(dir, "root.gltf", b.dump()), "root.gltf",
                     "scenes[0].nodes: nodes[4] does not exist");

  b.doc["scenes"] = json::array({{{"nodes", {0}}}});
  b.doc["scene"] = 2;
  expectOneLineError(loadFile(dir, "scene.gltf", b.dump()), "scene.gltf", "scene: scenes[2] does not exist");

  b.doc["scene"] = 0;
  b.doc["nodes"] = json::array({{{"mesh", 0}, {"matrix", {1, 2, 3}}}});
  expectOneLineError(loadFile(dir, "matrix.gltf", b.dump()), "matrix.gltf",
                     "matrix has 3 numbers, expected 16");
}

TEST(GltfBadInput, LongNodeChainDoesNotOverflowTheStack) {
  GltfBuilder b = validTriangle();
  const int depth = 20000;
  b.doc["nodes"] = json::array();
  for (int i = 0; i < depth; ++i) {
    json node = {{"mesh", 0}};
    if (i + 1 < depth) node["children"] = {i + 1};
    b.doc["nodes"].push_back(node);
  }
  std::string text = b.dump();
  auto model = loadGltfFromMemory(std::vector<uint8_t>(text.begin(), text.end()), "deep.gltf", {});
  ASSERT_TRUE(model.ok()) << model.message();
  EXPECT_EQ(model->instances.size(), size_t(depth));
}

TEST(GltfBadInput, MissingExternalImage) {
  TempDir dir;
  GltfBuilder b = validTriangle();
  b.doc["images"] = json::array({{{"uri", "missing_texture.png"}}});
  expectOneLineError(loadFile(dir, "img.gltf", b.dump()), "img.gltf",
                     "images[0]: cannot read \"missing_texture.png\": no such file");
}

TEST(GltfBadInput, ExternalFilesOutsideTheModelDirectoryAreRefused) {
  TempDir dir;
  Image image;
  image.width = image.height = 1;
  image.rgba8 = {1, 2, 3, 4};
  dir.write("secret.png", *encodePng(image));
  std::filesystem::create_directories(dir.path / "model");
  GltfBuilder b = validTriangle();
  b.doc["images"] = json::array({{{"uri", "../secret.png"}}});
  expectOneLineError(loadFile(dir, "model/escape.gltf", b.dump()), "escape.gltf",
                     "images[0]: cannot read \"../secret.png\": outside the model's directory");
}

TEST(GltfBadInput, MissingExternalBuffer) {
  TempDir dir;
  GltfBuilder b = validTriangle();
  json doc = b.doc;
  doc["buffers"] = json::array({{{"byteLength", b.bin.size()}, {"uri", "missing.bin"}}});
  expectOneLineError(loadFile(dir, "bin.gltf", doc.dump()), "bin.gltf", "missing.bin");
}

TEST(GltfBadInput, ImageThatIsNotAnImage) {
  TempDir dir;
  GltfBuilder b = validTriangle();
  dir.write("fake.png", std::string("this is text, not pixels"));
  b.doc["images"] = json::array({{{"uri", "fake.png"}}});
  expectOneLineError(loadFile(dir, "fake.gltf", b.dump()), "fake.gltf", "images[0]: not a PNG or JPEG image");

  std::vector<uint8_t> brokenPng = {0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 'I', 'H'};
  b.doc["images"] = json::array({{{"uri", "data:image/png;base64," + base64(brokenPng)}}});
  expectOneLineError(loadFile(dir, "broken.gltf", b.dump()), "broken.gltf", "images[0]: cannot decode");
}

TEST(GltfBadInput, ImageBufferViewOutOfRange) {
  TempDir dir;
  GltfBuilder b = validTriangle();
  b.doc["images"] = json::array({{{"bufferView", 8}, {"mimeType", "image/png"}}});
  expectOneLineError(loadFile(dir, "imgview.gltf", b.dump()), "imgview.gltf",
                     "image[0] bufferView \"8\" not found");
}

TEST(GltfBadInput, UnsupportedRequiredExtension) {
  TempDir dir;
  GltfBuilder b = validTriangle();
  b.doc["extensionsUsed"] = {"KHR_draco_mesh_compression"};
  b.doc["extensionsRequired"] = {"KHR_draco_mesh_compression"};
  expectOneLineError(loadFile(dir, "draco.gltf", b.dump()), "draco.gltf",
                     "extensionsRequired: unsupported extension \"KHR_draco_mesh_compression\"");
}

TEST(GltfBadInput, FileOverTheSizeLimit) {
  TempDir dir;
  GltfLoadOptions options;
  options.maxFileBytes = 64;
  expectOneLineError(loadGltf(dir.write("big.gltf", validTriangle().dump()), options), "big.gltf",
                     "over the limit");
}

TEST(GltfBadInput, HugeCountWithoutBufferViewIsRefused) {
  TempDir dir;
  GltfBuilder b = validTriangle();
  b.doc["accessors"].push_back({{"componentType", kFloat}, {"type", "VEC3"}, {"count", 4000000000LL}});
  b.doc["meshes"][0]["primitives"][0]["attributes"]["POSITION"] = 2;
  b.doc["meshes"][0]["primitives"][0].erase("indices");
  expectOneLineError(loadFile(dir, "huge.gltf", b.dump()), "huge.gltf",
                     "accessors[2]: count 4000000000 is over");
}

TEST(GltfBadInput, SharedAccessorAmplificationHitsTheDecodedLimit) {
  GltfBuilder b = validTriangle();
  for (int i = 0; i < 50; ++i)
    b.doc["meshes"][0]["primitives"].push_back(b.doc["meshes"][0]["primitives"][0]);
  GltfLoadOptions options;
  options.maxDecodedBytes = 20 * 3 * sizeof(Vertex);  // room for 20 copies of the triangle
  std::string text = b.dump();
  expectOneLineError(
      loadGltfFromMemory(std::vector<uint8_t>(text.begin(), text.end()), "amp.gltf", {}, options), "amp.gltf",
      "meshes[0].primitives[");
  EXPECT_TRUE(loadGltfFromMemory(std::vector<uint8_t>(text.begin(), text.end()), "amp.gltf", {}).ok());
}

// Flipped, zeroed and truncated bytes anywhere in valid files: the loader returns (ok or one-line
// error) and never crashes; ASan/UBSan builds check the "no UB" part.
void fuzz(const std::vector<uint8_t>& valid, const std::string& name, int iterations, uint32_t seed) {
  std::mt19937 rng(seed);
  int failures = 0;
  for (int i = 0; i < iterations; ++i) {
    std::vector<uint8_t> bytes = valid;
    switch (rng() % 4) {
      case 0:
        bytes.resize(rng() % bytes.size());
        break;
      case 1:
        bytes[rng() % bytes.size()] ^= uint8_t(1u << (rng() % 8));
        break;
      case 2:
        for (int k = 0; k < 4; ++k) bytes[rng() % bytes.size()] = uint8_t(rng());
        break;
      default: {
        // Digits are where counts, offsets and indices live.
        size_t at = rng() % bytes.size();
        for (size_t j = at; j < bytes.size(); ++j)
          if (bytes[j] >= '0' && bytes[j] <= '9') {
            bytes[j] = uint8_t('0' + rng() % 10);
            break;
          }
      }
    }
    auto result = loadGltfFromMemory(bytes, name, {});
    if (!result) {
      ++failures;
      ASSERT_EQ(result.message().find('\n'), std::string::npos) << result.message();
      ASSERT_NE(result.message().find(name), std::string::npos) << result.message();
    }
  }
  EXPECT_GT(failures, 0);
}

TEST(GltfFuzz, DamagedGlbNeverCrashes) {
  auto glb = writeGltfToMemory(cx::testing::texturedQuad(), "quad.glb");
  ASSERT_TRUE(glb.ok());
  fuzz(*glb, "quad.glb", 1500, 1234);
}

TEST(GltfFuzz, DamagedGltfNeverCrashes) {
  auto gltf = writeGltfToMemory(cx::testing::multiNodeScene(), "scene.gltf", {.binary = false});
  ASSERT_TRUE(gltf.ok());
  fuzz(*gltf, "scene.gltf", 1500, 99);
}

TEST(GltfFuzz, EveryTruncationOfASmallGlb) {
  auto glb = writeGltfToMemory(cx::testing::litCube(), "cube.glb");
  ASSERT_TRUE(glb.ok());
  for (size_t n = 0; n < glb->size(); n += 7) {
    std::vector<uint8_t> cut(glb->begin(), glb->begin() + long(n));
    auto result = loadGltfFromMemory(cut, "cube.glb", {});
    EXPECT_FALSE(result.ok()) << "truncated at " << n;
  }
}

}  // namespace
}  // namespace cx::assets::test
