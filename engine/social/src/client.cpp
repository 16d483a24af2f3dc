#include "cx/social/client.h"

#include <fmt/format.h>
#include <nats/nats.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <sstream>

namespace cx::social {

const char* linkStateName(LinkState s) {
  switch (s) {
    case LinkState::Connecting: return "connecting";
    case LinkState::Connected: return "connected";
    case LinkState::Reconnecting: return "reconnecting";
    case LinkState::Closed: return "closed";
  }
  return "?";
}

std::string randomVisitorId() {
  std::random_device rd;
  uint64_t v = (static_cast<uint64_t>(rd()) << 32) ^ rd();
  return fmt::format("v{:016x}", v);
}

Result<Credentials> loadCredentials(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return makeError(fmt::format("{}: cannot read the credentials file", path.string()));
  std::stringstream buf;
  buf << in.rdbuf();
  std::string text = buf.str();
  if (text.size() > 64 * 1024) return makeError(fmt::format("{}: credentials file over 64 KiB", path.string()));
  Credentials c;
  if (text.find("-----BEGIN NATS USER JWT-----") != std::string::npos) {
    c.kind = Credentials::Kind::CredsFile;
    c.credsFile = path;
    return c;
  }
  std::istringstream lines(text);
  int lineNo = 0;
  for (std::string line; std::getline(lines, line);) {
    ++lineNo;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    size_t eq = line.find('=');
    if (eq == std::string::npos)
      return makeError(fmt::format("{}:{}: expected key=value (user, password or token)", path.string(), lineNo));
    std::string key = line.substr(0, eq), value = line.substr(eq + 1);
    if (key == "user") c.user = value;
    else if (key == "password") c.password = value;
    else if (key == "token") c.token = value;
    else return makeError(fmt::format("{}:{}: unknown key \"{}\" (user, password or token)", path.string(), lineNo, key));
  }
  if (!c.token.empty() && !c.user.empty())
    return makeError(fmt::format("{}: give either a token or a user and password, not both", path.string()));
  if (!c.token.empty()) c.kind = Credentials::Kind::Token;
  else if (!c.user.empty()) c.kind = Credentials::Kind::UserPassword;
  else return makeError(fmt::format("{}: no user or token", path.string()));
  return c;
}

// Shared with libnats' threads through the callbacks' closure.
struct Client::Core {
  ClientSettings settings;
  std::string visitorId;
  natsOptions* opts = nullptr;
  natsConnection* conn = nullptr;
  std::map<std::string, natsSubscription*> subs;

  mutable std::mutex mutex;
  std::condition_variable closedCv;
  bool closed = false;
  bool closing = false;  // our own close: no "reconnecting"
  LinkState state = LinkState::Connecting;
  std::deque<InboundMessage> inbox;
  std::vector<std::string> notices;
  std::set<std::string> refusalsShown;
  ClientStats stats;

