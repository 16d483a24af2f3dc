#include "cx/core/shutdown.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstring>

namespace cx {
namespace {

static_assert(std::atomic<int>::is_always_lock_free, "the signal handler needs a lock-free flag");

std::atomic<int> gFirstSignal{0};

// Temp-file slots: Free -> Writing (the path is being copied in) -> Ready (the handler may unlink it).
enum SlotState : int { kFree = 0, kWriting = 1, kReady = 2 };
constexpr int kSlots = 8;
constexpr size_t kPathBytes = 4096;
struct TempSlot {
  std::atomic<int> state{kFree};
  char path[kPathBytes];
};
TempSlot gTempSlots[kSlots];

void onShutdownSignal(int sig) {
  int expected = 0;
  if (gFirstSignal.compare_exchange_strong(expected, sig)) return;  // the first: the loops take it from here
  // The second: unlink() and sigaction() are async-signal-safe; the signal is blocked while this
  // handler runs, so the re-raised one is delivered, with the default action, when it returns.
  for (TempSlot& slot : gTempSlots) {
    if (slot.state.load() == kReady) ::unlink(slot.path);
  }
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  ::sigaction(sig, &dfl, nullptr);
  ::raise(sig);
}

}  // namespace

void installShutdownHandlers() {
  struct sigaction sa {};
  sa.sa_handler = onShutdownSignal;
  sigemptyset(&sa.sa_mask);
  sigaddset(&sa.sa_mask, SIGINT);  // one handler at a time, whichever of the two arrives
  sigaddset(&sa.sa_mask, SIGTERM);
  sa.sa_flags = SA_RESTART;
  ::sigaction(SIGINT, &sa, nullptr);
  ::sigaction(SIGTERM, &sa, nullptr);
}

int shutdownSignal() { return gFirstSignal.load(); }

const char* signalName(int signal) {
  switch (signal) {
    case SIGINT: return "SIGINT";
    case SIGTERM: return "SIGTERM";
    default: return "a signal";
  }
}

TempFileGuard::TempFileGuard(const std::filesystem::path& path) {
  const std::string& p = path.native();
  if (p.size() >= kPathBytes) return;
  for (int i = 0; i < kSlots; ++i) {
    int expected = kFree;
    if (!gTempSlots[i].state.compare_exchange_strong(expected, kWriting)) continue;
    std::memcpy(gTempSlots[i].path, p.c_str(), p.size() + 1);
    gTempSlots[i].state.store(kReady);
    slot_ = i;
    return;
  }
}

TempFileGuard::~TempFileGuard() {
  if (slot_ >= 0) gTempSlots[slot_].state.store(kFree);
}

}  // namespace cx
