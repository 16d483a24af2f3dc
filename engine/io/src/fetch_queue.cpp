#include "cx/io/fetch_queue.h"

#include <fmt/format.h>

#include <algorithm>

namespace cx::io {

FetchQueue::FetchQueue(FetchOptions options, int workerCount) : options_(std::move(options)) {
  options_.cancelled = nullptr;
  int n = std::max(1, workerCount);
  workers_.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) workers_.emplace_back([this] { workerLoop(); });
}

FetchQueue::~FetchQueue() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cancelAll();
  wake_.notify_all();
  for (std::thread& t : workers_) t.join();
}

void FetchQueue::submit(std::string locator, int priority, Callback done) {
  if (options_.progress) ++options_.progress->filesTotal;
  {
    std::lock_guard lock(mutex_);
    if (!stopping_) {
      Job job{std::move(locator), std::move(done), generation_.load()};
      pending_.emplace(std::make_pair(priority, nextSequence_++), std::move(job));
      wake_.notify_one();
      return;
    }
  }
  // Submitted from a callback while the queue shuts down.
  if (options_.progress) {
    ++options_.progress->filesFailed;
    ++options_.progress->filesDone;
  }
  if (done) done(makeError(fmt::format("{}: cancelled", locator)));
}

void FetchQueue::cancelAll() {
  std::map<std::pair<int, uint64_t>, Job> dropped;
  {
    std::lock_guard lock(mutex_);
    ++generation_;  // running transfers see this through their `cancelled` hook
    dropped.swap(pending_);
    running_ += static_cast<int>(dropped.size());  // so waitIdle also waits for their callbacks
  }
  for (auto& [key, job] : dropped) {
    if (options_.progress) {
      ++options_.progress->filesFailed;
      ++options_.progress->filesDone;
    }
    if (job.done) job.done(makeError(fmt::format("{}: cancelled", job.locator)));
  }
  {
    std::lock_guard lock(mutex_);
    running_ -= static_cast<int>(dropped.size());
  }
  idle_.notify_all();
}

void FetchQueue::waitIdle() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return pending_.empty() && running_ == 0; });
}

void FetchQueue::workerLoop() {
  for (;;) {
    Job job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !pending_.empty(); });
      if (pending_.empty()) return;  // stopping, nothing left
      auto first = pending_.begin();
      job = std::move(first->second);
      pending_.erase(first);
      ++running_;
    }
    FetchOptions options = options_;
    const uint64_t generation = job.generation;
    options.cancelled = [this, generation] { return generation_.load() != generation; };
    Result<FetchResult> result =
        options.cancelled() ? Result<FetchResult>(makeError(fmt::format("{}: cancelled", job.locator)))
                            : fetch(job.locator, options);
    if (options_.progress) {
      if (!result) ++options_.progress->filesFailed;
      ++options_.progress->filesDone;
    }
    if (job.done) job.done(std::move(result));
    {
      std::lock_guard lock(mutex_);
      --running_;
    }
    idle_.notify_all();
  }
}

}  // namespace cx::io
