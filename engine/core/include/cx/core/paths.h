#pragma once
#include <filesystem>

namespace cx {

// The folder holding bundled assets (the sample expo): $CLOUDEXPO_ASSETS when set, else
// <exe>/../share/cloudexpo when installed, else the source tree's assets/ folder.
std::filesystem::path assetsDir();

// The bundled sample expo's manifest: assetsDir()/sample-expo/expo.json.
std::filesystem::path defaultExpoPath();

}  // namespace cx
