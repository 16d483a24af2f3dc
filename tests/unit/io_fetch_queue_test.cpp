#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <mutex>
#include <vector>

#include "cx/io/fetch_queue.h"
#include "io_test_server.h"

using namespace cx::io;
using cx::Result;
using cx::io::test::ScratchDir;

namespace {

// Holds a worker inside a callback until released, so jobs can queue up behind it.
struct Gate {
  std::promise<void> entered, release;
  std::shared_future<void> released = release.get_future().share();
  FetchQueue::Callback blocker() {
    return [this](Result<FetchResult>) {
      entered.set_value();
      released.wait();
    };
  }
};

}  // namespace

TEST(IoFetchQueue, RunsEveryJob) {
  ScratchDir dir("queue_all");
  for (int i = 0; i < 20; ++i)
    test::writeFile(dir.path() / fmt::format("{}.bin", i), std::string(size_t(i), 'x'));
  FetchProgress progress;
  FetchOptions options;
  options.progress = &progress;
  std::mutex mutex;
  std::vector<int> sizes;
  {
    FetchQueue queue(options, 2);
    for (int i = 0; i < 20; ++i)
      queue.submit((dir.path() / fmt::format("{}.bin", i)).string(), i % 3, [&](Result<FetchResult> r) {
        ASSERT_TRUE(r.ok()) << r.message();
        std::lock_guard lock(mutex);
        sizes.push_back(int(r->bytes.size()));
      });
    queue.waitIdle();
    EXPECT_EQ(sizes.size(), 20u);
  }
  EXPECT_EQ(progress.filesTotal.load(), 20u);
  EXPECT_EQ(progress.filesDone.load(), 20u);
  EXPECT_EQ(progress.filesFailed.load(), 0u);
  EXPECT_EQ(progress.bytesDone.load(), 190u);
}

TEST(IoFetchQueue, LowerPriorityNumberRunsFirstOnOneWorker) {
  ScratchDir dir("queue_priority");
  test::writeFile(dir.path() / "f.bin", "x");
  std::string file = (dir.path() / "f.bin").string();
  std::vector<int> order;  // written by the single worker only
  Gate gate;
  FetchQueue queue({}, 1);
  queue.submit(file, 0, gate.blocker());
  gate.entered.get_future().wait();
  for (int p : {5, 1, 3, 1, 0, 9})
    queue.submit(file, p, [&order, p](Result<FetchResult> r) {
      EXPECT_TRUE(r.ok());
      order.push_back(p);
    });
  gate.release.set_value();
  queue.waitIdle();
  EXPECT_EQ(order, (std::vector<int>{0, 1, 1, 3, 5, 9}));
}

TEST(IoFetchQueue, CancelAllCallsEveryCallbackOnce) {
  ScratchDir dir("queue_cancel");
  test::writeFile(dir.path() / "f.bin", "x");
  std::string file = (dir.path() / "f.bin").string();
  FetchProgress progress;
  FetchOptions options;
  options.progress = &progress;
  std::atomic<int> cancelled{0}, succeeded{0};
  Gate gate;
  {
    FetchQueue queue(options, 1);
    queue.submit(file, 0, gate.blocker());
    gate.entered.get_future().wait();
    for (int i = 0; i < 5; ++i)
      queue.submit(file, 1, [&](Result<FetchResult> r) {
        ASSERT_FALSE(r.ok());
        EXPECT_NE(r.message().find("cancelled"), std::string::npos);
        ++cancelled;
      });
    queue.cancelAll();
    EXPECT_EQ(cancelled.load(), 5);
    gate.release.set_value();
    queue.submit(file, 0, [&](Result<FetchResult> r) { succeeded += r.ok() ? 1 : 0; });
    queue.waitIdle();
  }
  EXPECT_EQ(succeeded.load(), 1);
  EXPECT_EQ(progress.filesDone.load(), progress.filesTotal.load());
  EXPECT_EQ(progress.filesFailed.load(), 5u);
}

TEST(IoFetchQueue, DestructorAbortsARunningTransfer) {
  ScratchDir dir("queue_shutdown");
  test::TestServer server(dir.path(), dir.path());
  CX_REQUIRE_SERVER(server);
  FetchOptions options;
  options.limits.stallTimeoutMs = 60000;
  std::promise<std::string> message;
  auto start = std::chrono::steady_clock::now();
  {
    FetchQueue queue(options, 2);
    queue.submit(server.url("/stall/60"), 0,
                 [&](Result<FetchResult> r) { message.set_value(r.ok() ? "ok" : r.message()); });
    queue.submit(server.url("/stall/60"), 0, [](Result<FetchResult>) {});
    for (int i = 0; i < 500 && server.countRequests("/stall/60") < 2; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(message.get_future().get(), server.url("/stall/60") + ": cancelled");
  EXPECT_LT(seconds, 10.0);
}
