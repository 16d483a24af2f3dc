#pragma once
// The real nats-server for one test: on 127.0.0.1, on a free port, with a temporary JetStream
// store and the example accounts and permissions (tools/social/accounts.conf). Stopped when the
// object goes; the server gets SIGKILL from the kernel if the test process dies first
// (PR_SET_PDEATHSIG), so a crashed test leaves nothing running.
#include <filesystem>
#include <string>

namespace cx::testing {

class NatsTestServer {
 public:
  // Starts it (waits up to 10 s until it accepts connections). `extraConfig` is appended to the
  // generated configuration.
  explicit NatsTestServer(const std::string& name, const std::string& extraConfig = "");
  ~NatsTestServer();
  NatsTestServer(const NatsTestServer&) = delete;
  NatsTestServer& operator=(const NatsTestServer&) = delete;

  bool running() const { return pid_ > 0 && port_ > 0; }
  int port() const { return port_; }
  std::string url() const;  // nats://127.0.0.1:PORT
  const std::filesystem::path& dir() const { return dir_; }
  // The server's own log (for messages on failure).
  std::string log() const;

  // Stops it (SIGTERM, then SIGKILL after 3 s).
  void stop();
  // Starts it again on the same port with the same store.
  bool restart();
  // The credentials file of an example user (tools/social/<user>.creds).
  static std::filesystem::path creds(const std::string& user);

 private:
  bool launch(int port);
  std::filesystem::path dir_;
  std::string extra_;
  int pid_ = 0;
  int port_ = 0;
};

}  // namespace cx::testing

#define CX_REQUIRE_NATS(server) ASSERT_TRUE((server).running()) << "nats-server did not start:\n" << (server).log()
