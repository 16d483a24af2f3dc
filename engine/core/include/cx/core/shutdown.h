#pragma once
// SIGINT and SIGTERM as a request to shut down in order.
//
// The first signal only records its number (the handler does nothing else: no allocation, no
// logging, no locks); main loops poll shutdownRequested() and leave through their normal teardown.
// A second signal forces the exit: the handler removes the temp files being written (TempFileGuard)
// and lets the signal's default action end the process. Signals are process-wide, so this state is
// too: it is the one piece of global state here, kept to a lock-free integer and fixed slots.
#include <filesystem>

namespace cx {

// Installs the handler for SIGINT and SIGTERM (SA_RESTART, so blocking calls elsewhere are not
// cut short). Idempotent.
void installShutdownHandlers();

// 0 while no signal arrived; otherwise the first signal's number.
int shutdownSignal();
inline bool shutdownRequested() { return shutdownSignal() != 0; }

// "SIGINT", "SIGTERM" or "signal N".
const char* signalName(int signal);

// The exit status a program interrupted before finishing its work returns: 128 + the signal.
inline int interruptedExitStatus() { return 128 + shutdownSignal(); }

// While alive, `path` (a temp file being written) is removed if a second signal forces the exit.
// A few slots (8); when all are taken the file is simply not registered.
class TempFileGuard {
 public:
  explicit TempFileGuard(const std::filesystem::path& path);
  ~TempFileGuard();
  TempFileGuard(const TempFileGuard&) = delete;
  TempFileGuard& operator=(const TempFileGuard&) = delete;

 private:
  int slot_ = -1;
};

}  // namespace cx
