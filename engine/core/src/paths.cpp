#include "cx/core/paths.h"

#include <cstdlib>
#include <system_error>

namespace cx {
namespace fs = std::filesystem;

fs::path assetsDir() {
  if (const char* env = std::getenv("CLOUDEXPO_ASSETS"); env && *env) return fs::path(env);
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path installed = exe.parent_path().parent_path() / "share" / "cloudexpo";
    if (fs::exists(installed / "sample-expo", ec)) return installed;
  }
  return fs::path(CX_SOURCE_ASSETS_DIR);
}

fs::path defaultExpoPath() { return assetsDir() / "sample-expo" / "expo.json"; }

}  // namespace cx
