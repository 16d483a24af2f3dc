#pragma once
// A command run in the background so that a test can signal it: started through /bin/sh in its own
// process group, stdout and stderr to a file; waited for with a time-out, after which the whole group
// is killed (a test never leaves a viewer or an Xvfb behind). Used by the signal tests.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>

namespace cx::testing {

struct BackgroundRun {
  pid_t pid = -1;  // /bin/sh, the leader of its process group
  std::filesystem::path outputFile;
};

BackgroundRun startInBackground(const std::string& command, const std::filesystem::path& outputFile);

// True once `path` exists and is not empty, false after `timeout`.
bool waitForFile(const std::filesystem::path& path, std::chrono::milliseconds timeout);

// The pid written into `path` (by `echo $$ > path; exec program ...`), or -1.
pid_t readPid(const std::filesystem::path& path);

struct BackgroundExit {
  bool exited = false;   // exited normally
  int exitCode = -1;     // when exited
  int signal = 0;        // the signal that ended it, when not exited normally
  bool timedOut = false; // killed by the test after the time-out
  std::string output;
};

// Waits for the run to end; after `timeout` its process group is killed with SIGKILL.
BackgroundExit waitForExit(const BackgroundRun& run, std::chrono::milliseconds timeout);

}  // namespace cx::testing
