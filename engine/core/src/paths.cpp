#include "cx/core/paths.h"

#include <cstdlib>
#include <system_error>

namespace cx {
namespace fs = std::filesystem;

namespace {

fs::path fromEnvOr(const char* variable, const char* relativeToExe) {
  if (const char* env = std::getenv(variable); env && *env) return fs::path(env);
  return (executableDir() / relativeToExe).lexically_normal();
}

}  // namespace

fs::path executableDir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path(".") : exe.parent_path();
}

fs::path dataDir() { return fromEnvOr("CLOUDEXPO_DATA_DIR", CX_DATA_DIR_FROM_BIN); }

fs::path pkgLibDir() { return fromEnvOr("CLOUDEXPO_LIB_DIR", CX_PKGLIB_DIR_FROM_BIN); }

fs::path defaultExpoPath() { return dataDir() / "sample-expo" / "expo.json"; }

fs::path xrSimRuntimeManifest() { return pkgLibDir() / "xr-sim" / "cloudexpo_xrsim.json"; }

}  // namespace cx
