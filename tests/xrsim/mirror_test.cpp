// The mirror window (CX_XRSIM_WINDOW=1). The window part runs in a child process of this test
// binary under xvfb-run, so the suite needs no display of its own.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include <nlohmann/json.hpp>

#include "xr_app.h"

namespace cx::testing {
namespace {

// Run only by MirrorWindowShowsFramesUnderXvfb (below), inside xvfb-run.
TEST_F(XrSimTest, DISABLED_MirrorWindowChild) {
  ASSERT_NE(std::getenv("DISPLAY"), nullptr);
  setenv("CX_XRSIM_WINDOW", "1", 1);
  auto script = writeScript("eye_size 96 64\nat 4 head 0 1.6 0 30 -10\nat 6 exit\n");
  eyeWidth = 96;
  eyeHeight = 64;
  setup();
  runToFocused();
  for (int i = 0; i < 6; ++i) renderFrame({0, 1, 0, 1}, {1, 0, 1, 1});
  EXPECT_EQ(lastState(pollStates()), XR_SESSION_STATE_STOPPING);
  XR_CHECK(xrEndSession(session));
  destroyAll();
  std::ifstream in(script.string() + ".summary.json");
  ASSERT_TRUE(in);
  auto summary = nlohmann::json::parse(in);
  EXPECT_TRUE(summary["errors"].empty()) << summary["errors"].dump();
  EXPECT_EQ(summary["finalState"], "EXITING");
  std::printf("xrsim: mirror window showed %d frames\n", summary["framesSubmitted"].get<int>());
}

TEST(XrSimMirror, MirrorWindowShowsFramesUnderXvfb) {
  std::string cmd =
      "xvfb-run -a -s '-screen 0 1024x768x24' /proc/" + std::to_string(getpid()) +
      "/exe --gtest_also_run_disabled_tests --gtest_filter=XrSimTest.DISABLED_MirrorWindowChild 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  int status = pclose(pipe);
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("[  PASSED  ] 1 test"), std::string::npos) << output;
}

}  // namespace
}  // namespace cx::testing
