#pragma once
// Where the programs find their data. Everything is found relative to the running executable, the
// same way in the build tree and in an install (GNUInstallDirs layout):
//   <bindir>/cloudexpo, <bindir>/expo-tool
//   <datadir>/cloudexpo/{sample-expo, shaders, schema}   (dataDir)
//   <libdir>/cloudexpo/xr-sim/{libcx_xrsim_runtime.so, cloudexpo_xrsim.json}   (pkgLibDir()/xr-sim)
// The relative paths from <bindir> are computed by CMake from the install dirs. The build tree is
// laid out the same way below the build folder (viewer/, tools/ and tests/ sit where bin/ would):
// <build>/share/cloudexpo links to the sources' assets and holds the compiled SPIR-V, <build>/lib/
// cloudexpo holds the simulated runtime. No absolute build or source path is compiled in.
#include <filesystem>

namespace cx {

// The folder of the running executable (/proc/self/exe); "." when it cannot be read.
std::filesystem::path executableDir();

// The shared data folder: $CLOUDEXPO_DATA_DIR when set, else <exe>/<bindir-to-datadir>/cloudexpo.
std::filesystem::path dataDir();

// The private library folder: $CLOUDEXPO_LIB_DIR when set, else <exe>/<bindir-to-libdir>/cloudexpo.
std::filesystem::path pkgLibDir();

// Historical name of dataDir(): the folder holding the bundled sample expo.
inline std::filesystem::path assetsDir() { return dataDir(); }

// The bundled sample expo's manifest: dataDir()/sample-expo/expo.json.
std::filesystem::path defaultExpoPath();

// The simulated OpenXR runtime's manifest: pkgLibDir()/xr-sim/cloudexpo_xrsim.json (its library_path is
// relative to it, so the installed and the build-tree copies are the same file).
std::filesystem::path xrSimRuntimeManifest();

}  // namespace cx
