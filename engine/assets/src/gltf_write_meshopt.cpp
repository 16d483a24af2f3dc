// writeGltf's EXT_meshopt_compression pass. tinygltf can serialize neither bufferView extensions
// nor a buffer without data, so the pass rewrites the .glb tinygltf produced: vertex and index
// views are encoded with libmeshoptimizer into buffer 0 and point at a data-less fallback buffer 1.
#include <algorithm>
#include <cstring>

#include <meshoptimizer.h>
#include <nlohmann/json.hpp>

#include <tiny_gltf.h>

#include "gltf_internal.h"

namespace cx::assets::detail {
namespace {

constexpr int kArrayBuffer = 34962;
constexpr int kElementArrayBuffer = 34963;

uint32_t readU32(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

void appendU32(std::vector<uint8_t>& out, uint32_t v) {
  uint8_t b[4];
  std::memcpy(b, &v, 4);
  out.insert(out.end(), b, b + 4);
}

void pad4(std::vector<uint8_t>& out) {
  while (out.size() % 4 != 0) out.push_back(0);
}

size_t componentBytes(int componentType) {
  switch (componentType) {
    case 5120:
    case 5121:
      return 1;
    case 5122:
    case 5123:
      return 2;
    default:
      return 4;
  }
}

size_t componentsOf(const std::string& type) {
  if (type == "SCALAR") return 1;
  if (type == "VEC2") return 2;
  if (type == "VEC3") return 3;
  if (type == "VEC4") return 4;
  return 0;
}

}  // namespace

Result<std::vector<uint8_t>> compressGlbWithMeshopt(std::span<const uint8_t> glb, const std::string& name) {
  auto fail = [&](const std::string& problem) { return makeError(fmt::format("{}: meshopt: {}", name, problem)); };
  if (glb.size() < 20) return fail("not a binary glTF");
  const uint32_t jsonLength = readU32(glb.data() + 12);
  if (20 + size_t(jsonLength) > glb.size()) return fail("truncated JSON chunk");
  nlohmann::json doc = nlohmann::json::parse(glb.begin() + 20, glb.begin() + 20 + jsonLength, nullptr, false);
  if (doc.is_discarded()) return fail("JSON chunk does not parse");
  std::span<const uint8_t> bin;
  const size_t binStart = 20 + size_t(jsonLength);
  if (glb.size() >= binStart + 8) {
    const uint32_t binLength = readU32(glb.data() + binStart);
    if (binStart + 8 + size_t(binLength) > glb.size()) return fail("truncated BIN chunk");
    bin = glb.subspan(binStart + 8, binLength);
  }
  if (!doc.contains("bufferViews") || bin.empty()) return std::vector<uint8_t>(glb.begin(), glb.end());

  // Each vertex/index view of writeGltf holds exactly one tightly packed accessor.
  std::vector<const nlohmann::json*> accessorOfView(doc["bufferViews"].size(), nullptr);
  if (doc.contains("accessors"))
    for (const auto& a : doc["accessors"])
      if (a.contains("bufferView")) accessorOfView.at(a["bufferView"].get<size_t>()) = &a;

  std::vector<uint8_t> packed;
  uint64_t fallbackSize = 0;
  bool compressedAny = false;
  for (size_t i = 0; i < doc["bufferViews"].size(); ++i) {
    auto& view = doc["bufferViews"][i];
    const size_t offset = view.value("byteOffset", size_t(0));
    const size_t length = view["byteLength"].get<size_t>();
    if (offset > bin.size() || length > bin.size() - offset) return fail(fmt::format("bufferViews[{}] out of range", i));
    const uint8_t* data = bin.data() + offset;
    const int target = view.value("target", 0);
    const nlohmann::json* accessor = accessorOfView[i];
    size_t stride = 0, count = 0;
    if (accessor && (target == kArrayBuffer || target == kElementArrayBuffer)) {
      stride = componentBytes((*accessor)["componentType"].get<int>()) *
               componentsOf((*accessor)["type"].get<std::string>());
      count = (*accessor)["count"].get<size_t>();
    }
    const bool vertexData = target == kArrayBuffer && stride % 4 == 0 && stride > 0 && stride <= 256;
    const bool indexData = target == kElementArrayBuffer && (stride == 2 || stride == 4) && count % 3 == 0;
    if ((!vertexData && !indexData) || count * stride != length) {
      pad4(packed);
      view["byteOffset"] = packed.size();
      packed.insert(packed.end(), data, data + length);
      continue;
    }
    std::vector<uint8_t> encoded;
    if (vertexData) {
      encoded.resize(meshopt_encodeVertexBufferBound(count, stride));
      encoded.resize(meshopt_encodeVertexBuffer(encoded.data(), encoded.size(), data, count, stride));
      view["byteStride"] = stride;
    } else {
      std::vector<unsigned int> indices(count);
      size_t vertexCount = 0;
      for (size_t k = 0; k < count; ++k) {
        if (stride == 2) {
          uint16_t v;
          std::memcpy(&v, data + k * 2, 2);
          indices[k] = v;
        } else {
          std::memcpy(&indices[k], data + k * 4, 4);
        }
        vertexCount = std::max(vertexCount, size_t(indices[k]) + 1);
      }
      encoded.resize(meshopt_encodeIndexBufferBound(count, vertexCount));
      encoded.resize(meshopt_encodeIndexBuffer(encoded.data(), encoded.size(), indices.data(), count));
    }
    if (encoded.empty()) return fail(fmt::format("bufferViews[{}] could not be encoded", i));
    pad4(packed);
    view["extensions"]["EXT_meshopt_compression"] = {{"buffer", 0},
                                                     {"byteOffset", packed.size()},
                                                     {"byteLength", encoded.size()},
                                                     {"byteStride", stride},
                                                     {"count", count},
                                                     {"mode", vertexData ? "ATTRIBUTES" : "TRIANGLES"}};
    packed.insert(packed.end(), encoded.begin(), encoded.end());
    view["buffer"] = 1;
    view["byteOffset"] = fallbackSize;
    fallbackSize += (length + 3) / 4 * 4;
    compressedAny = true;
  }
  if (!compressedAny) return std::vector<uint8_t>(glb.begin(), glb.end());
  pad4(packed);
  doc["buffers"][0]["byteLength"] = packed.size();
  doc["buffers"].push_back(
      {{"byteLength", fallbackSize}, {"extensions", {{"EXT_meshopt_compression", {{"fallback", true}}}}}});
  for (const char* list : {"extensionsUsed", "extensionsRequired"}) {
    auto& names = doc[list];
    if (std::find(names.begin(), names.end(), "EXT_meshopt_compression") == names.end())
      names.push_back("EXT_meshopt_compression");
  }

  std::string json = doc.dump();
  while (json.size() % 4 != 0) json += ' ';
  std::vector<uint8_t> out;
  out.reserve(28 + json.size() + packed.size());
  out.insert(out.end(), {'g', 'l', 'T', 'F'});
  appendU32(out, 2);
  appendU32(out, uint32_t(20 + json.size() + 8 + packed.size()));
  appendU32(out, uint32_t(json.size()));
  appendU32(out, 0x4E4F534Au);
  out.insert(out.end(), json.begin(), json.end());
  appendU32(out, uint32_t(packed.size()));
  appendU32(out, 0x004E4942u);
  out.insert(out.end(), packed.begin(), packed.end());
  return out;
}

}  // namespace cx::assets::detail
