#include <tiny_gltf.h>

#include "accessors.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace cx::assets::detail {
namespace {

constexpr int kByte = TINYGLTF_COMPONENT_TYPE_BYTE;
constexpr int kUByte = TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE;
constexpr int kShort = TINYGLTF_COMPONENT_TYPE_SHORT;
constexpr int kUShort = TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT;
constexpr int kUInt = TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT;
constexpr int kFloat = TINYGLTF_COMPONENT_TYPE_FLOAT;

size_t componentSize(int componentType) {
  switch (componentType) {
    case kByte:
    case kUByte:
      return 1;
    case kShort:
    case kUShort:
      return 2;
    case kUInt:
    case kFloat:
      return 4;
    default:
      return 0;  // INT and DOUBLE are not glTF 2.0 accessor component types
  }
}

int componentCount(int type) {
  switch (type) {
    case TINYGLTF_TYPE_SCALAR:
      return 1;
    case TINYGLTF_TYPE_VEC2:
      return 2;
    case TINYGLTF_TYPE_VEC3:
      return 3;
    case TINYGLTF_TYPE_VEC4:
      return 4;
    case TINYGLTF_TYPE_MAT2:
      return 4;
    case TINYGLTF_TYPE_MAT3:
      return 9;
    case TINYGLTF_TYPE_MAT4:
      return 16;
    default:
      return 0;
  }
}

const char* typeName(int type) {
  switch (type) {
    case TINYGLTF_TYPE_SCALAR:
      return "SCALAR";
    case TINYGLTF_TYPE_VEC2:
      return "VEC2";
    case TINYGLTF_TYPE_VEC3:
      return "VEC3";
    case TINYGLTF_TYPE_VEC4:
      return "VEC4";
    case TINYGLTF_TYPE_MAT2:
      return "MAT2";
    case TINYGLTF_TYPE_MAT3:
      return "MAT3";
    case TINYGLTF_TYPE_MAT4:
      return "MAT4";
    default:
      return "unknown type";
  }
}

const char* componentTypeName(int componentType) {
  switch (componentType) {
    case kByte:
      return "BYTE";
    case kUByte:
      return "UNSIGNED_BYTE";
    case kShort:
      return "SHORT";
    case kUShort:
      return "UNSIGNED_SHORT";
    case kUInt:
      return "UNSIGNED_INT";
    case kFloat:
      return "FLOAT";
    default:
      return "unknown component type";
  }
}

float readComponent(const uint8_t* p, int componentType, bool normalized) {
  switch (componentType) {
    case kByte: {
      int8_t v;
      std::memcpy(&v, p, 1);
      return normalized ? std::max(float(v) / 127.0f, -1.0f) : float(v);
    }
    case kUByte:
      return normalized ? float(*p) / 255.0f : float(*p);
    case kShort: {
      int16_t v;
      std::memcpy(&v, p, 2);
      return normalized ? std::max(float(v) / 32767.0f, -1.0f) : float(v);
    }
    case kUShort: {
      uint16_t v;
      std::memcpy(&v, p, 2);
      return normalized ? float(v) / 65535.0f : float(v);
    }
    case kUInt: {
      uint32_t v;
      std::memcpy(&v, p, 4);
      return normalized ? float(double(v) / 4294967295.0) : float(v);
    }
    case kFloat: {
      float v;
      std::memcpy(&v, p, 4);
      return v;
    }
    default:
      return 0.0f;
  }
}

uint32_t readIndex(const uint8_t* p, int componentType) {
  switch (componentType) {
    case kUByte:
      return *p;
    case kUShort: {
      uint16_t v;
      std::memcpy(&v, p, 2);
      return v;
    }
    case kUInt: {
      uint32_t v;
      std::memcpy(&v, p, 4);
      return v;
    }
    default:
      return 0;
  }
}

// Where an accessor's elements live, after every bound has been checked.
struct Layout {
  const tinygltf::Accessor* accessor = nullptr;
  std::string self;               // "accessors[N]"
  std::span<const uint8_t> view;  // empty when the accessor has no bufferView
  size_t offset = 0;
  size_t stride = 0;
  size_t elementSize = 0;
  size_t componentSize = 0;
  int components = 0;
};

// true when `count` elements of `elementSize` bytes, `stride` apart, starting at `offset`, fit
// in `size` bytes. Written so nothing can overflow.
bool fits(size_t size, size_t offset, size_t count, size_t stride, size_t elementSize) {
  if (count == 0) return offset <= size;
  if (offset > size) return false;
  size_t rest = size - offset;
  if (elementSize > rest) return false;
  return count - 1 <= (rest - elementSize) / stride;
}

Result<Layout> layoutOf(const LoadContext& ctx, int index, std::string_view place) {
  const auto& accessors = ctx.doc.accessors;
  if (index < 0 || size_t(index) >= accessors.size())
    return ctx.error(place,
                     fmt::format("accessors[{}] does not exist ({} accessors)", index, accessors.size()));
  Layout l;
  l.accessor = &accessors[size_t(index)];
  l.self = fmt::format("accessors[{}]", index);
  const tinygltf::Accessor& a = *l.accessor;
  l.componentSize = componentSize(a.componentType);
  if (l.componentSize == 0)
    return ctx.error(l.self, fmt::format("componentType {} is not a glTF component type", a.componentType));
  l.components = componentCount(a.type);
  if (l.components == 0) return ctx.error(l.self, fmt::format("type {} is not a glTF accessor type", a.type));
  l.elementSize = l.componentSize * size_t(l.components);
  // Decoded data is floats; refuse counts whose decoded size alone is over the limit.
  if (a.count > ctx.options.maxFileBytes / (size_t(l.components) * sizeof(float)))
    return ctx.error(l.self, fmt::format("count {} is over the size limit of {} bytes", a.count,
                                         ctx.options.maxFileBytes));
  if (a.bufferView < 0) return l;  // all zeros (plus sparse substitutions)

  auto view = bufferViewBytes(ctx, a.bufferView, l.self);
  if (!view) return view.error();
  const tinygltf::BufferView& bv = ctx.doc.bufferViews[size_t(a.bufferView)];
  l.view = *view;
  l.offset = a.byteOffset;
  l.stride = bv.byteStride != 0 ? bv.byteStride : l.elementSize;
  if (l.stride < l.elementSize)
    return ctx.error(
        l.self, fmt::format("byteStride {} of bufferViews[{}] is smaller than the {}-byte element", l.stride,
                            a.bufferView, l.elementSize));
  if (!fits(l.view.size(), l.offset, a.count, l.stride, l.elementSize)) {
    std::string start = l.offset ? fmt::format("byteOffset {} + ", l.offset) : std::string();
    return ctx.error(l.self, fmt::format("{}count {} with stride {} runs past bufferViews[{}] ({} bytes)",
                                         start, a.count, l.stride, a.bufferView, l.view.size()));
  }
  return l;
}

// Overwrites the elements a sparse accessor names. Values are decoded like the base data.
Status applySparse(const LoadContext& ctx, const Layout& l, AccessorValues& out) {
  const tinygltf::Accessor& a = *l.accessor;
  const std::string place = l.self + ".sparse";
  const auto& s = a.sparse;
  if (s.count < 1 || size_t(s.count) > a.count)
    return ctx.error(place,
                     fmt::format("count {} must be between 1 and the accessor count {}", s.count, a.count));
  size_t indexSize = 0;
  if (s.indices.componentType == kUByte || s.indices.componentType == kUShort ||
      s.indices.componentType == kUInt)
    indexSize = componentSize(s.indices.componentType);
  else
    return ctx.error(place + ".indices",
                     fmt::format("componentType {} must be UNSIGNED_BYTE, UNSIGNED_SHORT or UNSIGNED_INT",
                                 s.indices.componentType));
  if (s.indices.byteOffset < 0 || s.values.byteOffset < 0)
    return ctx.error(place, "byteOffset must not be negative");
  auto indexBytes = bufferViewBytes(ctx, s.indices.bufferView, place + ".indices");
  if (!indexBytes) return indexBytes.error();
  auto valueBytes = bufferViewBytes(ctx, s.values.bufferView, place + ".values");
  if (!valueBytes) return valueBytes.error();
  const size_t count = size_t(s.count);
  if (!fits(indexBytes->size(), size_t(s.indices.byteOffset), count, indexSize, indexSize))
    return ctx.error(place + ".indices", fmt::format("{} indices run past bufferViews[{}] ({} bytes)", count,
                                                     s.indices.bufferView, indexBytes->size()));
  if (!fits(valueBytes->size(), size_t(s.values.byteOffset), count, l.elementSize, l.elementSize))
    return ctx.error(place + ".values", fmt::format("{} values run past bufferViews[{}] ({} bytes)", count,
                                                    s.values.bufferView, valueBytes->size()));
  const uint8_t* indices = indexBytes->data() + s.indices.byteOffset;
  const uint8_t* values = valueBytes->data() + s.values.byteOffset;
  const size_t n = size_t(l.components);
  for (size_t i = 0; i < count; ++i) {
    uint32_t target = readIndex(indices + i * indexSize, s.indices.componentType);
    if (target >= a.count)
      return ctx.error(
          place + ".indices",
          fmt::format("index {} at position {} is out of range ({} elements)", target, i, a.count));
    for (size_t c = 0; c < n; ++c)
      out.values[target * n + c] =
          readComponent(values + i * l.elementSize + c * l.componentSize, a.componentType, a.normalized);
  }
  return {};
}

struct FormatRule {
  const char* expected;  // for messages
  bool ok;
  bool quantized;  // allowed only through KHR_mesh_quantization
};

FormatRule checkFormat(AccessorUse use, int type, int ct, bool normalized) {
  const bool smallInt = ct == kByte || ct == kUByte || ct == kShort || ct == kUShort;
  const bool signedSmall = ct == kByte || ct == kShort;
  const bool unsignedSmall = ct == kUByte || ct == kUShort;
  switch (use) {
    case AccessorUse::Position: {
      const char* e = "VEC3 FLOAT (or BYTE/SHORT types with KHR_mesh_quantization)";
      if (type != TINYGLTF_TYPE_VEC3) return {e, false, false};
      if (ct == kFloat) return {e, true, false};
      return {e, smallInt, true};
    }
    case AccessorUse::Normal: {
      const char* e = "VEC3 FLOAT (or normalized BYTE/SHORT with KHR_mesh_quantization)";
      if (type != TINYGLTF_TYPE_VEC3) return {e, false, false};
      if (ct == kFloat) return {e, true, false};
      return {e, signedSmall && normalized, true};
    }
    case AccessorUse::Tangent: {
      const char* e = "VEC4 FLOAT (or normalized BYTE/SHORT with KHR_mesh_quantization)";
      if (type != TINYGLTF_TYPE_VEC4) return {e, false, false};
      if (ct == kFloat) return {e, true, false};
      return {e, signedSmall && normalized, true};
    }
    case AccessorUse::TexCoord: {
      const char* e = "VEC2 FLOAT or normalized UNSIGNED_BYTE/UNSIGNED_SHORT";
      if (type != TINYGLTF_TYPE_VEC2) return {e, false, false};
      if (ct == kFloat || (unsignedSmall && normalized)) return {e, true, false};
      return {e, smallInt, true};
    }
    case AccessorUse::Color: {
      const char* e = "VEC3/VEC4 FLOAT or normalized UNSIGNED_BYTE/UNSIGNED_SHORT";
      if (type != TINYGLTF_TYPE_VEC3 && type != TINYGLTF_TYPE_VEC4) return {e, false, false};
      return {e, ct == kFloat || (unsignedSmall && normalized), false};
    }
    case AccessorUse::Indices: {
      const char* e = "SCALAR UNSIGNED_BYTE/UNSIGNED_SHORT/UNSIGNED_INT, not normalized";
      return {e,
              type == TINYGLTF_TYPE_SCALAR && (ct == kUByte || ct == kUShort || ct == kUInt) && !normalized,
              false};
    }
  }
  return {"", false, false};
}

Status checkUse(LoadContext& ctx, const Layout& l, AccessorUse use, std::string_view place) {
  const tinygltf::Accessor& a = *l.accessor;
  FormatRule rule = checkFormat(use, a.type, a.componentType, a.normalized);
  if (!rule.ok)
    return ctx.error(place, fmt::format("{} is {} {}{}, expected {}", l.self, typeName(a.type),
                                        a.normalized ? "normalized " : "", componentTypeName(a.componentType),
                                        rule.expected));
  if (rule.quantized && !ctx.quantizationDeclared && !ctx.warnedQuantization) {
    ctx.warnedQuantization = true;
    ctx.warn(place, "uses quantized attributes without declaring KHR_mesh_quantization");
  }
  return {};
}

}  // namespace

