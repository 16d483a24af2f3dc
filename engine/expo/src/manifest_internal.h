#pragma once
// Private pieces shared by the manifest reader, writer and validator.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "cx/core/result.h"
#include "cx/expo/expo.h"

namespace cx::expo::detail {

// parseExpoManifest, plus the symlink confinement check against `root` when it is not empty.
Result<Expo> parseExpoManifestWithRoot(std::string_view text, const std::string& sourceName,
                                       const std::filesystem::path& root, std::vector<std::string>* warnings);

}  // namespace cx::expo::detail
