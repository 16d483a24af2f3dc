#include "background_run.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <thread>
#include <vector>

#include "run_command.h"

extern char** environ;

namespace cx::testing {

BackgroundRun startInBackground(const std::string& command, const std::filesystem::path& outputFile) {
  BackgroundRun run;
  run.outputFile = outputFile;
  std::string sh = "/bin/sh", dashC = "-c", cmd = command;
  char* argv[] = {sh.data(), dashC.data(), cmd.data(), nullptr};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, outputFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);
  if (posix_spawn(&run.pid, sh.c_str(), &actions, &attr, argv, environ) != 0) run.pid = -1;
  posix_spawnattr_destroy(&attr);
  posix_spawn_file_actions_destroy(&actions);
  return run;
}

bool waitForFile(const std::filesystem::path& path, std::chrono::milliseconds timeout) {
  auto end = std::chrono::steady_clock::now() + timeout;
  std::error_code ec;
  while (std::chrono::steady_clock::now() < end) {
    if (std::filesystem::exists(path, ec) && std::filesystem::file_size(path, ec) > 0 && !ec) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

pid_t readPid(const std::filesystem::path& path) {
  std::ifstream in(path);
  long pid = -1;
  in >> pid;
  return in ? pid_t(pid) : -1;
}

BackgroundExit waitForExit(const BackgroundRun& run, std::chrono::milliseconds timeout) {
  BackgroundExit r;
  if (run.pid <= 0) return r;
  auto end = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  for (;;) {
    pid_t done = waitpid(run.pid, &status, WNOHANG);
    if (done == run.pid) break;
    if (done < 0) return r;
    if (std::chrono::steady_clock::now() >= end) {
      r.timedOut = true;
      kill(-run.pid, SIGKILL);
      waitpid(run.pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  r.exited = WIFEXITED(status);
  r.exitCode = r.exited ? WEXITSTATUS(status) : -1;
  r.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  r.output = readText(run.outputFile);
  return r;
}

}  // namespace cx::testing
