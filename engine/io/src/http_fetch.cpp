// The HTTP(S) half of fetch(): one libcurl easy handle per attempt, no shared handles, so
// concurrent fetches from several threads need no locking beyond curl_global_init.
#include <curl/curl.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "cx/core/url.h"
#include "cx/io/disk_cache.h"
#include "fetch_internal.h"

namespace cx::io::detail {
namespace {

// A non-2xx response body is read only to keep the connection sane; past this it is dropped.
constexpr uint64_t kMaxErrorBodyBytes = 64 * 1024;

Status initCurlOnce() {
  static std::once_flag once;
  static CURLcode initResult = CURLE_OK;
  std::call_once(once, [] { initResult = curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (initResult != CURLE_OK)
    return makeError(fmt::format("libcurl initialisation failed: {}", curl_easy_strerror(initResult)));
  return {};
}

struct CurlDeleter {
  void operator()(CURL* h) const { curl_easy_cleanup(h); }
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using CurlHandle = std::unique_ptr<CURL, CurlDeleter>;
using CurlList = std::unique_ptr<curl_slist, CurlDeleter>;

// State of one attempt, shared with the libcurl callbacks.
struct Attempt {
  const FetchOptions* options = nullptr;
  std::vector<uint8_t> body;
  long status = 0;  // of the latest status line (each redirect hop starts a new one)
  std::string etag;
  std::string lastModified;
  uint64_t discarded = 0;  // body bytes of non-2xx responses
  uint64_t charged = 0;    // taken from the budget and added to progress
  bool tooLarge = false;
  bool overBudget = false;
  bool cancelled = false;
  bool stalled = false;
  // Set by the first response header; from then on the stall check runs here with millisecond
  // precision (libcurl's low-speed check averages over seconds and reacts late after a burst).
  std::optional<std::chrono::steady_clock::time_point> lastActivity;
  curl_off_t lastDownloaded = 0;

  // A failed attempt gives back what it charged.
  void refund() {
    if (options->budget) options->budget->release(charged);
    if (options->progress) options->progress->bytesDone -= charged;
    charged = 0;
  }
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

bool startsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != std::tolower(static_cast<unsigned char>(prefix[i])))
      return false;
  return true;
}

size_t onHeader(char* data, size_t size, size_t count, void* user) {
  auto* a = static_cast<Attempt*>(user);
  std::string_view line(data, size * count);
  a->lastActivity = std::chrono::steady_clock::now();
  if (line.starts_with("HTTP/")) {
    size_t space = line.find(' ');
    a->status =
        space == std::string_view::npos ? 0 : std::atol(std::string(line.substr(space + 1, 3)).c_str());
    a->etag.clear();
    a->lastModified.clear();
  } else if (startsWithNoCase(line, "etag:")) {
    a->etag = std::string(trim(line.substr(5)));
  } else if (startsWithNoCase(line, "last-modified:")) {
    a->lastModified = std::string(trim(line.substr(14)));
  }
  return size * count;
}

size_t onBody(char* data, size_t size, size_t count, void* user) {
  auto* a = static_cast<Attempt*>(user);
  size_t n = size * count;
  if (a->status < 200 || a->status > 299) {
    a->discarded += n;
    return a->discarded > kMaxErrorBodyBytes ? 0 : n;
  }
  const FetchOptions& o = *a->options;
  if (a->body.size() + n > o.limits.maxBytes) {
    a->tooLarge = true;
    return 0;
  }
  if (o.budget && !o.budget->consume(n)) {
    a->overBudget = true;
    return 0;
  }
  a->charged += n;
  if (o.progress) o.progress->bytesDone += n;
  a->body.insert(a->body.end(), data, data + n);
  return n;
}

int onProgress(void* user, curl_off_t, curl_off_t dlnow, curl_off_t, curl_off_t) {
  auto* a = static_cast<Attempt*>(user);
  if (a->options->cancelled && a->options->cancelled()) {
    a->cancelled = true;
    return 1;
  }
  if (a->lastActivity) {
    auto now = std::chrono::steady_clock::now();
    if (dlnow != a->lastDownloaded) {
      a->lastDownloaded = dlnow;
      a->lastActivity = now;
    } else if (now - *a->lastActivity > std::chrono::milliseconds(a->options->limits.stallTimeoutMs)) {
      a->stalled = true;
      return 1;
    }
  }
  return 0;
}

std::string seconds(int ms) {
  return fmt::format("{:g} s", ms / 1000.0);
}

enum class Outcome { Done, Retry, Fail };

struct AttemptResult {
  Outcome outcome = Outcome::Fail;
  std::string error;  // the problem, without the URL
};

// Runs one request. `conditional` is the cache entry to revalidate, if any.
AttemptResult runAttempt(std::string_view url, const FetchOptions& options, const CacheEntry* conditional,
                         Attempt& a, std::string& finalUrl) {
  CurlHandle h(curl_easy_init());
  if (!h) return {Outcome::Fail, "cannot create a libcurl handle"};
  const FetchLimits& lim = options.limits;
  std::string urlString(url);
  char errbuf[CURL_ERROR_SIZE] = {};
  CURL* c = h.get();
  curl_easy_setopt(c, CURLOPT_URL, urlString.c_str());
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, static_cast<long>(std::max(0, lim.maxRedirects)));
  // TLS is always verified; there is deliberately no option to turn it off.
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(std::max(1, lim.connectTimeoutMs)));
  // A stall is less than 1 byte/s over the stall time (libcurl counts it in whole seconds).
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME,
                   static_cast<long>(std::max(1, (lim.stallTimeoutMs + 999) / 1000)));
  curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(lim.maxBytes));
  curl_easy_setopt(c, CURLOPT_USERAGENT, "CloudExpo/0.1");
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, onHeader);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &a);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, onBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &a);
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, onProgress);
  curl_easy_setopt(c, CURLOPT_XFERINFODATA, &a);

  CurlList headers;
  if (conditional) {
    curl_slist* list = nullptr;
    if (!conditional->etag.empty())
      list = curl_slist_append(list, ("If-None-Match: " + conditional->etag).c_str());
    if (!conditional->lastModified.empty())
      list = curl_slist_append(list, ("If-Modified-Since: " + conditional->lastModified).c_str());
    headers.reset(list);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  }

  CURLcode rc = curl_easy_perform(c);
  char* effective = nullptr;
  if (curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &effective) == CURLE_OK && effective) finalUrl = effective;

  if (a.cancelled) return {Outcome::Fail, "cancelled"};
  if (a.stalled)
    return {Outcome::Retry, fmt::format("timed out: no data for {}", seconds(lim.stallTimeoutMs))};
  if (a.tooLarge || rc == CURLE_FILESIZE_EXCEEDED)
    return {Outcome::Fail, fmt::format("response larger than the {}-byte limit", lim.maxBytes)};
  if (a.overBudget)
    return {Outcome::Fail,
            fmt::format("the expo download budget of {} bytes is used up", options.budget->limit())};
  if (rc != CURLE_OK) {
    std::string detail = errbuf[0] ? std::string(errbuf) : std::string(curl_easy_strerror(rc));
    switch (rc) {
      case CURLE_TOO_MANY_REDIRECTS:
        return {Outcome::Fail, fmt::format("too many redirects ({})", lim.maxRedirects)};
      case CURLE_OPERATION_TIMEDOUT: {
        curl_off_t connectUs = 0;
        curl_easy_getinfo(c, CURLINFO_CONNECT_TIME_T, &connectUs);
        if (connectUs == 0)
          return {Outcome::Retry,
                  fmt::format("connection timed out after {}", seconds(lim.connectTimeoutMs))};
        return {Outcome::Retry, fmt::format("timed out: no data for {}", seconds(lim.stallTimeoutMs))};
      }
      case CURLE_COULDNT_CONNECT:
      case CURLE_SEND_ERROR:
      case CURLE_RECV_ERROR:
      case CURLE_GOT_NOTHING:
      case CURLE_PARTIAL_FILE:
        return {Outcome::Retry, detail};
      case CURLE_PEER_FAILED_VERIFICATION:
        return {Outcome::Fail, "TLS certificate verification failed: " + detail};
      case CURLE_WRITE_ERROR:
        if (a.discarded > kMaxErrorBodyBytes) return {Outcome::Fail, fmt::format("HTTP {}", a.status)};
        return {Outcome::Fail, detail};
      default:
        return {Outcome::Fail, detail};
    }
  }
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  a.status = status;
  if (status >= 200 && status <= 299) return {Outcome::Done, {}};
  if (status == 304 && conditional) return {Outcome::Done, {}};
  if (status == 304) return {Outcome::Fail, "HTTP 304 to a request that was not conditional"};
  if (status >= 500 || status == 429) return {Outcome::Retry, fmt::format("HTTP {}", status)};
  return {Outcome::Fail, fmt::format("HTTP {}", status)};
}

