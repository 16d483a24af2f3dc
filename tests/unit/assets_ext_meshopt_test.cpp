// EXT_meshopt_compression: data encoded here with libmeshoptimizer's encoders, decoded through the
// loader and compared with the input (bit-exact where the codec is lossless, against the library's
// own filter decoders where it is not); the writer's compressed output; malformed input.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstring>

#include <meshoptimizer.h>

#include "assets_gltf_builder.h"
#include "cx/assets/gltf.h"
#include "test_models.h"

namespace cx::assets::test {
namespace {
using nlohmann::json;

Result<Model> loadMeshoptGltf(const std::string& text, const std::string& name = "meshopt.gltf") {
  std::vector<uint8_t> bytes(text.begin(), text.end());
  return loadGltfFromMemory(bytes, name, {});
}

// A glTF with buffer 0 holding compressed streams and buffer 1 a data-less fallback buffer that
// the compressed bufferViews decode into.
struct MeshoptBuilder {
  json doc = {{"asset", {{"version", "2.0"}}},
              {"extensionsUsed", {"EXT_meshopt_compression", "KHR_mesh_quantization"}},
              {"extensionsRequired", {"EXT_meshopt_compression", "KHR_mesh_quantization"}}};
  std::vector<uint8_t> compressed;
  size_t fallbackSize = 0;

  // Adds a compressed bufferView of `count` elements of `stride` bytes; returns its index.
  int addView(const std::vector<uint8_t>& encoded, size_t count, size_t stride, const char* mode,
              const char* filter = "NONE", bool vertexStride = true) {
    while (compressed.size() % 4) compressed.push_back(0);
    json ext = {{"buffer", 0},        {"byteOffset", compressed.size()}, {"byteLength", encoded.size()},
                {"byteStride", stride}, {"count", count},                  {"mode", mode}};
    if (std::string(filter) != "NONE") ext["filter"] = filter;
    compressed.insert(compressed.end(), encoded.begin(), encoded.end());
    json view = {{"buffer", 1},
                 {"byteOffset", fallbackSize},
                 {"byteLength", count * stride},
                 {"extensions", {{"EXT_meshopt_compression", ext}}}};
    if (vertexStride && std::string(mode) == "ATTRIBUTES") view["byteStride"] = stride;
    fallbackSize += (count * stride + 3) / 4 * 4;
    doc["bufferViews"].push_back(view);
    return int(doc["bufferViews"].size() - 1);
  }

  int addAccessor(int view, int componentType, const char* type, size_t count, bool normalized = false) {
    json a = {{"bufferView", view}, {"componentType", componentType}, {"type", type}, {"count", count}};
    if (normalized) a["normalized"] = true;
    doc["accessors"].push_back(a);
    return int(doc["accessors"].size() - 1);
  }

