#pragma once
// Shared by the viewer end-to-end tests: the bundled sample expo and running the cloudexpo binary.
#include <filesystem>
#include <string>

#include "run_command.h"

namespace cx::testing {

inline const std::filesystem::path kSampleExpo = std::filesystem::path(CX_SOURCE_DIR) / "assets" / "sample-expo";

// Runs cloudexpo with `args`, its output captured in dir/out.txt. `prefix` goes before the binary
// (environment variables, xvfb-run).
inline CommandRun runViewerBinary(const std::string& args, const std::filesystem::path& dir,
                                  const std::string& prefix = "") {
  return runCommand(prefix + CX_VIEWER_PATH + " " + args, dir / "out.txt");
}

}  // namespace cx::testing
