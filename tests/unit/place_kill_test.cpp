// Atomic save: `expo-tool place` is killed with SIGKILL at random moments; every time the manifest
// must parse and be byte-equal to either the old or the new version (never torn or half-written).
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

// Starts `expo-tool place DIR --exhibitor E1 --model MODEL --at 5,Z`; returns the pid.
pid_t spawnPlace(const fs::path& dir, const fs::path& model, int z) {
  std::vector<std::string> args = {CX_TOOL_PATH,
                                   "--log",
                                   "off",
                                   "place",
                                   dir.string(),
                                   "--exhibitor",
                                   "E1",
                                   "--model",
                                   model.string(),
                                   "--at",
                                   "5," + std::to_string(z)};
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

int waitExit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST(PlaceKill, ManifestIsAlwaysTheOldOrTheNewVersion) {
  fs::path dir = fs::temp_directory_path() / ("cx_place_kill_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "models");
  ASSERT_TRUE(cx::testing::writeTestModel("litCube", dir / "models", true).ok());
  ASSERT_TRUE(expo::saveExpoManifest(placetest::makePlaceTestExpo(), dir / "expo.json").ok());
  fs::path model = dir / "models" / "litCube.glb";

  // The two versions: E1's booth at z = 5 and at z = 6 (both valid).
  auto t0 = std::chrono::steady_clock::now();
  ASSERT_EQ(waitExit(spawnPlace(dir, model, 5)), 0);
  auto runMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  auto atFive = readFileText(dir / "expo.json");
  ASSERT_EQ(waitExit(spawnPlace(dir, model, 6)), 0);
  auto atSix = readFileText(dir / "expo.json");
  ASSERT_TRUE(atFive.ok() && atSix.ok());
  ASSERT_NE(*atFive, *atSix);

  std::mt19937 rng(1234);
  // Delays spread over the whole run, including its final write and rename.
  std::uniform_int_distribution<int> delayUs(0, int(runMs * 1000.0 * 1.2) + 1000);
  int killed = 0, finished = 0, newer = 0;
  std::string previous = *atSix;
  for (int i = 0; i < 30; ++i) {
    int z = (i % 2 == 0) ? 5 : 6;
    pid_t pid = spawnPlace(dir, model, z);
    ASSERT_GT(pid, 0);
    std::this_thread::sleep_for(std::chrono::microseconds(delayUs(rng)));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    (WIFSIGNALED(status) ? killed : finished)++;
    auto text = readFileText(dir / "expo.json");
    ASSERT_TRUE(text.ok()) << text.message();
    const std::string& wanted = z == 5 ? *atFive : *atSix;
    ASSERT_TRUE(*text == previous || *text == wanted) << "iteration " << i << ": torn or foreign manifest";
    ASSERT_TRUE(expo::parseExpoManifest(*text, "expo.json").ok()) << "iteration " << i;
    if (*text == wanted && wanted != previous) ++newer;
    previous = *text;
  }
  std::printf("[ place kill ] one run %.0f ms; 30 runs: %d killed, %d finished, %d wrote the new version\n",
              runMs, killed, finished, newer);
  fs::remove_all(dir);
}
