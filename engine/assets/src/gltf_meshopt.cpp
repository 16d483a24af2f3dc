// EXT_meshopt_compression: compressed bufferViews decoded with libmeshoptimizer.
//
// A compressed bufferView names its uncompressed place (buffer, byteOffset, byteLength) as usual;
// that buffer is often a "fallback" buffer without data (no uri, extension flag fallback: true).
// tinygltf refuses such buffers, so before parsing the loader gives them a placeholder uri that
// its file callbacks serve as zeros; decodeMeshopt then writes the decoded bytes into that place,
// and every accessor reads them like any other bufferView.
#include <algorithm>
#include <cstring>
#include <string_view>

#include <meshoptimizer.h>
#include <nlohmann/json.hpp>

#include <tiny_gltf.h>

#include "gltf_internal.h"

namespace cx::assets::detail {
namespace {

constexpr std::string_view kExtension = "EXT_meshopt_compression";

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

struct ExtFields {
  int buffer = -1;
  uint64_t byteOffset = 0;
  uint64_t byteLength = 0;
  uint64_t byteStride = 0;
  uint64_t count = 0;
  std::string mode;
  std::string filter = "NONE";
};

Result<ExtFields> readFields(const LoadContext& ctx, const tinygltf::Value& ext, const std::string& place) {
  if (!ext.IsObject()) return ctx.error(place, "is not an object");
  ExtFields f;
  auto integer = [&](const char* key, bool required, uint64_t& out) -> Status {
    if (!ext.Has(key)) {
      if (required) return ctx.error(place, fmt::format("\"{}\" is missing", key));
      return {};
    }
    const tinygltf::Value& v = ext.Get(key);
    const double d = v.IsNumber() ? v.GetNumberAsDouble() : -1.0;
    if (!(d >= 0.0) || d > 9.0e15 || d != double(uint64_t(d)))
      return ctx.error(place, fmt::format("\"{}\" is not a non-negative integer", key));
    out = uint64_t(d);
    return {};
  };
  uint64_t buffer = 0;
  for (auto [key, required, out] : {std::tuple{"buffer", true, &buffer}, {"byteOffset", false, &f.byteOffset},
                                    {"byteLength", true, &f.byteLength}, {"byteStride", true, &f.byteStride},
                                    {"count", true, &f.count}}) {
    if (auto st = integer(key, required, *out); !st) return st.error();
  }
  if (buffer >= ctx.doc.buffers.size())
    return ctx.error(place, fmt::format("buffers[{}] does not exist ({} buffers)", buffer, ctx.doc.buffers.size()));
  f.buffer = int(buffer);
  if (!ext.Has("mode") || !ext.Get("mode").IsString()) return ctx.error(place, "\"mode\" is missing");
  f.mode = ext.Get("mode").Get<std::string>();
  if (ext.Has("filter")) {
    if (!ext.Get("filter").IsString()) return ctx.error(place, "\"filter\" is not a string");
    f.filter = ext.Get("filter").Get<std::string>();
  }
  return f;
}

// Checks the combinations libmeshoptimizer asserts on, so bad files fail with a message.
Status checkShape(const LoadContext& ctx, const ExtFields& f, const std::string& place) {
  const uint64_t s = f.byteStride;
  if (f.mode == "ATTRIBUTES") {
    if (s == 0 || s > 256 || s % 4 != 0)
      return ctx.error(place, fmt::format("byteStride {} must be a multiple of 4 up to 256 for ATTRIBUTES", s));
  } else if (f.mode == "TRIANGLES" || f.mode == "INDICES") {
    if (s != 2 && s != 4) return ctx.error(place, fmt::format("byteStride {} must be 2 or 4 for {}", s, f.mode));
    if (f.mode == "TRIANGLES" && f.count % 3 != 0)
      return ctx.error(place, fmt::format("count {} is not a multiple of 3 for TRIANGLES", f.count));
    if (f.filter != "NONE") return ctx.error(place, fmt::format("filter {} needs mode ATTRIBUTES", f.filter));
  } else {
    return ctx.error(place, fmt::format("unknown mode \"{}\"", oneLine(f.mode, 40)));
  }
  if (f.filter == "OCTAHEDRAL") {
    if (s != 4 && s != 8) return ctx.error(place, fmt::format("byteStride {} must be 4 or 8 for OCTAHEDRAL", s));
  } else if (f.filter == "QUATERNION") {
    if (s != 8) return ctx.error(place, fmt::format("byteStride {} must be 8 for QUATERNION", s));
  } else if (f.filter != "NONE" && f.filter != "EXPONENTIAL") {
    return ctx.error(place, fmt::format("unknown filter \"{}\"", oneLine(f.filter, 40)));
  }
  return {};
}

}  // namespace

Result<MeshoptRewrite> rewriteMeshoptFallbacks(std::span<const uint8_t> bytes, bool binary, const std::string& file) {
  MeshoptRewrite out;
  const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  if (text.find(kExtension) == std::string_view::npos) return out;

  // The GLB framing was checked by the caller: the JSON chunk starts at byte 20.
  std::span<const uint8_t> json = bytes;
  if (binary) json = bytes.subspan(20, readU32(bytes.data() + 12));
  nlohmann::json doc = nlohmann::json::parse(json.begin(), json.end(), nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("buffers") || !doc["buffers"].is_array())
    return out;  // tinygltf reports malformed JSON with its own message

  auto& buffers = doc["buffers"];
  for (size_t i = 0; i < buffers.size(); ++i) {
    auto& buffer = buffers[i];
    if (!buffer.is_object() || buffer.contains("uri")) continue;
    const auto ext = buffer.find("extensions");
    if (ext == buffer.end() || !ext->is_object()) continue;
    const auto meshopt = ext->find(kExtension);
    if (meshopt == ext->end() || !meshopt->is_object() || meshopt->value("fallback", false) != true) continue;
    const auto length = buffer.find("byteLength");
    if (length == buffer.end() || !length->is_number_unsigned()) continue;  // tinygltf reports it
    std::string uri = fmt::format("{}{}.bin", kMeshoptPlaceholderPrefix, i);
    out.placeholders.emplace_back(uri, length->get<uint64_t>());
    buffer["uri"] = uri;
  }
  if (out.placeholders.empty()) return out;

  std::string newJson = doc.dump();
  if (!binary) {
    out.bytes.assign(newJson.begin(), newJson.end());
    return out;
  }
  while (newJson.size() % 4 != 0) newJson += ' ';
  if (newJson.size() > UINT32_MAX / 2) return makeError(fmt::format("{}: JSON chunk too large", file));
  const uint32_t length = readU32(bytes.data() + 8);
  const size_t oldJsonEnd = 20 + size_t(readU32(bytes.data() + 12));
  const size_t rest = length - oldJsonEnd;  // the BIN chunk with its header, if any
  out.bytes.reserve(20 + newJson.size() + rest);
  out.bytes.insert(out.bytes.end(), bytes.begin(), bytes.begin() + 8);
  appendU32(out.bytes, uint32_t(20 + newJson.size() + rest));
  appendU32(out.bytes, uint32_t(newJson.size()));
  appendU32(out.bytes, 0x4E4F534Au);
  out.bytes.insert(out.bytes.end(), newJson.begin(), newJson.end());
  out.bytes.insert(out.bytes.end(), bytes.begin() + oldJsonEnd, bytes.begin() + length);
  return out;
}

Status decodeMeshopt(LoadContext& ctx, tinygltf::Model& doc) {
  struct Decoded {
    size_t view;
    std::vector<uint8_t> data;
  };
  std::vector<Decoded> decoded;
  for (size_t i = 0; i < doc.bufferViews.size(); ++i) {
    const tinygltf::BufferView& bv = doc.bufferViews[i];
    auto it = bv.extensions.find(std::string(kExtension));
    if (it == bv.extensions.end()) continue;
    const std::string place = fmt::format("bufferViews[{}].extensions.{}", i, kExtension);
    auto fields = readFields(ctx, it->second, place);
    if (!fields) return fields.error();
    const ExtFields& f = *fields;
    if (auto st = checkShape(ctx, f, place); !st) return st;

    const std::vector<unsigned char>& source = doc.buffers[size_t(f.buffer)].data;
    if (f.byteOffset > source.size() || f.byteLength > source.size() - f.byteOffset)
      return ctx.error(place, fmt::format("byteOffset {} + byteLength {} runs past buffers[{}] ({} bytes)",
                                          f.byteOffset, f.byteLength, f.buffer, source.size()));
    if (f.count > ctx.options.maxFileBytes / f.byteStride)
      return ctx.error(place, fmt::format("count {} is over the size limit", f.count));
    const size_t size = size_t(f.count * f.byteStride);
    if (size > bv.byteLength)
      return ctx.error(place, fmt::format("count {} * byteStride {} is larger than the bufferView's byteLength {}",
                                          f.count, f.byteStride, bv.byteLength));
    if (bv.buffer < 0 || size_t(bv.buffer) >= doc.buffers.size())
      return ctx.error(fmt::format("bufferViews[{}]", i),
                       fmt::format("buffers[{}] does not exist ({} buffers)", bv.buffer, doc.buffers.size()));
    const size_t targetSize = doc.buffers[size_t(bv.buffer)].data.size();
    if (bv.byteOffset > targetSize || size > targetSize - bv.byteOffset)
      return ctx.error(fmt::format("bufferViews[{}]", i),
                       fmt::format("byteOffset {} + {} decoded bytes runs past buffers[{}] ({} bytes)", bv.byteOffset,
                                   size, bv.buffer, targetSize));
    if (auto st = ctx.chargeDecoded(place, size); !st) return st;

    std::vector<uint8_t> data(size);
    const unsigned char* src = source.data() + f.byteOffset;
    const size_t count = size_t(f.count), stride = size_t(f.byteStride), srcSize = size_t(f.byteLength);
    int rc = 0;
    if (f.mode == "ATTRIBUTES")
      rc = meshopt_decodeVertexBuffer(data.data(), count, stride, src, srcSize);
    else if (f.mode == "TRIANGLES")
      rc = meshopt_decodeIndexBuffer(data.data(), count, stride, src, srcSize);
    else
      rc = meshopt_decodeIndexSequence(data.data(), count, stride, src, srcSize);
    if (rc != 0) return ctx.error(place, fmt::format("{} data is malformed (meshoptimizer error {})", f.mode, rc));
    if (f.filter == "OCTAHEDRAL")
      meshopt_decodeFilterOct(data.data(), count, stride);
    else if (f.filter == "QUATERNION")
      meshopt_decodeFilterQuat(data.data(), count, stride);
    else if (f.filter == "EXPONENTIAL")
      meshopt_decodeFilterExp(data.data(), count, stride);
    decoded.push_back({i, std::move(data)});
  }
  // Written only after every view is decoded: a fallback region may overlap compressed input.
  for (const Decoded& d : decoded) {
    const tinygltf::BufferView& bv = doc.bufferViews[d.view];
    std::copy(d.data.begin(), d.data.end(), doc.buffers[size_t(bv.buffer)].data.begin() + ptrdiff_t(bv.byteOffset));
  }
  return {};
}

}  // namespace cx::assets::detail
