#include <gtest/gtest.h>

#include <chrono>
#include <random>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cx/core/file.h"
#include "cx/io/fetch.h"
#include "io_test_server.h"

namespace fs = std::filesystem;
using namespace cx::io;
using cx::io::test::ScratchDir;
using cx::io::test::TestServer;

namespace {

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

// Small limits so failure paths finish in about a second.
FetchOptions quickOptions() {
  FetchOptions o;
  o.limits.connectTimeoutMs = 2000;
  o.limits.stallTimeoutMs = 1000;
  o.limits.retries = 0;
  o.limits.retryBackoffMs = 10;
  return o;
}

std::string randomBytes(size_t n) {
  std::mt19937 rng(42);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng() & 0xff);
  return s;
}

}  // namespace

TEST(IoFetch, HttpBodyEqualsFileOnDisk) {
  ScratchDir dir("fetch_body");
  test::writeFile(dir.path() / "root/models/a.glb", randomBytes(300000));
  TestServer server(dir.path() / "root", dir.path());
  CX_REQUIRE_SERVER(server);
  FetchProgress progress;
  FetchOptions options = quickOptions();
  options.progress = &progress;
  auto r = fetch(server.url("/models/a.glb"), options);
  ASSERT_TRUE(r.ok()) << r.message();
  auto disk = cx::readFileBytes(dir.path() / "root/models/a.glb");
  ASSERT_TRUE(disk.ok());
  EXPECT_EQ(r->bytes, *disk);
  EXPECT_EQ(r->httpStatus, 200);
  EXPECT_FALSE(r->fromCache);
  EXPECT_EQ(r->finalUrl, server.url("/models/a.glb"));
  EXPECT_EQ(progress.bytesDone.load(), 300000u);
}

TEST(IoFetch, LocalFileAndItsSizeCap) {
  ScratchDir dir("fetch_local");
  test::writeFile(dir.path() / "a.bin", "0123456789");
  auto r = fetch((dir.path() / "a.bin").string());
  ASSERT_TRUE(r.ok()) << r.message();
  EXPECT_EQ(r->bytes.size(), 10u);
  EXPECT_EQ(r->httpStatus, 0);
  FetchOptions small;
  small.limits.maxBytes = 4;
  auto capped = fetch((dir.path() / "a.bin").string(), small);
  ASSERT_FALSE(capped.ok());
  EXPECT_TRUE(contains(capped.message(), "a.bin")) << capped.message();
}

TEST(IoFetch, NotFoundIsOneClearLineAndNotRetried) {
  ScratchDir dir("fetch_404");
  TestServer server(dir.path(), dir.path());
  CX_REQUIRE_SERVER(server);
  FetchOptions options = quickOptions();
  options.limits.retries = 2;
  std::string url = server.url("/missing");
  auto r = fetch(url, options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.message(), url + ": HTTP 404");
  EXPECT_EQ(server.countRequests("/missing"), 1);
}

TEST(IoFetch, ServerErrorIsRetriedWithBackoff) {
  ScratchDir dir("fetch_503");
  TestServer server(dir.path(), dir.path());
  CX_REQUIRE_SERVER(server);
  FetchOptions options = quickOptions();
  options.limits.retries = 2;
  auto r = fetch(server.url("/status/503"), options);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(contains(r.message(), "HTTP 503 (after 3 attempts)")) << r.message();
  EXPECT_EQ(server.countRequests("/status/503"), 3);
}

TEST(IoFetch, ResponseOverTheCapIsRefused) {
  ScratchDir dir("fetch_cap");
  TestServer server(dir.path(), dir.path());
  CX_REQUIRE_SERVER(server);
  FetchOptions options = quickOptions();
  options.limits.maxBytes = 1024;
  for (std::string path : {"/bytes/5000", "/bytes/5000?nolength"}) {
    auto r = fetch(server.url(path), options);
    ASSERT_FALSE(r.ok()) << path;
    EXPECT_EQ(r.message(), server.url(path) + ": response larger than the 1024-byte limit");
  }
  auto fits = fetch(server.url("/bytes/1024?nolength"), options);
  ASSERT_TRUE(fits.ok()) << fits.message();
  EXPECT_EQ(fits->bytes.size(), 1024u);
}

TEST(IoFetch, StalledServerTimesOut) {
  ScratchDir dir("fetch_stall");
  TestServer server(dir.path(), dir.path());
  CX_REQUIRE_SERVER(server);
  auto start = std::chrono::steady_clock::now();
  auto r = fetch(server.url("/stall/10"), quickOptions());
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.message(), server.url("/stall/10") + ": timed out: no data for 1 s");
  EXPECT_LT(seconds, 5.0);
}

TEST(IoFetch, RedirectLoopIsRefused) {
  ScratchDir dir("fetch_loop");
  TestServer server(dir.path(), dir.path());
  CX_REQUIRE_SERVER(server);
  auto r = fetch(server.url("/loop"), quickOptions());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.message(), server.url("/loop") + ": too many redirects (5)");
  EXPECT_EQ(server.countRequests("/loop"), 6);
}

TEST(IoFetch, OnlyHttpAndHttpsSchemes) {
  for (std::string url :
       {"file:///etc/passwd", "ftp://127.0.0.1/x.glb", "FILE:///etc/hosts", "gopher://h/x"}) {
    auto r = fetch(url, quickOptions());
    ASSERT_FALSE(r.ok()) << url;
    EXPECT_TRUE(contains(r.message(), url + ": unsupported scheme")) << r.message();
  }
}

TEST(IoFetch, RedirectToFileSchemeIsRefused) {
  ScratchDir dir("fetch_redirect_file");
  TestServer server(dir.path(), dir.path());
  CX_REQUIRE_SERVER(server);
  auto r = fetch(server.url("/redirect?to=file:///etc/passwd"), quickOptions());
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(contains(r.message(), server.url("/redirect"))) << r.message();
}

TEST(IoFetch, BudgetRefusesPastTheTotal) {
  FetchBudget budget(150);
  EXPECT_TRUE(budget.consume(100));
  EXPECT_FALSE(budget.consume(51));
  EXPECT_TRUE(budget.consume(50));
  EXPECT_FALSE(budget.consume(1));
  budget.release(150);
  EXPECT_EQ(budget.used(), 0u);

  ScratchDir dir("fetch_budget");
  TestServer server(dir.path(), dir.path());
  CX_REQUIRE_SERVER(server);
  FetchBudget expoBudget(150);
  FetchOptions options = quickOptions();
  options.budget = &expoBudget;
  ASSERT_TRUE(fetch(server.url("/bytes/100"), options).ok());
  auto second = fetch(server.url("/bytes/100?nolength"), options);
  ASSERT_FALSE(second.ok());
  EXPECT_TRUE(contains(second.message(), "budget of 150 bytes")) << second.message();
  EXPECT_EQ(expoBudget.used(), 100u);  // the failed transfer gave its bytes back
}

TEST(IoFetch, ConnectionRefusedIsRetriedThenClear) {
  // A port that was free a moment ago: bind, read the port, close.
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  socklen_t len = sizeof addr;
  ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  ::close(fd);
  std::string url = fmt::format("http://127.0.0.1:{}/expo.json", ntohs(addr.sin_port));
  FetchOptions options = quickOptions();
  options.limits.retries = 1;
  auto r = fetch(url, options);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.message().starts_with(url + ": ")) << r.message();
  EXPECT_TRUE(contains(r.message(), "(after 2 attempts)")) << r.message();
  EXPECT_EQ(r.message().find('\n'), std::string::npos);
}
