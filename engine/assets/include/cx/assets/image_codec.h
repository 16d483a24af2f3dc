#pragma once
// PNG/JPEG decoding to RGBA8 and PNG encoding, as the glTF loader and writer do it.
#include <cstdint>
#include <span>
#include <vector>

#include "cx/assets/model.h"
#include "cx/core/result.h"

namespace cx::assets {

// Decodes PNG or JPEG bytes to an RGBA8 Image (colour space left Linear). Refuses images whose
// decoded size would exceed `maxDecodedBytes`. Errors are one line without a file name.
Result<Image> decodeImage(std::span<const uint8_t> bytes, uint64_t maxDecodedBytes = uint64_t(1) << 30);

// Encodes an RGBA8 Image as PNG; the same pixels always give the same bytes.
Result<std::vector<uint8_t>> encodePng(const Image& image);

}  // namespace cx::assets
