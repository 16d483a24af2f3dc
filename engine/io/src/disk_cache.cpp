#include "cx/io/disk_cache.h"

#include <fmt/format.h>

#include <cstdlib>
#include <system_error>

#include "cx/core/file.h"

namespace fs = std::filesystem;

namespace cx::io {
namespace {

constexpr std::string_view kMetaMagic = "cloudexpo-cache 1";
constexpr uint64_t kMaxMetaBytes = 16 * 1024;

std::span<const uint8_t> asBytes(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

// Header values end up on one metadata line each; a value holding a line break is dropped.
bool isOneLine(std::string_view s) {
  return s.find_first_of("\r\n") == std::string_view::npos;
}

struct Meta {
  std::string url, etag, lastModified;
  uint64_t size = 0;
  uint64_t bodyHash = 0;
};

std::optional<Meta> parseMeta(std::string_view text) {
  Meta m;
  bool magic = false, haveUrl = false, haveSize = false, haveHash = false;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    if (nl == std::string_view::npos) return std::nullopt;  // truncated
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl + 1);
    if (!magic) {
      if (line != kMetaMagic) return std::nullopt;
      magic = true;
      continue;
    }
    size_t space = line.find(' ');
    std::string_view key = line.substr(0, space);
    std::string_view value = space == std::string_view::npos ? std::string_view() : line.substr(space + 1);
    if (key == "url") {
      m.url = value;
      haveUrl = true;
    } else if (key == "etag") {
      m.etag = value;
    } else if (key == "last-modified") {
      m.lastModified = value;
    } else if (key == "size" || key == "fnv1a64") {
      uint64_t v = 0;
      int base = key == "size" ? 10 : 16;
      if (value.empty()) return std::nullopt;
      for (char ch : value) {
        int digit = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : 99;
        if (digit >= base || v > (UINT64_MAX - uint64_t(digit)) / uint64_t(base)) return std::nullopt;
        v = v * uint64_t(base) + uint64_t(digit);
      }
      (key == "size" ? m.size : m.bodyHash) = v;
      (key == "size" ? haveSize : haveHash) = true;
    }
  }
  if (!magic || !haveUrl || !haveSize || !haveHash) return std::nullopt;
  return m;
}

}  // namespace

uint64_t fnv1a64(std::span<const uint8_t> bytes) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (uint8_t b : bytes) {
    h ^= b;
    h *= 0x100000001b3ull;
  }
  return h;
}

std::string cacheKey(std::string_view url) {
  return fmt::format("{:016x}", fnv1a64(asBytes(url)));
}

fs::path defaultCacheDir() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg && xdg[0] == '/') return fs::path(xdg) / "cloudexpo";
  const char* home = std::getenv("HOME");
  if (home && home[0] == '/') return fs::path(home) / ".cache" / "cloudexpo";
  return {};
}

std::optional<CacheEntry> loadCacheEntry(const DiskCache& cache, std::string_view url, uint64_t maxBytes) {
  if (cache.dir.empty()) return std::nullopt;
  std::string key = cacheKey(url);
  auto metaText = readFileText(cache.dir / (key + ".meta"), kMaxMetaBytes);
  if (!metaText) return std::nullopt;
  std::optional<Meta> meta = parseMeta(*metaText);
  // Another URL with the same hash, or a body too big for the caller: a miss either way.
  if (!meta || meta->url != url || meta->size > maxBytes) return std::nullopt;
  auto body = readFileBytes(cache.dir / (key + ".body"), meta->size);
  if (!body || body->size() != meta->size || fnv1a64(*body) != meta->bodyHash) return std::nullopt;
  CacheEntry entry;
  entry.url = std::move(meta->url);
  entry.etag = std::move(meta->etag);
  entry.lastModified = std::move(meta->lastModified);
  entry.body = std::move(*body);
  return entry;
}

Status storeCacheEntry(const DiskCache& cache, const CacheEntry& entry) {
  if (cache.dir.empty()) return makeError("no cache directory");
  if (!isOneLine(entry.url)) return makeError("URL holds a line break");
  std::error_code ec;
  fs::create_directories(cache.dir, ec);
  if (ec)
    return makeError(
        fmt::format("{}: cannot create the cache directory: {}", cache.dir.string(), ec.message()));
  std::string key = cacheKey(entry.url);
  if (Status s = writeFileAtomic(cache.dir / (key + ".body"), entry.body); !s) return s;
  std::string meta = fmt::format("{}\nurl {}\netag {}\nlast-modified {}\nsize {}\nfnv1a64 {:016x}\n",
                                 kMetaMagic, entry.url, isOneLine(entry.etag) ? entry.etag : "",
                                 isOneLine(entry.lastModified) ? entry.lastModified : "", entry.body.size(),
                                 fnv1a64(entry.body));
  return writeFileAtomic(cache.dir / (key + ".meta"), std::string_view(meta));
}

}  // namespace cx::io
