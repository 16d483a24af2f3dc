#pragma once
// A disk cache of HTTP bodies for fetch(). Each URL has two files named by the FNV-1a 64 hash of
// the URL: "<hash>.body" (the bytes) and "<hash>.meta" (URL, ETag, Last-Modified, size and the
// body's hash), each written atomically. A read checks the stored URL (so a hash collision is a
// miss, never the wrong file) and the body's size and hash (so a torn pair, e.g. after a crash
// between the two writes or two writers racing, is a miss too).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cx/core/result.h"

namespace cx::io {

// $XDG_CACHE_HOME/cloudexpo when XDG_CACHE_HOME is an absolute path, else $HOME/.cache/cloudexpo,
// else an empty path (no cache).
std::filesystem::path defaultCacheDir();

struct DiskCache {
  std::filesystem::path dir = defaultCacheDir();  // created on the first store
};

struct CacheEntry {
  std::string url;
  std::string etag;          // as the server sent it, quotes included; may be empty
  std::string lastModified;  // HTTP date as the server sent it; may be empty
  std::vector<uint8_t> body;
};

// The cached entry for `url`, or nullopt when there is none, it belongs to another URL, it is
// damaged, or its body is larger than `maxBytes`.
std::optional<CacheEntry> loadCacheEntry(const DiskCache& cache, std::string_view url, uint64_t maxBytes);

// Stores `entry` (body first, then metadata), creating the cache directory when needed.
Status storeCacheEntry(const DiskCache& cache, const CacheEntry& entry);

// The entry's file name stem inside cache.dir: 16 lowercase hex digits of fnv1a64(url).
std::string cacheKey(std::string_view url);

uint64_t fnv1a64(std::span<const uint8_t> bytes);

}  // namespace cx::io
