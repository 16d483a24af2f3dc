#pragma once
// Shared by the media tests: the bundled clip's colours, a real `python3 -m http.server` on
// 127.0.0.1 (free port, stopped at the end, killed after 120 s by `timeout` if a test dies),
// and a deterministic waiting loop over a Player.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <string>
#include <thread>

#include "cx/media/player.h"

extern char** environ;

namespace cx::media::test {

// tools/make-sample-clip.sh: one colour per second, in this order, cycling.
inline constexpr std::array<uint32_t, 10> kSampleClipColours = {0xff0000, 0x00ff00, 0x0000ff, 0xffff00, 0x00ffff,
                                                                0xff00ff, 0xff8000, 0x808080, 0x8000ff, 0x008040};
inline std::filesystem::path sampleClipPath() { return std::filesystem::path(CX_SOURCE_DIR) / "assets/media/sample-clip.mp4"; }

inline double steadySeconds() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

// Polls `done` every 5 ms for up to `seconds`; true when it became true.
inline bool waitFor(const std::function<bool()>& done, double seconds) {
  double end = steadySeconds() + seconds;
  while (steadySeconds() < end) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return done();
}

// Runs ffmpeg (no shell); true on exit status 0.
inline bool runFfmpeg(std::vector<std::string> args) {
  args.insert(args.begin(), {"ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y"});
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, "ffmpeg", nullptr, nullptr, argv.data(), environ) != 0) return false;
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// `python3 -m http.server` serving `root` on 127.0.0.1. Port 0: a free one, read back from its
// "Serving HTTP on ... port N" line.
class PythonHttpServer {
 public:
  PythonHttpServer(const std::filesystem::path& root, const std::filesystem::path& logFile, int port = 0) {
    log_ = logFile;
    std::filesystem::remove(log_);
    std::vector<std::string> args = {"timeout", "-s", "KILL", "120", "python3", "-u", "-m", "http.server",
                                     std::to_string(port), "--bind", "127.0.0.1", "--directory", root.string()};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    int rc = posix_spawnp(&pid_, "timeout", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
      pid_ = 0;
      return;
    }
    std::regex portLine(R"(port (\d+))");
    waitFor(
        [&] {
          std::ifstream in(log_);
          std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
          std::smatch m;
          if (std::regex_search(text, m, portLine)) port_ = std::stoi(m[1]);
          return port_ > 0;
        },
        20.0);
  }
  ~PythonHttpServer() { stop(); }
  PythonHttpServer(const PythonHttpServer&) = delete;
  PythonHttpServer& operator=(const PythonHttpServer&) = delete;

  void stop() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);  // `timeout` passes it on to python
      int status = 0;
      ::waitpid(pid_, &status, 0);
      pid_ = 0;
    }
  }
  bool running() const { return pid_ > 0 && port_ > 0; }
  int port() const { return port_; }
  std::string url(std::string_view path) const { return fmt::format("http://127.0.0.1:{}{}", port_, path); }

 private:
  pid_t pid_ = 0;
  int port_ = 0;
  std::filesystem::path log_;
};

// Expected colour as RGB bytes.
inline std::array<int, 3> rgbOf(uint32_t c) { return {int(c >> 16) & 255, int(c >> 8) & 255, int(c) & 255}; }

}  // namespace cx::media::test
