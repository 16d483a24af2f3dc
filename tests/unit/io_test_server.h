#pragma once
// Starts tests/support/http_test_server.py on 127.0.0.1 for one test and stops it at the end.
// The server also exits by itself after 120 s, so a crashed test leaves nothing behind.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace cx::io::test {

// A fresh scratch directory per test, removed at the end.
class ScratchDir {
 public:
  explicit ScratchDir(std::string_view name) {
    path_ = std::filesystem::temp_directory_path() / fmt::format("cx_io_{}_{}", name, ::getpid());
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline void writeFile(const std::filesystem::path& path, std::string_view text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

class TestServer {
 public:
  // Serves `root`; request lines go to `workDir`/requests.log. `extraArgs` go to the server
  // (e.g. {"--not-found", "/models/a.glb"} or {"--delay-glb", "2"}).
  TestServer(const std::filesystem::path& root, const std::filesystem::path& workDir,
             const std::vector<std::string>& extraArgs = {}) {
    portFile_ = workDir / "port";
    log_ = workDir / "requests.log";
    std::filesystem::remove(portFile_);
    std::string script = std::string(CX_SOURCE_DIR) + "/tests/support/http_test_server.py";
    std::vector<std::string> args = {"python3",          script,  "--root",      root.string(), "--port-file",
                                     portFile_.string(), "--log", log_.string(), "--lifetime",  "120"};
    args.insert(args.end(), extraArgs.begin(), extraArgs.end());
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawnp(&pid_, "python3", nullptr, nullptr, argv.data(), environ) != 0) {
      pid_ = 0;
      return;
    }
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = 0;
        return;
      }
      std::ifstream in(portFile_);
      if (in >> port_ && port_ > 0) return;
      port_ = 0;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  ~TestServer() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
  }
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  bool running() const { return pid_ > 0 && port_ > 0; }
  std::string url(std::string_view path) const { return fmt::format("http://127.0.0.1:{}{}", port_, path); }

  // One line per request: "<method> <path> status=<code> inm=<...> ims=<...>".
  std::vector<std::string> requests() const {
    std::vector<std::string> lines;
    std::ifstream in(log_);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  }
  int countRequests(std::string_view path) const {
    int n = 0;
    std::string prefix = fmt::format("GET {} ", path);
    for (const std::string& line : requests()) n += line.starts_with(prefix) ? 1 : 0;
    return n;
  }

 private:
  pid_t pid_ = 0;
  int port_ = 0;
  std::filesystem::path portFile_, log_;
};

}  // namespace cx::io::test

#define CX_REQUIRE_SERVER(server) ASSERT_TRUE((server).running()) << "test HTTP server did not start"