  std::string dump() {
    json d = doc;
    d["buffers"] = json::array(
        {{{"byteLength", compressed.size()}, {"uri", "data:application/octet-stream;base64," + base64(compressed)}},
         {{"byteLength", fallbackSize}, {"extensions", {{"EXT_meshopt_compression", {{"fallback", true}}}}}}});
    d["meshes"] = json::array({{{"primitives", json::array({primitive})}}});
    d["nodes"] = json::array({{{"mesh", 0}}});
    d["scenes"] = json::array({{{"nodes", {0}}}});
    d["scene"] = 0;
    return d.dump();
  }
  json primitive = json::object();
};

template <class T>
std::vector<uint8_t> encodeVertices(const std::vector<T>& data, size_t count, size_t stride) {
  std::vector<uint8_t> out(meshopt_encodeVertexBufferBound(count, stride));
  out.resize(meshopt_encodeVertexBuffer(out.data(), out.size(), data.data(), count, stride));
  return out;
}

// A 4x4 grid of vertices in the z = 0 plane and its 18 triangles.
struct Grid {
  std::vector<float> positions;
  std::vector<float> normals = std::vector<float>(16 * 3, 0.0f);
  std::vector<uint32_t> indices;
  Grid() {
    for (size_t i = 0; i < 16; ++i) normals[i * 3 + 2] = 1.0f;
    for (int y = 0; y < 4; ++y)
      for (int x = 0; x < 4; ++x) positions.insert(positions.end(), {x * 0.25f, y * 0.5f + 0.125f, 0.0f});
    for (uint32_t y = 0; y < 3; ++y)
      for (uint32_t x = 0; x < 3; ++x) {
        uint32_t i = y * 4 + x;
        indices.insert(indices.end(), {i, i + 1, i + 5, i, i + 5, i + 4});
      }
  }
};

TEST(GltfMeshopt, AttributesAndTrianglesRoundTripExactly) {
  Grid grid;
  MeshoptBuilder b;
  int posView = b.addView(encodeVertices(grid.positions, 16, 12), 16, 12, "ATTRIBUTES");
  int pos = b.addAccessor(posView, kFloat, "VEC3", 16);
  b.doc["accessors"][pos]["min"] = {0, 0.125, 0};
  b.doc["accessors"][pos]["max"] = {0.75, 1.625, 0};
  std::vector<uint16_t> idx16(grid.indices.begin(), grid.indices.end());
  std::vector<uint8_t> encodedIdx(meshopt_encodeIndexBufferBound(idx16.size(), 16));
  encodedIdx.resize(
      meshopt_encodeIndexBuffer(encodedIdx.data(), encodedIdx.size(), grid.indices.data(), grid.indices.size()));
  int idxView = b.addView(encodedIdx, idx16.size(), 2, "TRIANGLES");
  int idx = b.addAccessor(idxView, kUShort, "SCALAR", idx16.size());
  int nrm = b.addAccessor(b.addView(encodeVertices(grid.normals, 16, 12), 16, 12, "ATTRIBUTES"), kFloat, "VEC3", 16);
  b.primitive = {{"attributes", {{"POSITION", pos}, {"NORMAL", nrm}}}, {"indices", idx}};
  auto model = loadMeshoptGltf(b.dump());
  ASSERT_TRUE(model.ok()) << model.message();
  const Primitive& p = model->meshes[0].primitives[0];
  ASSERT_EQ(p.vertices.size(), 16u);
  for (size_t i = 0; i < 16; ++i)
    EXPECT_EQ(p.vertices[i].position, glm::vec3(grid.positions[i * 3], grid.positions[i * 3 + 1], 0.0f)) << i;
  // The index codec may rotate a triangle's vertices but keeps each triangle's winding.
  ASSERT_EQ(p.indices.size(), grid.indices.size());
  for (size_t t = 0; t < grid.indices.size(); t += 3) {
    std::array<uint32_t, 3> want{grid.indices[t], grid.indices[t + 1], grid.indices[t + 2]};
    std::array<uint32_t, 3> got{p.indices[t], p.indices[t + 1], p.indices[t + 2]};
    while (got[0] != want[0] && !(got == want)) std::rotate(got.begin(), got.begin() + 1, got.end());
    EXPECT_EQ(got, want) << "triangle " << t / 3;
  }
}

TEST(GltfMeshopt, IndexSequenceRoundTripsExactly) {
  Grid grid;
  MeshoptBuilder b;
  int pos = b.addAccessor(b.addView(encodeVertices(grid.positions, 16, 12), 16, 12, "ATTRIBUTES"), kFloat, "VEC3", 16);
  std::vector<uint8_t> encoded(meshopt_encodeIndexSequenceBound(grid.indices.size(), 16));
  encoded.resize(
      meshopt_encodeIndexSequence(encoded.data(), encoded.size(), grid.indices.data(), grid.indices.size()));
  int idx = b.addAccessor(b.addView(encoded, grid.indices.size(), 4, "INDICES"), kUInt, "SCALAR", grid.indices.size());
  int nrm = b.addAccessor(b.addView(encodeVertices(grid.normals, 16, 12), 16, 12, "ATTRIBUTES"), kFloat, "VEC3", 16);
  b.primitive = {{"attributes", {{"POSITION", pos}, {"NORMAL", nrm}}}, {"indices", idx}};
  auto model = loadMeshoptGltf(b.dump());
  ASSERT_TRUE(model.ok()) << model.message();
  EXPECT_EQ(model->meshes[0].primitives[0].indices, grid.indices);
}

TEST(GltfMeshopt, FiltersDecodeLikeTheLibrary) {
  Grid grid;
  MeshoptBuilder b;
  // EXPONENTIAL positions (lossy: compare with the library's own decode of the same bytes).
  std::vector<uint32_t> expPositions(16 * 3);
  meshopt_encodeFilterExp(expPositions.data(), 16, 12, 15, grid.positions.data());
  std::vector<uint32_t> expDecoded = expPositions;
  meshopt_decodeFilterExp(expDecoded.data(), 16, 12);
  int pos = b.addAccessor(b.addView(encodeVertices(expPositions, 16, 12), 16, 12, "ATTRIBUTES", "EXPONENTIAL"),
                          kFloat, "VEC3", 16);
  // OCTAHEDRAL normals as 4 x int8, normalized.
  std::vector<float> normals;
  for (int i = 0; i < 16; ++i) {
    glm::vec3 n = glm::normalize(glm::vec3(std::sin(i * 0.4f), std::cos(i * 0.7f), 0.6f));
    normals.insert(normals.end(), {n.x, n.y, n.z, 0.0f});
  }
  std::vector<int8_t> octNormals(16 * 4);
  meshopt_encodeFilterOct(octNormals.data(), 16, 4, 8, normals.data());
  std::vector<int8_t> octDecoded = octNormals;
  meshopt_decodeFilterOct(octDecoded.data(), 16, 4);
  int nrm = b.addAccessor(b.addView(encodeVertices(octNormals, 16, 4), 16, 4, "ATTRIBUTES", "OCTAHEDRAL"), kByte,
                          "VEC3", 16, true);
  // QUATERNION: no mesh attribute is a rotation, so a unit quaternion stream stands in for TANGENT
  // (4 x int16 normalized) to observe the filter's output.
  std::vector<float> quats;
  for (int i = 0; i < 16; ++i) {
    glm::vec4 q = glm::normalize(glm::vec4(0.1f * i, 0.5f, -0.3f, 1.0f));
    quats.insert(quats.end(), {q.x, q.y, q.z, q.w});
  }
  std::vector<int16_t> quatData(16 * 4);
  meshopt_encodeFilterQuat(quatData.data(), 16, 8, 12, quats.data());
  std::vector<int16_t> quatDecoded = quatData;
  meshopt_decodeFilterQuat(quatDecoded.data(), 16, 8);
  int tan = b.addAccessor(b.addView(encodeVertices(quatData, 16, 8), 16, 8, "ATTRIBUTES", "QUATERNION"), kShort,
                          "VEC4", 16, true);
  b.primitive = {{"attributes", {{"POSITION", pos}, {"NORMAL", nrm}, {"TANGENT", tan}}}};

  auto model = loadMeshoptGltf(b.dump());
  ASSERT_TRUE(model.ok()) << model.message();
  const auto& v = model->meshes[0].primitives[0].vertices;
  ASSERT_EQ(v.size(), 16u);
  for (size_t i = 0; i < 16; ++i) {
    float want[3];
    std::memcpy(want, &expDecoded[i * 3], 12);
    EXPECT_EQ(v[i].position, glm::vec3(want[0], want[1], want[2])) << i;
    EXPECT_NEAR(v[i].position.y, grid.positions[i * 3 + 1], 1e-3f);
    glm::vec3 n(std::max(octDecoded[i * 4] / 127.0f, -1.0f), std::max(octDecoded[i * 4 + 1] / 127.0f, -1.0f),
                std::max(octDecoded[i * 4 + 2] / 127.0f, -1.0f));
    EXPECT_NEAR(glm::dot(glm::normalize(v[i].normal), glm::normalize(n)), 1.0f, 1e-5f) << i;
    EXPECT_NEAR(glm::dot(glm::normalize(v[i].normal), glm::vec3(normals[i * 4], normals[i * 4 + 1], normals[i * 4 + 2])),
                1.0f, 2e-3f)
        << i;
    glm::vec4 q(quatDecoded[i * 4] / 32767.0f, quatDecoded[i * 4 + 1] / 32767.0f, quatDecoded[i * 4 + 2] / 32767.0f,
                quatDecoded[i * 4 + 3] < 0 ? -1.0f : 1.0f);
    EXPECT_EQ(v[i].tangent, q) << i;
    EXPECT_NEAR(v[i].tangent.y, quats[i * 4 + 1], 2e-3f) << i;
  }
}

TEST(GltfMeshopt, WriterOutputLoadsLikeTheUncompressedFile) {
  Model source = testing::multiNodeScene();
  auto plain = writeGltfToMemory(source, "plain.glb");
  auto packed = writeGltfToMemory(source, "packed.glb", {.meshoptCompression = true});
  ASSERT_TRUE(plain.ok()) << plain.message();
  ASSERT_TRUE(packed.ok()) << packed.message();
  uint32_t jsonLength = 0;
  std::memcpy(&jsonLength, packed->data() + 12, 4);
  std::string json(packed->begin() + 20, packed->begin() + 20 + jsonLength);
  EXPECT_NE(json.find("\"extensionsRequired\":[\"EXT_meshopt_compression\"]"), std::string::npos) << json;
  std::printf("multiNodeScene: %zu bytes plain, %zu bytes with EXT_meshopt_compression\n", plain->size(),
              packed->size());
  auto a = loadGltfFromMemory(*plain, "plain.glb", {});
  auto b = loadGltfFromMemory(*packed, "packed.glb", {});
  ASSERT_TRUE(a.ok()) << a.message();
  ASSERT_TRUE(b.ok()) << b.message();
  ASSERT_EQ(a->meshes.size(), b->meshes.size());
  for (size_t m = 0; m < a->meshes.size(); ++m)
    for (size_t p = 0; p < a->meshes[m].primitives.size(); ++p) {
      const Primitive& pa = a->meshes[m].primitives[p];
      const Primitive& pb = b->meshes[m].primitives[p];
      ASSERT_EQ(pa.vertices.size(), pb.vertices.size());
      EXPECT_EQ(std::memcmp(pa.vertices.data(), pb.vertices.data(), pa.vertices.size() * sizeof(Vertex)), 0);
      EXPECT_EQ(pa.indices.size(), pb.indices.size());
    }
  EXPECT_FALSE(writeGltfToMemory(source, "x.gltf", {.binary = false, .meshoptCompression = true}).ok());
}

TEST(GltfMeshopt, MalformedStreamsFailWithOneLine) {
  Grid grid;
  auto build = [&](auto&& edit) {
    MeshoptBuilder b;
    int view = b.addView(encodeVertices(grid.positions, 16, 12), 16, 12, "ATTRIBUTES");
    b.primitive = {{"attributes", {{"POSITION", b.addAccessor(view, kFloat, "VEC3", 16)}}}};
    edit(b);
    return loadMeshoptGltf(b.dump(), "broken.gltf");
  };
  expectOneLineError(build([](MeshoptBuilder& b) { std::fill(b.compressed.begin() + 1, b.compressed.end(), 0xff); }),
                     "broken.gltf", "bufferViews[0].extensions.EXT_meshopt_compression: ATTRIBUTES data is malformed");
  expectOneLineError(build([](MeshoptBuilder& b) { b.compressed.resize(8); }), "broken.gltf",
                     "runs past buffers[0]");
  expectOneLineError(build([](MeshoptBuilder& b) {
                       b.doc["bufferViews"][0]["extensions"]["EXT_meshopt_compression"]["byteStride"] = 6;
                     }),
                     "broken.gltf", "byteStride 6 must be a multiple of 4");
  expectOneLineError(build([](MeshoptBuilder& b) {
                       b.doc["bufferViews"][0]["extensions"]["EXT_meshopt_compression"]["mode"] = "SPIRAL";
                     }),
                     "broken.gltf", "unknown mode \"SPIRAL\"");
  expectOneLineError(build([](MeshoptBuilder& b) {
                       b.doc["bufferViews"][0]["extensions"]["EXT_meshopt_compression"]["filter"] = "QUATERNION";
                     }),
                     "broken.gltf", "byteStride 12 must be 8 for QUATERNION");
  expectOneLineError(build([](MeshoptBuilder& b) {
                       b.doc["bufferViews"][0]["extensions"]["EXT_meshopt_compression"]["count"] = 1000;
                     }),
                     "broken.gltf", "is larger than the bufferView's byteLength");
  expectOneLineError(build([](MeshoptBuilder& b) {
                       b.doc["bufferViews"][0]["extensions"]["EXT_meshopt_compression"]["buffer"] = 7;
                     }),
                     "broken.gltf", "buffers[7] does not exist");
}

TEST(GltfMeshopt, UnsupportedRequiredExtensionIsNamed) {
  Grid grid;
  MeshoptBuilder b;
  int view = b.addView(encodeVertices(grid.positions, 16, 12), 16, 12, "ATTRIBUTES");
  b.primitive = {{"attributes", {{"POSITION", b.addAccessor(view, kFloat, "VEC3", 16)}}}};
  b.doc["extensionsUsed"].push_back("KHR_draco_mesh_compression");
  b.doc["extensionsRequired"].push_back("KHR_draco_mesh_compression");
  expectOneLineError(loadMeshoptGltf(b.dump(), "draco.gltf"), "draco.gltf",
                     "unsupported extension \"KHR_draco_mesh_compression\"");
}

// Used but not required, with real fallback data: the compressed stream still wins.
TEST(GltfMeshopt, FallbackBufferWithDataIsReplacedByTheDecodedStream) {
  Grid grid;
  MeshoptBuilder b;
  int view = b.addView(encodeVertices(grid.positions, 16, 12), 16, 12, "ATTRIBUTES");
  b.primitive = {{"attributes", {{"POSITION", b.addAccessor(view, kFloat, "VEC3", 16)}}}};
  b.doc["extensionsRequired"] = json::array();
  json d = json::parse(b.dump());
  std::vector<uint8_t> zeros(b.fallbackSize, 0);  // a fallback that would draw everything at the origin
  d["buffers"][1] = {{"byteLength", zeros.size()}, {"uri", "data:application/octet-stream;base64," + base64(zeros)}};
  auto model = loadMeshoptGltf(d.dump());
  ASSERT_TRUE(model.ok()) << model.message();
  EXPECT_EQ(model->meshes[0].primitives[0].vertices[5].position, glm::vec3(0.25f, 0.625f, 0.0f));
}

}  // namespace
}  // namespace cx::assets::test