// Waits `ms`, waking early when the fetch is cancelled. Returns false when cancelled.
bool backoff(int ms, const FetchOptions& options) {
  auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  while (std::chrono::steady_clock::now() < until) {
    if (options.cancelled && options.cancelled()) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min(ms, 20)));
  }
  return true;
}

Result<FetchResult> fromCacheEntry(std::string_view url, CacheEntry entry, int status, std::string finalUrl,
                                   const FetchOptions& options) {
  if (Status charged = chargeWholeBody(url, entry.body.size(), options); !charged) return charged.error();
  FetchResult result;
  result.bytes = std::move(entry.body);
  result.fromCache = true;
  result.httpStatus = status;
  result.finalUrl = std::move(finalUrl);
  return result;
}

}  // namespace

Result<FetchResult> fetchHttp(std::string_view url, const FetchOptions& options) {
  std::string why;
  if (!isAllowedLinkUrl(url, &why)) return makeError(fmt::format("{}: {}", url, why));
  const bool useCache = options.cache && !options.cache->dir.empty();

  std::optional<CacheEntry> cached;
  if (useCache) cached = loadCacheEntry(*options.cache, url, options.limits.maxBytes);
  if (options.offline) {
    if (!cached) return makeError(fmt::format("{}: not in the offline cache", url));
    return fromCacheEntry(url, std::move(*cached), 0, std::string(url), options);
  }
  if (Status init = initCurlOnce(); !init) return makeError(fmt::format("{}: {}", url, init.message()));

  const FetchLimits& lim = options.limits;
  const int attempts = 1 + std::max(0, lim.retries);
  AttemptResult last;
  for (int i = 0; i < attempts; ++i) {
    if (i > 0) {
      int wait = lim.retryBackoffMs * (1 << std::min(i - 1, 16));
      if (!backoff(wait, options)) return makeError(fmt::format("{}: cancelled", url));
    }
    Attempt a;
    a.options = &options;
    std::string finalUrl(url);
    last = runAttempt(url, options, cached ? &*cached : nullptr, a, finalUrl);
    if (last.outcome != Outcome::Done) {
      a.refund();
      if (last.outcome == Outcome::Fail) return makeError(fmt::format("{}: {}", url, last.error));
      continue;
    }
    if (a.status == 304) return fromCacheEntry(url, std::move(*cached), 304, std::move(finalUrl), options);
    if (useCache) {
      CacheEntry entry{std::string(url), std::move(a.etag), std::move(a.lastModified), std::move(a.body)};
      if (Status stored = storeCacheEntry(*options.cache, entry); !stored)
        spdlog::warn("{}: not cached: {}", url, stored.message());
      a.body = std::move(entry.body);
    }
    FetchResult result;
    result.bytes = std::move(a.body);
    result.httpStatus = static_cast<int>(a.status);
    result.finalUrl = std::move(finalUrl);
    return result;
  }
  if (attempts == 1) return makeError(fmt::format("{}: {}", url, last.error));
  return makeError(fmt::format("{}: {} (after {} attempts)", url, last.error, attempts));
}

}  // namespace cx::io::detail
