#include "cx/core/version.h"

namespace cx {

const char* projectVersion() { return CX_PROJECT_VERSION; }
const char* gitCommit() { return CX_GIT_COMMIT; }

std::string versionString() {
  std::string v = projectVersion();
  if (*gitCommit()) v += std::string(" (git ") + gitCommit() + ")";
  return v;
}

}  // namespace cx
