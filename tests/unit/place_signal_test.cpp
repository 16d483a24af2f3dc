// `expo-tool place` and SIGTERM: signalled at random moments over its run (most of them near the
// end, where it writes), it never leaves a .tmp-* file, the manifest is always the old or the new
// version, and it ends with 0 (placed: the signal came during the writes, which it finishes) or
// 128 + SIGTERM (interrupted before writing; nothing written), or by the signal itself when it came
// before the handler was installed (at start-up, before anything was read).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "cx/core/file.h"
#include "cx/expo/manifest.h"
#include "place_test_expo.h"
#include "test_models.h"

extern char** environ;

namespace fs = std::filesystem;
using namespace cx;

namespace {

pid_t spawnPlaceForSignal(const fs::path& dir, const fs::path& model, int z) {
  std::vector<std::string> args = {CX_TOOL_PATH, "--log", "off", "place", dir.string(), "--exhibitor", "E1",
                                   "--model", model.string(), "--at", "5," + std::to_string(z)};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, args[0].c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return rc == 0 ? pid : -1;
}

std::vector<std::string> tempFilesBelow(const fs::path& dir) {
  std::vector<std::string> found;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.path().filename().string().find(".tmp-") != std::string::npos) found.push_back(e.path().string());
  return found;
}

}  // namespace

TEST(PlaceSignal, SigtermNeverLeavesTempFilesOrATornManifest) {
  fs::path dir = fs::temp_directory_path() / ("cx_place_signal_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "models");
  ASSERT_TRUE(cx::testing::writeTestModel("litCube", dir / "models", true).ok());
  ASSERT_TRUE(expo::saveExpoManifest(placetest::makePlaceTestExpo(), dir / "expo.json").ok());
  fs::path model = dir / "models" / "litCube.glb";

  auto t0 = std::chrono::steady_clock::now();
  int status = 0;
  pid_t first = spawnPlaceForSignal(dir, model, 5);
  waitpid(first, &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  const double runUs = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count();
  auto atFive = readFileText(dir / "expo.json");
  waitpid(spawnPlaceForSignal(dir, model, 6), &status, 0);
  auto atSix = readFileText(dir / "expo.json");
  ASSERT_TRUE(atFive.ok() && atSix.ok());
  ASSERT_NE(*atFive, *atSix);

  std::mt19937 rng(4321);
  // Two thirds of the signals in the last 40% of a run, where the model and the manifest are written.
  std::uniform_real_distribution<double> anywhere(0.0, 1.1), late(0.6, 1.1);
  int placed = 0, interrupted = 0, early = 0;
  std::string previous = *atSix;
  for (int i = 0; i < 30; ++i) {
    const int z = (i % 2 == 0) ? 5 : 6;
    pid_t pid = spawnPlaceForSignal(dir, model, z);
    ASSERT_GT(pid, 0);
    std::this_thread::sleep_for(std::chrono::microseconds(int64_t(runUs * (i % 3 == 0 ? anywhere(rng) : late(rng)))));
    kill(pid, SIGTERM);
    waitpid(pid, &status, 0);
    if (WIFSIGNALED(status)) {
      ASSERT_EQ(WTERMSIG(status), SIGTERM) << "iteration " << i;
      ++early;
    } else {
      ASSERT_TRUE(WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == 128 + SIGTERM)
          << "iteration " << i << ": exit status " << WEXITSTATUS(status);
      (WEXITSTATUS(status) == 0 ? placed : interrupted)++;
    }
    std::vector<std::string> temps = tempFilesBelow(dir);
    ASSERT_TRUE(temps.empty()) << "iteration " << i << ": left " << temps.front();
    auto text = readFileText(dir / "expo.json");
    ASSERT_TRUE(text.ok()) << text.message();
    const std::string& wanted = z == 5 ? *atFive : *atSix;
    ASSERT_TRUE(*text == previous || *text == wanted) << "iteration " << i << ": torn or foreign manifest";
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      EXPECT_EQ(*text, previous) << "iteration " << i << ": interrupted, yet the manifest changed";
    }
    previous = *text;
  }
  std::printf("[ place signal ] one run %.0f us; 30 SIGTERMs: %d placed, %d interrupted before writing, %d at start-up\n",
              runUs, placed, interrupted, early);
  fs::remove_all(dir);
}
