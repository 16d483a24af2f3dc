#pragma once
// What `cloudexpo --version` and `expo-tool --version` print: the program, the project version and
// git commit (cx/core/version.h), and the expo manifest format version this build reads and writes.
#include <string>
#include <string_view>

namespace cx::expo {

// "cloudexpo 0.1.0 (git 67cc200d1e2f)\nexpo manifest formatVersion 1 (reads and writes 1)\n"
// The first line is what help2man takes for the version.
std::string versionText(std::string_view program);

}  // namespace cx::expo
