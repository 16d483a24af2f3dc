// The cloudexpo: link handler end to end: `cloudexpo cloudexpo:http://127.0.0.1:PORT/expo.json`
// opens the expo a real HTTP server serves (tests/support/http_test_server.py on a free port);
// hostile links (file:, javascript:, shell metacharacters, control characters) are refused with one
// line, exit status 2, before any window, device or network access, and nothing they name is run.
// Also `--version` of both programs.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>

#include <filesystem>
#include <string>
#include <vector>

#include "../unit/io_test_server.h"
#include "cx/core/version.h"
#include "run_command.h"
#include "viewer_run.h"

extern char** environ;

namespace fs = std::filesystem;

namespace {

// Runs `program args...` with no shell in between (the argument reaches the viewer byte for byte).
cx::testing::CommandRun runArgv(const std::vector<std::string>& args, const fs::path& outputFile) {
  std::vector<std::string> a = args;
  std::vector<char*> argv;
  for (std::string& s : a) argv.push_back(s.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, outputFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = -1;
  cx::testing::CommandRun r;
  if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) == 0) {
    int status = 0;
    waitpid(pid, &status, 0);
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  posix_spawn_file_actions_destroy(&actions);
  r.output = cx::testing::readText(outputFile);
  return r;
}

}  // namespace

TEST(ViewerHandler, OpensAServedExpoThroughTheLink) {
  cx::io::test::ScratchDir dir("viewer_handler");
  cx::io::test::TestServer server(cx::testing::kSampleExpo, dir.path());
  CX_REQUIRE_SERVER(server);
  cx::testing::writeText(dir.path() / "script.txt", "waitload\nstate " + (dir.path() / "done.json").string() + "\nquit\n");
  const std::string link = "cloudexpo:" + server.url("/expo.json");
  cx::testing::CommandRun run = cx::testing::runViewerBinary(
      "'" + link + "' --offscreen --validation --size 320x180 --script " + (dir.path() / "script.txt").string(),
      dir.path(), "XDG_CACHE_HOME=" + (dir.path() / "cache").string() + " ");
  ASSERT_EQ(run.exitCode, 0) << run.output;
  EXPECT_NE(run.output.find("opened " + server.url("/expo.json")), std::string::npos) << run.output;
  nlohmann::json done = cx::testing::readJson(dir.path() / "done.json");
  ASSERT_TRUE(done.is_object()) << run.output;
  EXPECT_EQ(done["loading"]["stage"], "complete") << done.dump();
  EXPECT_EQ(done["loading"]["filesFailed"], 0) << done.dump();
  EXPECT_EQ(done["loading"]["filesTotal"], 14) << done.dump();  // expo.json + 7 pavilions + 6 booth styles
  EXPECT_GE(server.countRequests("/expo.json"), 1);
}

TEST(ViewerHandler, RefusesHostileLinksWithOneLine) {
  fs::path dir = cx::testing::freshTempDir("viewer", "handler-refusals");
  const fs::path canary = dir / "pwned";
  const std::vector<std::string> links = {
      "cloudexpo:file:///etc/passwd",
      "cloudexpo:javascript:alert(document.cookie)",
      "cloudexpo:javascript:void%200",
      "cloudexpo:https://example.org/expo.json;touch " + canary.string(),
      "cloudexpo:https://example.org/$(touch " + canary.string() + ")",
      "cloudexpo:https://example.org/`touch " + canary.string() + "`",
      "cloudexpo:https://example.org/expo.json|sh",
      "cloudexpo:https://example.org/expo.json&&reboot",
      "cloudexpo:https://example.org/expo.json\ntouch " + canary.string(),
      "cloudexpo:" + (cx::testing::kSampleExpo / "expo.json").string(),
  };
  for (const std::string& link : links) {
    cx::testing::CommandRun r = runArgv({CX_VIEWER_PATH, link, "--offscreen"}, dir / "out.txt");
    EXPECT_EQ(r.exitCode, 2) << link << "\n" << r.output;
    EXPECT_EQ(r.output.rfind("cloudexpo: refused the link \"cloudexpo:", 0), 0u) << link << "\n" << r.output;
    ASSERT_FALSE(r.output.empty());
    EXPECT_EQ(r.output.find('\n'), r.output.size() - 1) << "not one line: " << r.output;
    EXPECT_EQ(r.output.find("Vulkan device"), std::string::npos) << "it went on to start: " << r.output;
  }
  EXPECT_FALSE(fs::exists(canary)) << "a link ran a command";
}

TEST(ViewerHandler, BothProgramsPrintTheirVersion) {
  fs::path dir = cx::testing::freshTempDir("viewer", "version");
  for (const std::string& program : {std::string(CX_VIEWER_PATH), std::string(CX_TOOL_PATH)}) {
    cx::testing::CommandRun r = runArgv({program, "--version"}, dir / "out.txt");
    EXPECT_EQ(r.exitCode, 0) << r.output;
    const std::string name = fs::path(program).filename().string();
    EXPECT_EQ(r.output.rfind(name + " " + cx::projectVersion(), 0), 0u) << r.output;
    if (*cx::gitCommit()) EXPECT_NE(r.output.find(std::string("(git ") + cx::gitCommit() + ")"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("expo manifest formatVersion 1"), std::string::npos) << r.output;
  }
}
