#pragma once
// Shared by the XR end-to-end tests: cloudexpo --xr on the bundled sample against the simulated
// runtime (tools/xr-sim-runtime) through the real OpenXR loader, with the OpenXR core validation
// layer and Vulkan validation on.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "run_command.h"

namespace cx::testing::xr {

inline const std::filesystem::path kSample = std::filesystem::path(CX_SOURCE_DIR) / "assets" / "sample-expo";

using ViewerRun = CommandRun;

inline std::filesystem::path tempDir(const std::string& name) { return freshTempDir("xr", name); }

// Runs the viewer with the simulated runtime. `runtimeScript` drives the headset, `viewerScript`
// the viewer (--script). Validation everywhere; frames are free-running (CX_XRSIM_FPS=0).
inline ViewerRun runXr(const std::filesystem::path& dir, const std::string& runtimeScript,
                       const std::string& viewerScript, const std::string& extraEnv = "",
                       const std::string& args = "--xr", bool window = false) {
  writeText(dir / "runtime.txt", runtimeScript);
  writeText(dir / "viewer.txt", viewerScript);
  std::string cmd = "env XR_RUNTIME_JSON=" + std::string(CX_XRSIM_RUNTIME_JSON) +
                    " XR_ENABLE_API_LAYERS=XR_APILAYER_LUNARG_core_validation CX_XRSIM_FPS=0"
                    " CX_XRSIM_PROFILE=/interaction_profiles/oculus/touch_controller CX_XRSIM_SCRIPT=" +
                    (dir / "runtime.txt").string() + " " + extraEnv + " " +
                    (window ? "xvfb-run -a -s '-screen 0 1024x768x24' " : "") + CX_VIEWER_PATH + " " +
                    kSample.string() + " " + args + " --validation --script " + (dir / "viewer.txt").string();
  return runCommand(cmd, dir / "out.txt");
}

// No OpenXR core validation error, no Vulkan validation message.
inline void expectNoValidationMessages(const ViewerRun& r) {
  EXPECT_EQ(r.output.find("VALID_ERROR"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("VUID-"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("vulkan validation"), std::string::npos) << r.output;
}

}  // namespace cx::testing::xr
