#pragma once
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cx/core/result.h"

namespace cx {

// Reads a whole file. `maxBytes` guards against hostile or mistaken input.
Result<std::vector<uint8_t>> readFileBytes(const std::filesystem::path& path,
                                           uint64_t maxBytes = uint64_t(1) << 31);
Result<std::string> readFileText(const std::filesystem::path& path, uint64_t maxBytes = uint64_t(1) << 31);

// Writes `bytes` to a temp file beside `path`, fsyncs it, renames it over `path` and fsyncs the
// directory. A crash at any moment leaves either the old file or the new one, never a torn one.
Status writeFileAtomic(const std::filesystem::path& path, std::span<const uint8_t> bytes);
Status writeFileAtomic(const std::filesystem::path& path, std::string_view text);

}  // namespace cx