Result<AccessorValues> readAttribute(LoadContext& ctx, int index, AccessorUse use, std::string_view place) {
  auto layout = layoutOf(ctx, index, place);
  if (!layout) return layout.error();
  const Layout& l = *layout;
  if (auto st = checkUse(ctx, l, use, place); !st) return st.error();
  const tinygltf::Accessor& a = *l.accessor;

  AccessorValues out;
  out.count = a.count;
  out.components = l.components;
  const size_t n = size_t(l.components);
  out.values.assign(a.count * n, 0.0f);
  if (!l.view.empty()) {
    for (size_t i = 0; i < a.count; ++i) {
      const uint8_t* element = l.view.data() + l.offset + i * l.stride;
      for (size_t c = 0; c < n; ++c)
        out.values[i * n + c] = readComponent(element + c * l.componentSize, a.componentType, a.normalized);
    }
  }
  if (a.sparse.isSparse) {
    if (auto st = applySparse(ctx, l, out); !st) return st.error();
  }
  for (size_t i = 0; i < out.values.size(); ++i) {
    if (!std::isfinite(out.values[i]))
      return ctx.error(l.self, fmt::format("element {} is not a finite number", i / n));
  }
  return out;
}

Result<std::vector<uint32_t>> readIndices(LoadContext& ctx, int index, std::string_view place) {
  auto layout = layoutOf(ctx, index, place);
  if (!layout) return layout.error();
  const Layout& l = *layout;
  if (auto st = checkUse(ctx, l, AccessorUse::Indices, place); !st) return st.error();
  const tinygltf::Accessor& a = *l.accessor;
  if (a.sparse.isSparse) {
    // Rare for indices; decode through the float path would lose precision above 2^24.
    return ctx.error(l.self, "sparse index accessors are not supported");
  }
  std::vector<uint32_t> out(a.count, 0);
  if (!l.view.empty()) {
    for (size_t i = 0; i < a.count; ++i)
      out[i] = readIndex(l.view.data() + l.offset + i * l.stride, a.componentType);
  }
  return out;
}

}  // namespace cx::assets::detail
