#pragma once
// Validated reads of glTF accessors. Every offset, stride and count is checked against the
// bufferView and buffer before a byte is touched; sparse accessors are applied on top.
#include <cstdint>
#include <string_view>
#include <vector>

#include "gltf_internal.h"

namespace cx::assets::detail {

// What a primitive attribute (or the index list) may look like.
enum class AccessorUse { Position, Normal, Tangent, TexCoord, Color, Indices };

// Decoded accessor: `components` values per element, `count` elements, normalized integers
// already mapped to [0,1] / [-1,1].
struct AccessorValues {
  size_t count = 0;
  int components = 0;
  std::vector<float> values;
};

// Checks that accessors[index] exists and suits `use` (type, component type, normalized), then
// decodes it. `place` names the referrer, e.g. "meshes[0].primitives[1].attributes.NORMAL".
Result<AccessorValues> readAttribute(LoadContext& ctx, int index, AccessorUse use, std::string_view place);

// Same for an index list; values are returned exactly as stored (not yet checked against the
// vertex count).
Result<std::vector<uint32_t>> readIndices(LoadContext& ctx, int index, std::string_view place);

}  // namespace cx::assets::detail
