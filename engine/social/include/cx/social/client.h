#pragma once
// A NATS connection for presence (and chat): libnats behind a small interface. Connecting is
// asynchronous and retried with backoff (0.25 s doubling to 8 s, with jitter) forever; the frame
// never waits on the network. Messages arrive on libnats' delivery threads into a bounded inbox
// (oldest dropped and counted) that the frame drains within a budget. A permission refusal from
// the server is reported once per distinct refusal, not per publish.
#include "cx/core/result.h"
#include "cx/social/subjects.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cx::social {

struct Credentials {
  enum class Kind { None, UserPassword, Token, CredsFile };
  Kind kind = Kind::None;
  std::string user, password, token;
  std::filesystem::path credsFile;  // a NATS .creds file (user JWT and NKey seed)
};

// Reads `path`: a NATS .creds file (BEGIN NATS USER JWT), or lines `user=`, `password=`,
// `token=` (# comments). Errors name the file and line.
Result<Credentials> loadCredentials(const std::filesystem::path& path);

struct ClientSettings {
  std::vector<std::string> servers;  // nats://HOST:PORT or tls://HOST:PORT (TLS, verified)
  Credentials credentials;
  std::string visitorId;  // subject token; empty: the user name, else a random id
  std::string clientName = "cloudexpo";
  size_t inboxCapacity = 8192;
  int64_t connectTimeoutMs = 2000;
  int64_t maxBackoffMs = 8000;
  int64_t pingIntervalMs = 2000;  // how soon a dead server is noticed
};

enum class LinkState { Connecting, Connected, Reconnecting, Closed };
const char* linkStateName(LinkState state);

struct InboundMessage {
  std::string subject;
  std::vector<uint8_t> data;
};

struct ClientStats {
  uint64_t received = 0;
  uint64_t inboxDropped = 0;    // the frame fell behind: oldest dropped
  uint64_t libraryDropped = 0;  // libnats' per-subscription pending limits
  uint64_t published = 0;
  uint64_t publishFailed = 0;
  uint64_t reconnects = 0;
  uint64_t permissionErrors = 0;
  size_t subscriptions = 0;
};

class Client {
 public:
  // Checks the settings (URLs, tokens) and starts connecting in the background.
  static Result<std::unique_ptr<Client>> start(ClientSettings settings);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  LinkState state() const;
  const std::string& visitorId() const;

  // Publishes when connected; while not, drops and returns false (a stale pose is worthless).
  bool publish(std::string_view subject, std::span<const uint8_t> data);
  // Subscribes to exactly these subjects (adds the new ones, removes the others).
  void setSubscriptions(const std::vector<std::string>& subjects);
  // Moves up to `max` messages, oldest first, into `out`; returns how many.
  size_t drain(std::vector<InboundMessage>& out, size_t max);
  // Refusals and link changes to show the user, each refusal once.
  std::vector<std::string> takeNotices();
  ClientStats stats() const;
  // Waits up to `timeoutMs` for everything published to reach the server (tests, shutdown).
  bool flush(int64_t timeoutMs);

  struct Core;

 private:
  explicit Client(std::unique_ptr<Core> core);
  std::unique_ptr<Core> core_;
};

// A random visitor id (16 hex digits): not derived from anything about the user.
std::string randomVisitorId();

}  // namespace cx::social
