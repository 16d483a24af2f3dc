#pragma once
// Private to the assets module: the state one glTF load threads through its steps. tinygltf is
// only forward-declared here; the .cpp files that read its documents include <tiny_gltf.h>.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "cx/assets/gltf.h"
#include "cx/assets/model.h"
#include "cx/core/result.h"

namespace tinygltf {
class Model;
}  // namespace tinygltf

namespace cx::assets::detail {

// Marks a tinygltf::Image whose `image` member still holds the encoded file bytes (our image
// loader callback defers decoding so errors can name the image and limits can be applied).
inline constexpr int kEncodedImageMarker = -0x5eed;

struct LoadContext {
  std::string file;  // used as the first part of every message
  const tinygltf::Model& doc;
  const GltfLoadOptions& options;
  std::vector<std::string>& warnings;
  bool quantizationDeclared = false;  // KHR_mesh_quantization in extensionsUsed/Required
  bool warnedQuantization = false;
  std::vector<std::string> fileErrors;  // why external files could not be read, for messages
  uint64_t decodedBytes = 0;            // running total checked against options.maxDecodedBytes

  // Adds `bytes` to the decoded total; fails once it passes options.maxDecodedBytes.
  Status chargeDecoded(std::string_view place, uint64_t bytes);

  // "file: place: problem" on one line.
  Error error(std::string_view place, std::string_view problem) const;
  void warn(std::string_view place, std::string_view problem);
};

// Makes `text` safe for a one-line message: control and non-ASCII bytes become '?', runs of
// whitespace and line breaks become one separator, and it is cut at `maxChars`.
std::string oneLine(std::string_view text, size_t maxChars = 300);

// Bytes of bufferViews[view] after checking the view and its buffer. `place` names the referrer.
Result<std::span<const uint8_t>> bufferViewBytes(const LoadContext& ctx, int view, std::string_view place);

// Steps of loadGltf, each in its own file.
Status checkRequiredExtensions(const LoadContext& ctx);
Status readImages(LoadContext& ctx, Model& out);     // gltf_images.cpp, decodes to RGBA8
Status readSamplers(LoadContext& ctx, Model& out);   // gltf_materials.cpp
Status readMaterials(LoadContext& ctx, Model& out);  // gltf_materials.cpp, also fixes colour spaces
Status readMeshes(LoadContext& ctx, Model& out);     // gltf_meshes.cpp
Status readScene(LoadContext& ctx, Model& out);      // gltf_scene.cpp

// EXT_meshopt_compression (gltf_meshopt.cpp). Fallback buffers without a uri get a placeholder
// uri starting with this prefix; the loader's file callbacks serve those as zero-filled buffers.
inline constexpr std::string_view kMeshoptPlaceholderPrefix = "cx-meshopt-fallback-";
struct MeshoptRewrite {
  std::vector<uint8_t> bytes;  // the rewritten .gltf/.glb; empty when nothing needed rewriting
  std::vector<std::pair<std::string, uint64_t>> placeholders;  // uri -> byteLength
};
// `bytes` is the JSON text or the framed GLB (already checked by the caller).
Result<MeshoptRewrite> rewriteMeshoptFallbacks(std::span<const uint8_t> bytes, bool binary, const std::string& file);
// Decodes every compressed bufferView into its (fallback) buffer. Runs before the other steps.
Status decodeMeshopt(LoadContext& ctx, tinygltf::Model& doc);

// Rewrites a .glb written by writeGltf so its vertex and index bufferViews are compressed with
// EXT_meshopt_compression (gltf_write_meshopt.cpp).
Result<std::vector<uint8_t>> compressGlbWithMeshopt(std::span<const uint8_t> glb, const std::string& name);

// Image codecs (gltf_images.cpp).
struct DecodedImage {
  uint32_t width = 0;
  uint32_t height = 0;
  std::vector<uint8_t> rgba8;
};
// Decodes PNG or JPEG to RGBA8. On failure returns a one-line reason without file or place.
Result<DecodedImage> decodeImage(std::span<const uint8_t> bytes, uint64_t maxDecodedBytes);
// Encodes RGBA8 as PNG. Deterministic for the same pixels.
Result<std::vector<uint8_t>> encodePng(uint32_t width, uint32_t height, std::span<const uint8_t> rgba8);

}  // namespace cx::assets::detail
