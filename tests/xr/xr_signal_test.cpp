// SIGTERM and SIGINT end the XR modes in order: `cloudexpo --xr` on the simulated runtime and
// `cloudexpo --xr-sim` (its mirror window, under Xvfb) are signalled while the session runs. The
// viewer calls xrRequestExitSession and runs the lifecycle down (STOPPING, xrEndSession, IDLE,
// EXITING): the runtime's own log (<script>.summary.json) shows the session ended, the viewer's
// report says "exiting", and the viewer exits 0 with no OpenXR or Vulkan validation message.
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "background_run.h"
#include "run_command.h"
#include "xr_run.h"

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using namespace cx::testing::xr;

namespace {

struct XrSignalCase {
  const char* name;
  bool xrSim;  // --xr-sim (mirror window under Xvfb), else --xr
  int signal;
};

// gtest prints the case by its name in test listings.
void PrintTo(const XrSignalCase& c, std::ostream* os) { *os << c.name; }

class XrSignal : public ::testing::TestWithParam<XrSignalCase> {};

TEST_P(XrSignal, RequestsExitAndRunsTheSessionDown) {
  const XrSignalCase& c = GetParam();
  fs::path dir = tempDir(std::string("signal-") + c.name);
  cx::testing::writeText(dir / "runtime.txt", "at 0 head 0 1.6 0 0 0\n");
  // The state file tells the test that frames run; then the script waits "forever".
  cx::testing::writeText(dir / "viewer.txt", "wait 3\nstate " + (dir / "running.json").string() + "\nwait 100000000\n");
  const std::string viewer = "sh -c 'echo $$ > " + (dir / "pid").string() + "; exec " + CX_VIEWER_PATH + " " +
                             kSample.string() + (c.xrSim ? " --xr-sim" : " --xr") + " --validation --script " +
                             (dir / "viewer.txt").string() + "'";
  const std::string command = "env XR_RUNTIME_JSON=" + std::string(CX_XRSIM_RUNTIME_JSON) +
                              " XR_ENABLE_API_LAYERS=XR_APILAYER_LUNARG_core_validation CX_XRSIM_FPS=0"
                              " CX_XRSIM_SCRIPT=" + (dir / "runtime.txt").string() + " " +
                              (c.xrSim ? "xvfb-run -a -s '-screen 0 1024x768x24' " : "") + viewer;
  cx::testing::BackgroundRun run = cx::testing::startInBackground(command, dir / "out.txt");
  ASSERT_GT(run.pid, 0);
  const bool running = cx::testing::waitForFile(dir / "running.json", 120s);
  const pid_t pid = cx::testing::readPid(dir / "pid");
  if (running && pid > 0) kill(pid, c.signal);
  cx::testing::BackgroundExit done = cx::testing::waitForExit(run, 120s);
  ASSERT_TRUE(running) << "the XR frame loop never ran\n" << done.output;
  EXPECT_FALSE(done.timedOut) << done.output;
  EXPECT_TRUE(done.exited) << done.output;
  EXPECT_EQ(done.exitCode, 0) << done.output;
  EXPECT_NE(done.output.find(std::string(c.signal == SIGTERM ? "SIGTERM" : "SIGINT") + ": ending the XR session"),
            std::string::npos)
      << done.output;
  expectNoValidationMessages(cx::testing::CommandRun{done.exitCode, done.output});

  // The runtime's log: the session went FOCUSED -> STOPPING -> IDLE (xrEndSession) -> EXITING.
  nlohmann::json summary = cx::testing::readJson(dir / "runtime.txt.summary.json");
  ASSERT_TRUE(summary.is_object()) << done.output;
  EXPECT_EQ(summary["finalState"], "EXITING") << summary.dump();
  EXPECT_GT(summary["framesSubmitted"].get<int>(), 0) << summary.dump();
  EXPECT_TRUE(summary["errors"].empty()) << summary.dump();
  std::vector<std::string> states = summary["sessionStates"].get<std::vector<std::string>>();
  auto at = [&](const std::string& s) { return std::find(states.begin(), states.end(), s); };
  ASSERT_NE(at("FOCUSED"), states.end()) << summary.dump();
  ASSERT_NE(at("STOPPING"), states.end()) << summary.dump();
  EXPECT_LT(at("FOCUSED"), at("STOPPING")) << summary.dump();
  std::vector<std::string> tail(at("STOPPING"), states.end());
  EXPECT_EQ(tail, (std::vector<std::string>{"STOPPING", "IDLE", "EXITING"})) << summary.dump();
  nlohmann::json report = cx::testing::readJson(dir / "viewer.txt.xr.json");
  EXPECT_EQ(report["exitReason"], "exiting") << report.dump();
  EXPECT_EQ(report["sessionsCreated"], 1) << report.dump();
}

INSTANTIATE_TEST_SUITE_P(Modes, XrSignal,
                         ::testing::Values(XrSignalCase{"XrSigterm", false, SIGTERM},
                                           XrSignalCase{"XrSigint", false, SIGINT},
                                           XrSignalCase{"XrSimSigterm", true, SIGTERM},
                                           XrSignalCase{"XrSimSigint", true, SIGINT}),
                         [](const ::testing::TestParamInfo<XrSignalCase>& info) { return std::string(info.param.name); });

}  // namespace
