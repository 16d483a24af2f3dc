// cx/core/shutdown.h in a child process: the first SIGTERM / SIGINT only sets the flag (the process
// goes on), the second forces the exit with the signal's default action and removes the temp files
// being written; a big atomic write interrupted by one signal completes, leaving no temp file.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "cx/core/file.h"
#include "cx/core/shutdown.h"

namespace fs = std::filesystem;

namespace {

fs::path shutdownTestDir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("cx-shutdown-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

int tempFilesIn(const fs::path& dir) {
  int n = 0;
  for (const auto& e : fs::directory_iterator(dir)) n += e.path().filename().string().find(".tmp-") != std::string::npos;
  return n;
}

// Runs `body` in a forked child; returns its wait status.
template <class F>
int inChild(F body) {
  pid_t pid = fork();
  if (pid == 0) _exit(body());
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

}  // namespace

TEST(Shutdown, FirstSignalSetsTheFlagSecondForcesTheExitAndRemovesTempFiles) {
  fs::path dir = shutdownTestDir("second");
  const fs::path temp = dir / ".expo.json.tmp-test";
  int status = inChild([&] {
    cx::installShutdownHandlers();
    if (cx::shutdownRequested()) return 10;
    raise(SIGTERM);
    if (cx::shutdownSignal() != SIGTERM) return 11;  // still alive, flag set
    std::ofstream(temp) << "half";
    cx::TempFileGuard guard(temp);
    raise(SIGINT);  // the second signal (of either kind): the default action ends the process
    return 12;
  });
  ASSERT_TRUE(WIFSIGNALED(status)) << "exit status " << (WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  EXPECT_EQ(WTERMSIG(status), SIGINT);
  EXPECT_FALSE(fs::exists(temp)) << "the temp file of the forced exit stayed";
  fs::remove_all(dir);
}

TEST(Shutdown, ReleasedGuardsAreNotRemoved) {
  fs::path dir = shutdownTestDir("released");
  const fs::path kept = dir / "kept.txt";
  int status = inChild([&] {
    cx::installShutdownHandlers();
    std::ofstream(kept) << "done";
    { cx::TempFileGuard guard(kept); }  // the write finished and was renamed: nothing to remove
    raise(SIGTERM);
    raise(SIGTERM);
    return 0;
  });
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(WTERMSIG(status), SIGTERM);
  EXPECT_TRUE(fs::exists(kept));
  fs::remove_all(dir);
}

TEST(Shutdown, AnAtomicWriteInterruptedByOneSignalCompletes) {
  fs::path dir = shutdownTestDir("write");
  const fs::path target = dir / "big.bin";
  // 64 MiB with an fsync: long enough for the signal to land while the temp file is being written.
  int status = inChild([&] {
    cx::installShutdownHandlers();
    std::vector<uint8_t> bytes(64u << 20, 0x5a);
    std::thread signaller([&] {
      for (int i = 0; i < 2000 && tempFilesIn(dir) == 0; ++i) std::this_thread::sleep_for(std::chrono::microseconds(500));
      kill(getpid(), SIGTERM);
    });
    cx::Status s = cx::writeFileAtomic(target, bytes);
    signaller.join();
    return s.ok() && cx::shutdownSignal() == SIGTERM ? 0 : 20;
  });
  ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << WTERMSIG(status);
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_EQ(fs::file_size(target), 64u << 20);
  EXPECT_EQ(tempFilesIn(dir), 0);
  fs::remove_all(dir);
}

TEST(Shutdown, SignalNames) {
  EXPECT_STREQ(cx::signalName(SIGINT), "SIGINT");
  EXPECT_STREQ(cx::signalName(SIGTERM), "SIGTERM");
}
