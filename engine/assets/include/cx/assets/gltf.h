#pragma once
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "cx/assets/model.h"
#include "cx/core/result.h"

namespace cx::assets {

struct GltfLoadOptions {
  // Refuse files or decoded images larger than this.
  uint64_t maxFileBytes = uint64_t(1) << 30;
  // Refuse models whose decoded vertices, indices and pixels together exceed this (a small file
  // can reference the same large accessor from many primitives).
  uint64_t maxDecodedBytes = uint64_t(4) << 30;
  // Generate tangents for primitives that lack them (needed for normal mapping).
  bool generateTangents = true;
};

// Loads a .gltf or .glb file with its external buffers and images. Every failure is one line that
// names the file and the place, e.g. "duck.gltf: accessors[3]: count 120 with stride 12 runs past
// bufferViews[1] (1024 bytes)".
Result<Model> loadGltf(const std::filesystem::path& path, const GltfLoadOptions& options = {});

// Same, from bytes already in memory (downloaded). `name` is used in messages and to detect .glb;
// external URIs are resolved against `baseDir`.
Result<Model> loadGltfFromMemory(std::span<const uint8_t> bytes, const std::string& name,
                                 const std::filesystem::path& baseDir, const GltfLoadOptions& options = {});

struct GltfWriteOptions {
  bool binary = true;  // .glb with embedded buffer and PNG images; false: .gltf with data URIs
  std::string generator = "CloudExpo";
  // Compress vertex and index bufferViews with EXT_meshopt_compression (binary output only). The
  // uncompressed place is a fallback buffer without data, so the file lists the extension in
  // extensionsRequired.
  bool meshoptCompression = false;
};

// Writes `model` as glTF 2.0 with tinygltf: one node per MeshInstance, images as PNG. Used by the
// sample generators and the test-model builders. The file is written atomically.
Status writeGltf(const std::filesystem::path& path, const Model& model, const GltfWriteOptions& options = {});

// The bytes writeGltf would write (deterministic: the same model gives the same bytes). `name`
// is used in messages. Fails on inconsistent input (an index or reference out of range, an
// image whose pixel count does not match its size, a non-finite position).
Result<std::vector<uint8_t>> writeGltfToMemory(const Model& model, const std::string& name,
                                               const GltfWriteOptions& options = {});

// Recomputes Primitive bounds and Model bounds from the vertices and instances.
void computeBounds(Model& model);

}  // namespace cx::assets