  void notice(std::string text) {
    notices.push_back(std::move(text));
    if (notices.size() > 32) notices.erase(notices.begin());
  }
};

namespace {

void onMessage(natsConnection*, natsSubscription*, natsMsg* msg, void* closure) {
  auto* core = static_cast<Client::Core*>(closure);
  InboundMessage m;
  m.subject = natsMsg_GetSubject(msg);
  const char* data = natsMsg_GetData(msg);
  int len = natsMsg_GetDataLength(msg);
  // Over 64 KiB is never ours; cut it so the inbox stays bounded in bytes too (the receiver's
  // size check drops it).
  m.data.assign(data, data + std::min(len, 65536 + 1));
  natsMsg_Destroy(msg);
  std::lock_guard lock(core->mutex);
  ++core->stats.received;
  core->inbox.push_back(std::move(m));
  while (core->inbox.size() > core->settings.inboxCapacity) {
    core->inbox.pop_front();
    ++core->stats.inboxDropped;
  }
}

void onError(natsConnection* nc, natsSubscription*, natsStatus err, void* closure) {
  auto* core = static_cast<Client::Core*>(closure);
  if (err == NATS_SLOW_CONSUMER) return;  // counted through natsSubscription_GetDropped
  const char* text = nullptr;
  natsConnection_GetLastError(nc, &text);
  std::string what = text && *text ? text : natsStatus_GetText(err);
  std::lock_guard lock(core->mutex);
  if (err == NATS_NOT_PERMITTED) ++core->stats.permissionErrors;
  if (core->refusalsShown.insert(what).second) {
    spdlog::warn("social: the server refused: {}", what);
    core->notice(fmt::format("the server refused: {}", what));
  }
}

void onDisconnected(natsConnection*, void* closure) {
  auto* core = static_cast<Client::Core*>(closure);
  std::lock_guard lock(core->mutex);
  if (core->state == LinkState::Connected && !core->closing) {
    spdlog::warn("social: lost the server; reconnecting");
    core->notice("reconnecting");
  }
  if (core->state != LinkState::Closed && !core->closing) core->state = LinkState::Reconnecting;
}

void onConnected(natsConnection*, void* closure) {
  auto* core = static_cast<Client::Core*>(closure);
  std::lock_guard lock(core->mutex);
  if (core->state == LinkState::Reconnecting) ++core->stats.reconnects;
  core->state = LinkState::Connected;
  spdlog::info("social: connected");
  core->notice("connected");
}

void onClosed(natsConnection*, void* closure) {
  auto* core = static_cast<Client::Core*>(closure);
  std::lock_guard lock(core->mutex);
  core->state = LinkState::Closed;
  core->closed = true;
  core->closedCv.notify_all();
}

int64_t reconnectDelay(natsConnection*, int attempts, void* closure) {
  auto* core = static_cast<Client::Core*>(closure);
  int64_t base = 250;
  int64_t delay = std::min(core->settings.maxBackoffMs, base << std::min(attempts, 10));
  static thread_local std::minstd_rand rng(std::random_device{}());
  return delay / 2 + static_cast<int64_t>(rng() % static_cast<uint32_t>(delay / 2 + 1));
}

bool checkServerUrl(const std::string& url) {
  if (!(url.starts_with("nats://") || url.starts_with("tls://"))) return false;
  std::string_view rest = std::string_view(url).substr(url.find("://") + 3);
  if (rest.empty() || rest.size() > 255) return false;
  return std::all_of(rest.begin(), rest.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']' || c == '_';
  });
}

#define CX_NATS_TRY(call)                                                                        \
  do {                                                                                           \
    natsStatus _s = (call);                                                                      \
    if (_s != NATS_OK) return makeError(fmt::format("social: {}: {}", #call, natsStatus_GetText(_s))); \
  } while (0)

}  // namespace

Client::Client(std::unique_ptr<Core> core) : core_(std::move(core)) {}

Result<std::unique_ptr<Client>> Client::start(ClientSettings settings) {
  if (settings.servers.empty()) return makeError("social: no server URL");
  for (const std::string& url : settings.servers)
    if (!checkServerUrl(url)) return makeError(fmt::format("social: {}: expected nats://HOST:PORT or tls://HOST:PORT", url));
  auto core = std::make_unique<Core>();
  core->settings = std::move(settings);
  const ClientSettings& s = core->settings;
  if (!s.visitorId.empty()) {
    if (!isSubjectToken(s.visitorId)) return makeError(fmt::format("social: visitor id \"{}\": only A-Z a-z 0-9 _ -", s.visitorId));
    core->visitorId = s.visitorId;
  } else if (s.credentials.kind == Credentials::Kind::UserPassword && isSubjectToken(s.credentials.user)) {
    core->visitorId = s.credentials.user;
  } else {
    core->visitorId = randomVisitorId();
  }
  Core* c = core.get();
  std::vector<const char*> urls;
  bool tls = false;
  for (const std::string& u : s.servers) urls.push_back(u.c_str()), tls |= u.starts_with("tls://");
  CX_NATS_TRY(natsOptions_Create(&c->opts));
  CX_NATS_TRY(natsOptions_SetServers(c->opts, urls.data(), static_cast<int>(urls.size())));
  if (tls) CX_NATS_TRY(natsOptions_SetSecure(c->opts, true));
  CX_NATS_TRY(natsOptions_SetName(c->opts, s.clientName.c_str()));
  CX_NATS_TRY(natsOptions_SetTimeout(c->opts, s.connectTimeoutMs));
  CX_NATS_TRY(natsOptions_SetPingInterval(c->opts, s.pingIntervalMs));
  CX_NATS_TRY(natsOptions_SetMaxPingsOut(c->opts, 2));
  CX_NATS_TRY(natsOptions_SetNoEcho(c->opts, true));
  CX_NATS_TRY(natsOptions_SetMaxReconnect(c->opts, -1));
  CX_NATS_TRY(natsOptions_SetCustomReconnectDelay(c->opts, reconnectDelay, c));
  CX_NATS_TRY(natsOptions_SetReconnectBufSize(c->opts, 64 * 1024));
  CX_NATS_TRY(natsOptions_UseGlobalMessageDelivery(c->opts, true));
  CX_NATS_TRY(natsOptions_SetErrorHandler(c->opts, onError, c));
  CX_NATS_TRY(natsOptions_SetDisconnectedCB(c->opts, onDisconnected, c));
  CX_NATS_TRY(natsOptions_SetReconnectedCB(c->opts, onConnected, c));
  CX_NATS_TRY(natsOptions_SetClosedCB(c->opts, onClosed, c));
  CX_NATS_TRY(natsOptions_SetRetryOnFailedConnect(c->opts, true, onConnected, c));
  switch (s.credentials.kind) {
    case Credentials::Kind::None: break;
    case Credentials::Kind::UserPassword:
      CX_NATS_TRY(natsOptions_SetUserInfo(c->opts, s.credentials.user.c_str(), s.credentials.password.c_str()));
      break;
    case Credentials::Kind::Token: CX_NATS_TRY(natsOptions_SetToken(c->opts, s.credentials.token.c_str())); break;
    case Credentials::Kind::CredsFile: {
      std::string file = s.credentials.credsFile.string();
      CX_NATS_TRY(natsOptions_SetUserCredentialsFromFiles(c->opts, file.c_str(), nullptr));
      break;
    }
  }
  natsStatus st = natsConnection_Connect(&c->conn, c->opts);
  if (st == NATS_OK) {
    std::lock_guard lock(c->mutex);
    c->state = LinkState::Connected;
  } else if (st != NATS_NOT_YET_CONNECTED) {
    return makeError(fmt::format("social: {}: {}", s.servers.front(), natsStatus_GetText(st)));
  }
  return std::unique_ptr<Client>(new Client(std::move(core)));
}

Client::~Client() {
  if (!core_) return;
  {
    std::lock_guard lock(core_->mutex);
    core_->closing = true;
  }
  for (auto& [subject, sub] : core_->subs) {
    natsSubscription_Unsubscribe(sub);
    natsSubscription_Destroy(sub);
  }
  core_->subs.clear();
  if (core_->conn) {
    natsConnection_Close(core_->conn);
    // libnats calls the closed callback on its own thread; wait for it so no callback runs
    // into a freed Core.
    std::unique_lock lock(core_->mutex);
    core_->closedCv.wait_for(lock, std::chrono::seconds(3), [&] { return core_->closed; });
    lock.unlock();
    natsConnection_Destroy(core_->conn);
  }
  natsOptions_Destroy(core_->opts);
}

LinkState Client::state() const {
  std::lock_guard lock(core_->mutex);
  return core_->state;
}

const std::string& Client::visitorId() const { return core_->visitorId; }

bool Client::publish(std::string_view subject, std::span<const uint8_t> data) {
  if (state() != LinkState::Connected) return false;
  std::string subj(subject);
  natsStatus st = natsConnection_Publish(core_->conn, subj.c_str(), data.data(), static_cast<int>(data.size()));
  std::lock_guard lock(core_->mutex);
  if (st == NATS_OK) ++core_->stats.published;
  else ++core_->stats.publishFailed;
  return st == NATS_OK;
}

void Client::setSubscriptions(const std::vector<std::string>& subjects) {
  std::set<std::string> wanted(subjects.begin(), subjects.end());
  for (auto it = core_->subs.begin(); it != core_->subs.end();) {
    if (wanted.count(it->first)) {
      ++it;
      continue;
    }
    int64_t dropped = 0;
    if (natsSubscription_GetDropped(it->second, &dropped) == NATS_OK) {
      std::lock_guard lock(core_->mutex);
      core_->stats.libraryDropped += static_cast<uint64_t>(dropped);
    }
    natsSubscription_Unsubscribe(it->second);
    natsSubscription_Destroy(it->second);
    it = core_->subs.erase(it);
  }
  for (const std::string& subject : wanted) {
    if (core_->subs.count(subject)) continue;
    natsSubscription* sub = nullptr;
    natsStatus st = natsConnection_Subscribe(&sub, core_->conn, subject.c_str(), onMessage, core_.get());
    if (st != NATS_OK) {
      spdlog::warn("social: subscribe {}: {}", subject, natsStatus_GetText(st));
      continue;
    }
    natsSubscription_SetPendingLimits(sub, 4096, 1 << 20);
    core_->subs.emplace(subject, sub);
  }
}

size_t Client::drain(std::vector<InboundMessage>& out, size_t max) {
  std::lock_guard lock(core_->mutex);
  size_t n = std::min(max, core_->inbox.size());
  for (size_t i = 0; i < n; ++i) {
    out.push_back(std::move(core_->inbox.front()));
    core_->inbox.pop_front();
  }
  return n;
}

std::vector<std::string> Client::takeNotices() {
  std::lock_guard lock(core_->mutex);
  return std::exchange(core_->notices, {});
}

ClientStats Client::stats() const {
  ClientStats s;
  uint64_t libDropped = 0;
  for (auto& [subject, sub] : core_->subs) {
    int64_t d = 0;
    if (natsSubscription_GetDropped(sub, &d) == NATS_OK) libDropped += static_cast<uint64_t>(d);
  }
  std::lock_guard lock(core_->mutex);
  s = core_->stats;
  s.libraryDropped += libDropped;
  s.subscriptions = core_->subs.size();
  return s;
}

bool Client::flush(int64_t timeoutMs) {
  if (state() != LinkState::Connected) return false;
  return natsConnection_FlushTimeout(core_->conn, timeoutMs) == NATS_OK;
}

}  // namespace cx::social
