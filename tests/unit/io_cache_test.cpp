#include <gtest/gtest.h>

#include <cstdlib>

#include "cx/io/disk_cache.h"
#include "cx/io/fetch.h"
#include "io_test_server.h"

namespace fs = std::filesystem;
using namespace cx::io;
using cx::io::test::ScratchDir;
using cx::io::test::TestServer;

namespace {

std::vector<uint8_t> bytesOf(std::string_view s) {
  return {s.begin(), s.end()};
}

FetchOptions cachedOptions(const DiskCache& cache) {
  FetchOptions o;
  o.cache = &cache;
  o.limits.retries = 0;
  o.limits.stallTimeoutMs = 2000;
  return o;
}

}  // namespace

TEST(IoCache, SecondFetchRevalidatesAndGets304) {
  ScratchDir dir("cache_304");
  test::writeFile(dir.path() / "root/expo.json", "{\"venue\":1}");
  TestServer server(dir.path() / "root", dir.path());
  CX_REQUIRE_SERVER(server);
  DiskCache cache{dir.path() / "cache"};
  std::string url = server.url("/expo.json");

  auto first = fetch(url, cachedOptions(cache));
  ASSERT_TRUE(first.ok()) << first.message();
  EXPECT_FALSE(first->fromCache);
  EXPECT_EQ(first->httpStatus, 200);

  auto second = fetch(url, cachedOptions(cache));
  ASSERT_TRUE(second.ok()) << second.message();
  EXPECT_TRUE(second->fromCache);
  EXPECT_EQ(second->httpStatus, 304);
  EXPECT_EQ(second->bytes, bytesOf("{\"venue\":1}"));

  auto log = server.requests();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_NE(log[0].find("status=200 inm=-"), std::string::npos) << log[0];
  EXPECT_NE(log[1].find("status=304 inm=\""), std::string::npos) << log[1];
  EXPECT_EQ(log[1].find("ims=-"), std::string::npos) << log[1];  // Last-Modified is sent back too
}

TEST(IoCache, ChangedFileIsDownloadedAgain) {
  ScratchDir dir("cache_changed");
  test::writeFile(dir.path() / "root/a.txt", "old");
  TestServer server(dir.path() / "root", dir.path());
  CX_REQUIRE_SERVER(server);
  DiskCache cache{dir.path() / "cache"};
  std::string url = server.url("/a.txt");
  ASSERT_TRUE(fetch(url, cachedOptions(cache)).ok());
  test::writeFile(dir.path() / "root/a.txt", "new!");
  // Same second as the first write: only the ETag can tell, and the server prefers it.
  auto r = fetch(url, cachedOptions(cache));
  ASSERT_TRUE(r.ok()) << r.message();
  EXPECT_FALSE(r->fromCache);
  EXPECT_EQ(r->bytes, bytesOf("new!"));
  auto entry = loadCacheEntry(cache, url, 1024);
  ASSERT_TRUE(entry.has_value());
  EXPECT_EQ(entry->body, bytesOf("new!"));
}

TEST(IoCache, OfflineServesFromCacheAndFailsClearlyWhenMissing) {
  ScratchDir dir("cache_offline");
  test::writeFile(dir.path() / "root/a.txt", "cached body");
  DiskCache cache{dir.path() / "cache"};
  std::string url, missing;
  {
    TestServer server(dir.path() / "root", dir.path());
    CX_REQUIRE_SERVER(server);
    url = server.url("/a.txt");
    missing = server.url("/b.txt");
    ASSERT_TRUE(fetch(url, cachedOptions(cache)).ok());
  }  // the server is gone now
  FetchOptions offline = cachedOptions(cache);
  offline.offline = true;
  auto hit = fetch(url, offline);
  ASSERT_TRUE(hit.ok()) << hit.message();
  EXPECT_TRUE(hit->fromCache);
  EXPECT_EQ(hit->bytes, bytesOf("cached body"));
  auto miss = fetch(missing, offline);
  ASSERT_FALSE(miss.ok());
  EXPECT_EQ(miss.message(), missing + ": not in the offline cache");
}

TEST(IoCache, HashCollisionOrDamageIsAMiss) {
  ScratchDir dir("cache_collision");
  DiskCache cache{dir.path()};
  CacheEntry a{"https://a.example/x.glb", "\"e1\"", "", bytesOf("AAAA")};
  ASSERT_TRUE(storeCacheEntry(cache, a).ok());
  ASSERT_TRUE(loadCacheEntry(cache, a.url, 100).has_value());
  // Pretend another URL hashes to the same key: its lookup must not return a's body.
  std::string other = "https://b.example/y.glb";
  fs::copy_file(dir.path() / (cacheKey(a.url) + ".meta"), dir.path() / (cacheKey(other) + ".meta"));
  fs::copy_file(dir.path() / (cacheKey(a.url) + ".body"), dir.path() / (cacheKey(other) + ".body"));
  EXPECT_FALSE(loadCacheEntry(cache, other, 100).has_value());
  // A body that does not match its metadata (torn pair) is a miss.
  test::writeFile(dir.path() / (cacheKey(a.url) + ".body"), "BBBB");
  EXPECT_FALSE(loadCacheEntry(cache, a.url, 100).has_value());
  // So is an entry larger than the caller accepts.
  ASSERT_TRUE(storeCacheEntry(cache, a).ok());
  EXPECT_FALSE(loadCacheEntry(cache, a.url, 3).has_value());
}

TEST(IoCache, DefaultDirFollowsXdgCacheHome) {
  const char* oldXdg = std::getenv("XDG_CACHE_HOME");
  std::string saved = oldXdg ? oldXdg : "";
  ::setenv("XDG_CACHE_HOME", "/tmp/cx-xdg", 1);
  EXPECT_EQ(defaultCacheDir(), fs::path("/tmp/cx-xdg/cloudexpo"));
  ::setenv("XDG_CACHE_HOME", "relative/ignored", 1);
  const char* home = std::getenv("HOME");
  if (home && home[0] == '/') {
    EXPECT_EQ(defaultCacheDir(), fs::path(home) / ".cache/cloudexpo");
  }
  if (oldXdg)
    ::setenv("XDG_CACHE_HOME", saved.c_str(), 1);
  else
    ::unsetenv("XDG_CACHE_HOME");
}

TEST(IoCache, KeyIsFnv1a64OfTheUrl) {
  EXPECT_EQ(fnv1a64({}), 0xcbf29ce484222325ull);
  EXPECT_EQ(cacheKey("a"), "af63dc4c8601ec8c");
}
