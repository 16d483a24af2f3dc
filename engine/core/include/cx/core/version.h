#pragma once
// The build's identity, for --version: the project version (CMake's project(VERSION)) and the git
// commit it was built from (empty outside a git checkout).
#include <string>

namespace cx {

const char* projectVersion();  // "0.1.0"
const char* gitCommit();       // "67cc200d1e2f" or ""

// "0.1.0 (git 67cc200d1e2f)", or "0.1.0" without a commit.
std::string versionString();

}  // namespace cx
