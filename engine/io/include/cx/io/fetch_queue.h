#pragma once
// A small asynchronous loader over fetch(): worker threads take jobs lowest priority number first
// (FIFO among equal priorities).
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "cx/core/result.h"
#include "cx/io/fetch.h"

namespace cx::io {

class FetchQueue {
 public:
  using Callback = std::function<void(Result<FetchResult>)>;

  // Starts `workerCount` threads (at least 1). `options` apply to every job; what they point to
  // (cache, budget, progress) must outlive the queue. options.cancelled is replaced by the
  // queue's own cancellation.
  explicit FetchQueue(FetchOptions options = {}, int workerCount = 2);
  // cancelAll(), then joins the workers. Every callback has run when it returns.
  ~FetchQueue();
  FetchQueue(const FetchQueue&) = delete;
  FetchQueue& operator=(const FetchQueue&) = delete;

  // Queues a fetch of `locator`. `done` is called exactly once: on a worker thread with the
  // result, or with a "cancelled" error (see cancelAll). It must not call cancelAll or waitIdle or
  // destroy the queue; it may submit more jobs (during destruction those are cancelled at once,
  // their callback running on the submitting thread).
  void submit(std::string locator, int priority, Callback done);

  // Drops every queued job, calling its callback with a "<locator>: cancelled" error on the
  // calling thread, and aborts running transfers, whose callbacks then get that error on their
  // worker thread. Jobs submitted afterwards run normally.
  void cancelAll();

  // Blocks until no job is queued or running.
  void waitIdle();

 private:
  struct Job {
    std::string locator;
    Callback done;
    uint64_t generation = 0;
  };

  void workerLoop();

  FetchOptions options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::map<std::pair<int, uint64_t>, Job> pending_;  // (priority, submission order)
  uint64_t nextSequence_ = 0;
  int running_ = 0;
  bool stopping_ = false;
  std::atomic<uint64_t> generation_{0};  // bumped by cancelAll; a job of an older one is cancelled
  std::vector<std::thread> workers_;
};

}  // namespace cx::io
