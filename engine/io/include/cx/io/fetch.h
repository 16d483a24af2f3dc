#pragma once
// One loading path for expo files: a local path or an http/https URL goes in, bytes come out.
// HTTP(S) goes through libcurl with TLS verification always on, http/https only (redirects
// included), a per-file size cap, a stall time-out, bounded redirects and retries with
// exponential backoff on transient failures. An optional disk cache revalidates with
// If-None-Match / If-Modified-Since and serves an offline mode. Errors are one line naming the
// locator, e.g. "https://h/x.glb: HTTP 404".
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "cx/core/result.h"

namespace cx::io {

struct DiskCache;

// Per-file limits. The defaults suit a published expo: big glb files, slow links, a CDN.
struct FetchLimits {
  uint64_t maxBytes = uint64_t(256) << 20;  // largest body accepted, per file
  int maxRedirects = 5;
  int connectTimeoutMs = 10000;
  int stallTimeoutMs = 15000;  // no bytes for this long is a time-out (there is no total time-out)
  int retries = 2;             // extra attempts after a transient failure (connect, time-out, 5xx, 429)
  int retryBackoffMs = 250;    // wait before the first retry; doubles for each further one
};

// A total byte allowance shared by all fetches of one expo, so a hostile server cannot fill
// memory or disk across many files each under the per-file cap. Thread-safe.
class FetchBudget {
 public:
  explicit FetchBudget(uint64_t maxTotalBytes) : max_(maxTotalBytes) {}
  FetchBudget(const FetchBudget&) = delete;
  FetchBudget& operator=(const FetchBudget&) = delete;

  // Takes `bytes` from the allowance; false (and nothing taken) when that would exceed the total.
  bool consume(uint64_t bytes);
  // Gives back bytes taken for a transfer that then failed.
  void release(uint64_t bytes);
  uint64_t used() const { return used_.load(); }
  uint64_t limit() const { return max_; }

 private:
  const uint64_t max_;
  std::atomic<uint64_t> used_{0};
};

// Counters for a progress bar; read them from any thread. fetch() adds delivered body bytes to
// bytesDone (from network, cache or disk; bytes of a failed attempt are taken back). FetchQueue
// adds to filesTotal on submit and to filesDone (and filesFailed) when a job's callback has run.
struct FetchProgress {
  std::atomic<uint64_t> filesTotal{0};
  std::atomic<uint64_t> filesDone{0};  // finished, failed or cancelled
  std::atomic<uint64_t> filesFailed{0};
  std::atomic<uint64_t> bytesDone{0};
};

// Everything a fetch needs besides the locator. Pointed-to objects are owned by the caller and
// must outlive the fetch (or the FetchQueue holding these options).
struct FetchOptions {
  FetchLimits limits;
  const DiskCache* cache = nullptr;  // HTTP responses are cached here when set
  bool offline = false;              // HTTP locators come from `cache` only; no network at all
  FetchBudget* budget = nullptr;     // every delivered body is charged to it when set
  FetchProgress* progress = nullptr;
  std::function<bool()> cancelled;  // polled during a transfer; true aborts it with "cancelled"
};

struct FetchResult {
  std::vector<uint8_t> bytes;
  bool fromCache = false;  // the body came from the disk cache (a 304 or an offline hit)
  int httpStatus = 0;      // last HTTP status (200, or 304 for a revalidated cache hit); 0 otherwise
  std::string finalUrl;    // the URL after redirects; the path for a local file
};

// True when `locator` names a URL (it starts with "scheme:" with a scheme of two or more
// letters), false for a local path. Only http and https URLs can be fetched.
bool isUrlLocator(std::string_view locator);

// Reads a local file or downloads an http/https URL. Any other scheme (file:, ftp:, ...) is
// refused. Safe to call from several threads at once.
Result<FetchResult> fetch(std::string_view locator, const FetchOptions& options = {});

}  // namespace cx::io
