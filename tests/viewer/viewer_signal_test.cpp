// SIGTERM and SIGINT end the viewer in order: in a window (under Xvfb) and offscreen, the viewer is
// signalled while its script waits, leaves its frame loop, idles the device and destroys everything
// (with Vulkan validation on, a leaked or in-use object at teardown is a validation message and a
// non-zero exit) and exits 0.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <ostream>
#include <string>

#include "background_run.h"
#include "run_command.h"
#include "viewer_run.h"

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

struct SignalCase {
  const char* name;
  bool window;
  int signal;
};

// gtest prints the case by its name in test listings.
void PrintTo(const SignalCase& c, std::ostream* os) { *os << c.name; }

class ViewerSignal : public ::testing::TestWithParam<SignalCase> {};

TEST_P(ViewerSignal, EndsInOrderWithStatusZero) {
  const SignalCase& c = GetParam();
  fs::path dir = cx::testing::freshTempDir("viewer-signal", c.name);
  // The state file tells the test that the frame loop runs; then the script waits "forever".
  cx::testing::writeText(dir / "script.txt", "state " + (dir / "running.json").string() + "\nwait 100000000\n");
  const std::string viewer = "sh -c 'echo $$ > " + (dir / "pid").string() + "; exec " + CX_VIEWER_PATH + " " +
                             cx::testing::kSampleExpo.string() + " --validation --size 320x180 " +
                             (c.window ? "" : "--offscreen ") + "--script " + (dir / "script.txt").string() + "'";
  const std::string command = "XDG_CACHE_HOME=" + (dir / "cache").string() + " " +
                              (c.window ? "xvfb-run -a -s '-screen 0 1024x768x24' " : "") + viewer;
  cx::testing::BackgroundRun run = cx::testing::startInBackground(command, dir / "out.txt");
  ASSERT_GT(run.pid, 0);
  const bool running = cx::testing::waitForFile(dir / "running.json", 120s);
  const pid_t pid = cx::testing::readPid(dir / "pid");
  if (running && pid > 0) kill(pid, c.signal);
  cx::testing::BackgroundExit done = cx::testing::waitForExit(run, 120s);
  ASSERT_TRUE(running) << "the viewer never reached its frame loop\n" << done.output;
  ASSERT_GT(pid, 0);
  EXPECT_FALSE(done.timedOut) << done.output;
  EXPECT_TRUE(done.exited) << done.output;
  EXPECT_EQ(done.exitCode, 0) << done.output;
  const std::string said = std::string(c.signal == SIGTERM ? "SIGTERM" : "SIGINT") +
                           (c.window ? ": closing the window" : ": stopping");
  EXPECT_NE(done.output.find(said), std::string::npos) << done.output;
  EXPECT_EQ(done.output.find("VUID-"), std::string::npos) << done.output;
  EXPECT_EQ(done.output.find("vulkan validation"), std::string::npos) << done.output;
}

INSTANTIATE_TEST_SUITE_P(Modes, ViewerSignal,
                         ::testing::Values(SignalCase{"WindowSigterm", true, SIGTERM},
                                           SignalCase{"WindowSigint", true, SIGINT},
                                           SignalCase{"OffscreenSigterm", false, SIGTERM},
                                           SignalCase{"OffscreenSigint", false, SIGINT}),
                         [](const ::testing::TestParamInfo<SignalCase>& info) { return std::string(info.param.name); });

}  // namespace
