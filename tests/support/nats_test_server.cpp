#include "nats_test_server.h"

#include "run_command.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <thread>

namespace cx::testing {
namespace {

std::string natsServerPath() {
  for (const char* p : {"/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server"})
    if (::access(p, X_OK) == 0) return p;
  return "nats-server";
}

bool acceptsConnections(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

}  // namespace

NatsTestServer::NatsTestServer(const std::string& name, const std::string& extraConfig) : extra_(extraConfig) {
  dir_ = freshTempDir("nats", name);
  std::filesystem::copy_file(std::filesystem::path(CX_SOURCE_DIR) / "tools/social/accounts.conf", dir_ / "accounts.conf",
                             std::filesystem::copy_options::overwrite_existing);
  launch(-1);
}

NatsTestServer::~NatsTestServer() {
  stop();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::string NatsTestServer::url() const { return fmt::format("nats://127.0.0.1:{}", port_); }

std::string NatsTestServer::log() const { return readText(dir_ / "server.log"); }

std::filesystem::path NatsTestServer::creds(const std::string& user) {
  return std::filesystem::path(CX_SOURCE_DIR) / "tools/social" / (user + ".creds");
}

bool NatsTestServer::launch(int port) {
  std::filesystem::path ports = dir_ / "ports";
  std::filesystem::remove_all(ports);
  std::filesystem::create_directories(ports);
  std::string conf = fmt::format(
      "listen: \"127.0.0.1:{}\"\nserver_name: cx_test\nports_file_dir: \"{}\"\nmax_payload: 64KB\n"
      "jetstream {{ store_dir: \"{}\", max_memory_store: 64MB, max_file_store: 256MB }}\n"
      "include \"accounts.conf\"\n{}\n",
      port, ports.string(), (dir_ / "js").string(), extra_);
  writeText(dir_ / "server.conf", conf);
  std::string exe = natsServerPath();
  std::string confPath = (dir_ / "server.conf").string(), logPath = (dir_ / "server.log").string();
  pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0) return false;
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(1);
    int fd = ::open(logPath.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) ::dup2(fd, 1), ::dup2(fd, 2);
    ::execl(exe.c_str(), exe.c_str(), "-c", confPath.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  pid_ = pid;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  std::regex clientPort(R"re("nats":\s*\[\s*"nats://[^"]*:(\d+)")re");
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = 0;
      return false;
    }
    if (port_ <= 0 || port <= 0) {
      for (const auto& entry : std::filesystem::directory_iterator(ports)) {
        std::smatch m;
        std::string text = readText(entry.path());
        if (std::regex_search(text, m, clientPort)) port_ = std::stoi(m[1]);
      }
    } else {
      port_ = port;
    }
    if (port_ > 0 && acceptsConnections(port_)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  stop();
  return false;
}

void NatsTestServer::stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  int status = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  while (::waitpid(pid_, &status, WNOHANG) != pid_) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  pid_ = 0;
}

bool NatsTestServer::restart() {
  stop();
  int port = port_;
  return launch(port);
}

}  // namespace cx::testing
