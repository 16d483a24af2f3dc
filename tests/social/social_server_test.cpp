// engine/social against the real nats-server with the example permissions (tools/social/).
#include "cx/social/session.h"

#include "nats_test_server.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <functional>
#include <random>
#include <thread>

namespace cx::social {
namespace {

using cx::testing::NatsTestServer;

double nowSeconds() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

std::unique_ptr<Client> connectAs(const NatsTestServer& server, const std::string& user) {
  ClientSettings s;
  s.servers = {server.url()};
  if (!user.empty()) {
    Result<Credentials> c = loadCredentials(NatsTestServer::creds(user));
    EXPECT_TRUE(c.ok()) << c.message();
    if (c) s.credentials = *c;
  }
  s.maxBackoffMs = 500;
  Result<std::unique_ptr<Client>> client = Client::start(s);
  EXPECT_TRUE(client.ok()) << client.message();
  return client ? std::move(*client) : nullptr;
}

std::unique_ptr<Session> sessionAs(const NatsTestServer& server, const std::string& user, const std::string& name) {
  SessionSettings s;
  s.expo = "cnae-13";
  s.displayName = name;
  s.presence.boundsMin = {-500, -5, -500};
  s.presence.boundsMax = {500, 30, 500};
  std::unique_ptr<Client> client = connectAs(server, user);
  return client ? std::make_unique<Session>(std::move(client), s) : nullptr;
}

// Ticks every session at ~60 Hz until `done` or `seconds` pass.
bool tickUntil(const std::vector<std::pair<Session*, SelfPose>>& sessions, double seconds,
               const std::function<bool()>& done) {
  double end = nowSeconds() + seconds;
  while (nowSeconds() < end) {
    for (auto& [session, pose] : sessions) session->tick(pose, nowSeconds());
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(16));
  }
  return false;
}

const RemoteVisitor* find(const Session& s, const std::string& id) {
  for (const RemoteVisitor& v : s.presence().visitors())
    if (v.id == id) return &v;
  return nullptr;
}

SelfPose at(float x, float z, const char* pavilion = "sci-tech") {
  SelfPose p;
  p.position = {x, 1.65f, z};
  p.pavilion = pavilion;
  return p;
}

TEST(SocialServer, TwoVisitorsSeeEachOther) {
  NatsTestServer server("two");
  CX_REQUIRE_NATS(server);
  auto anna = sessionAs(server, "anna", "Анна");
  auto boris = sessionAs(server, "boris", "Boris 李");
  ASSERT_TRUE(anna && boris);
  ASSERT_EQ(anna->client().visitorId(), "anna");
  SelfPose pa = at(10, 10), pb = at(14, 12);
  pa.yaw = 1.0f;
  bool seen = tickUntil({{anna.get(), pa}, {boris.get(), pb}}, 5.0, [&] {
    const RemoteVisitor* a = find(*boris, "anna");
    const RemoteVisitor* b = find(*anna, "boris");
    return a && b && !a->name.empty() && !b->name.empty();
  });
  ASSERT_TRUE(seen) << server.log();
  const RemoteVisitor* a = find(*boris, "anna");
  EXPECT_EQ(a->name, "Анна");
  EXPECT_NEAR(a->position.x, 10.0f, 0.01f);
  EXPECT_NEAR(a->position.z, 10.0f, 0.01f);
  EXPECT_NEAR(a->yaw, 1.0f, 0.001f);
  EXPECT_EQ(a->pavilion, "sci-tech");
  EXPECT_EQ(find(*anna, "boris")->name, "Boris 李");
  EXPECT_EQ(anna->presence().visitors().size(), 1u);  // not itself (no echo)
}

TEST(SocialServer, InterestCellsKeepFarVisitorsOut) {
  NatsTestServer server("interest");
  CX_REQUIRE_NATS(server);
  auto anna = sessionAs(server, "anna", "Anna");
  auto boris = sessionAs(server, "boris", "Boris");
  auto chen = sessionAs(server, "chen", "Chen");
  ASSERT_TRUE(anna && boris && chen);
  SelfPose pa = at(0, 0), pb = at(30, 0), pc = at(200, 200);
  // Anna walks so that she publishes at 10 Hz.
  std::vector<std::pair<Session*, SelfPose>> all = {{anna.get(), pa}, {boris.get(), pb}, {chen.get(), pc}};
  double start = nowSeconds();
  // At least 1.5 s, and until boris has had ten of anna's poses and anna boris's (standing
  // still, he sends a keep-alive every 2 s; his first pose may beat anna's subscription).
  while (nowSeconds() - start < 8.0 &&
         (nowSeconds() - start < 1.5 || !find(*boris, "anna") || !find(*anna, "boris") ||
          boris->client().stats().received < 10)) {
    all[0].second.position.x = static_cast<float>(std::fmod(nowSeconds() - start, 4.0));
    for (auto& [s, p] : all) s->tick(p, nowSeconds());
    std::this_thread::sleep_for(std::chrono::milliseconds(16));
  }
  EXPECT_TRUE(find(*boris, "anna"));
  EXPECT_TRUE(find(*anna, "boris"));
  EXPECT_FALSE(find(*chen, "anna"));
  EXPECT_EQ(chen->client().stats().received, 0u) << "a visitor 280 m away received poses";
  EXPECT_GE(boris->client().stats().received, 10u);
  EXPECT_LE(anna->subscribedCells(), 37u);
}

TEST(SocialServer, ServerRefusesPublishingAsAnotherVisitorOrAsStaff) {
  NatsTestServer server("perm");
  CX_REQUIRE_NATS(server);
  auto anna = connectAs(server, "anna");
  auto boris = connectAs(server, "boris");
  ASSERT_TRUE(anna && boris);
  boris->setSubscriptions({"cx.cnae-13.pose.>", "cx.cnae-13.chat.>"});
  auto waitConnected = [](Client& c) {
    for (int i = 0; i < 200 && c.state() != LinkState::Connected; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return c.state() == LinkState::Connected;
  };
  ASSERT_TRUE(waitConnected(*anna) && waitConnected(*boris));
  ASSERT_TRUE(boris->flush(2000));
  Pose p;
  p.position = {1, 1.6f, 1};
  std::vector<uint8_t> msg = encodePose(p);
  std::string forged = poseSubject("cnae-13", "sci-tech", cellOf(p.position), "boris");
  std::string own = poseSubject("cnae-13", "sci-tech", cellOf(p.position), "anna");
  for (int i = 0; i < 20; ++i) anna->publish(forged, msg);
  anna->publish("cx.cnae-13.chat.b-ex-0001.s.staff-ex-0001", msg);
  anna->publish(own, msg);
  ASSERT_TRUE(anna->flush(2000));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  std::vector<InboundMessage> got;
  boris->drain(got, 100);
  ASSERT_EQ(got.size(), 1u) << "only anna's own subject may reach boris";
  EXPECT_EQ(got[0].subject, own);
  std::vector<std::string> notices = anna->takeNotices();
  int refusals = 0;
  for (const std::string& n : notices) refusals += n.find("Permissions Violation") != std::string::npos;
  // libnats keeps only the newest error text, so two refusals in flight may read as one.
  EXPECT_GE(refusals, 1);
  EXPECT_LE(refusals, 2) << "a refusal is shown once, not once per publish (21 were refused)";
  EXPECT_GE(anna->stats().permissionErrors, 1u);
  EXPECT_EQ(anna->state(), LinkState::Connected);

  // Without credentials a visitor is the guest: it watches, the server refuses its poses.
  auto guest = connectAs(server, "");
  ASSERT_TRUE(guest && waitConnected(*guest));
  guest->publish(poseSubject("cnae-13", "sci-tech", cellOf(p.position), guest->visitorId()), msg);
  guest->flush(2000);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  got.clear();
  boris->drain(got, 100);
  EXPECT_TRUE(got.empty());
  notices = guest->takeNotices();
  EXPECT_TRUE(std::any_of(notices.begin(), notices.end(),
                          [](const std::string& n) { return n.find("Permissions Violation") != std::string::npos; }));
}

TEST(SocialServer, ReconnectsAfterServerRestartAndResumes) {
  NatsTestServer server("restart");
  CX_REQUIRE_NATS(server);
  auto anna = sessionAs(server, "anna", "Anna");
  auto boris = sessionAs(server, "boris", "Boris");
  ASSERT_TRUE(anna && boris);
  SelfPose pa = at(5, 5), pb = at(8, 5);
  std::vector<std::pair<Session*, SelfPose>> both = {{anna.get(), pa}, {boris.get(), pb}};
  ASSERT_TRUE(tickUntil(both, 5.0, [&] { return find(*boris, "anna") != nullptr; }));
  server.stop();
  ASSERT_TRUE(tickUntil(both, 5.0, [&] { return boris->client().state() == LinkState::Reconnecting; }));
  // The avatar fades while the link is down.
  ASSERT_TRUE(tickUntil(both, 3.0, [&] {
    const RemoteVisitor* a = find(*boris, "anna");
    return a && a->opacity < 0.05f;
  }));
  ASSERT_TRUE(server.restart()) << server.log();
  both[0].second.position.x = 6.0f;  // anna moves after the restart
  ASSERT_TRUE(tickUntil(both, 8.0, [&] {
    const RemoteVisitor* a = find(*boris, "anna");
    return boris->client().state() == LinkState::Connected && a && std::abs(a->position.x - 6.0f) < 0.01f &&
           a->opacity > 0.5f;
  })) << "state " << linkStateName(boris->client().state());
  EXPECT_GE(boris->client().stats().reconnects, 1u);
  std::vector<std::string> notices = boris->client().takeNotices();
  EXPECT_TRUE(std::find(notices.begin(), notices.end(), "reconnecting") != notices.end());
}

TEST(SocialServer, JunkOnThePoseSubjectsLeavesTheViewerSane) {
  NatsTestServer server("junk");
  CX_REQUIRE_NATS(server);
  auto anna = sessionAs(server, "anna", "Anna");
  auto crowd = connectAs(server, "crowd");
  ASSERT_TRUE(anna && crowd);
  SelfPose pa = at(3, 3);
  ASSERT_TRUE(tickUntil({{anna.get(), pa}}, 3.0, [&] {
    return anna->client().state() == LinkState::Connected && crowd->state() == LinkState::Connected;
  }));
  anna->client().flush(2000);
  std::mt19937 rng(1717);
  Pose good;
  good.position = {4, 1.6f, 4};
  good.name = "ok";
  std::vector<uint8_t> base = encodePose(good);
  for (int i = 0; i < 10000; ++i) {
    std::vector<uint8_t> m = base;
    switch (rng() % 4) {
      case 0: m.resize(1 + rng() % 300); for (auto& b : m) b = static_cast<uint8_t>(rng()); break;
      case 1: m[rng() % m.size()] ^= static_cast<uint8_t>(1u << (rng() % 8)); break;
      case 2: m.resize(1 + rng() % (m.size() - 1)); break;
      default: m.resize(4000 + rng() % 4000, static_cast<uint8_t>(rng())); break;
    }
    Cell c{static_cast<int>(rng() % 3) - 1, static_cast<int>(rng() % 3) - 1};
    crowd->publish(poseSubject("cnae-13", "x", c, "j" + std::to_string(rng() % 200)), m);
  }
  ASSERT_TRUE(crowd->flush(5000));
  double worstTick = 0;
  tickUntil({{anna.get(), pa}}, 2.0, [&] {
    double t0 = nowSeconds();
    anna->tick(pa, t0);
    worstTick = std::max(worstTick, nowSeconds() - t0);
    return anna->client().stats().received + anna->client().stats().libraryDropped >= 10000 &&
           anna->messagesDrained() >= anna->client().stats().received - anna->client().stats().inboxDropped;
  });
  const PresenceStats& st = anna->presence().stats();
  EXPECT_GT(st.dropped(), 5000u);
  EXPECT_EQ(st.accepted + st.dropped(), anna->messagesDrained());
  EXPECT_EQ(anna->client().state(), LinkState::Connected);
  EXPECT_LE(anna->presence().visitors().size(), 200u);
  for (const RemoteVisitor& v : anna->presence().visitors()) {
    EXPECT_TRUE(isValidUtf8(v.name));
    EXPECT_TRUE(cellContains(cellOf(v.position), v.position));
  }
  std::printf("junk: received %llu (inbox dropped %llu), accepted %llu, dropped %llu, worst tick %.2f ms\n",
              static_cast<unsigned long long>(anna->client().stats().received),
              static_cast<unsigned long long>(anna->client().stats().inboxDropped),
              static_cast<unsigned long long>(st.accepted), static_cast<unsigned long long>(st.dropped()),
              worstTick * 1e3);
}

TEST(SocialServer, VisitorWhoLeavesIsRemovedQuickly) {
  NatsTestServer server("leave");
  CX_REQUIRE_NATS(server);
  auto anna = sessionAs(server, "anna", "Anna");
  auto boris = sessionAs(server, "boris", "Boris");
  ASSERT_TRUE(anna && boris);
  SelfPose pa = at(1, 1), pb = at(2, 2);
  ASSERT_TRUE(tickUntil({{anna.get(), pa}, {boris.get(), pb}}, 5.0, [&] { return find(*anna, "boris") != nullptr; }));
  boris->leave(pb);
  double left = nowSeconds();
  ASSERT_TRUE(tickUntil({{anna.get(), pa}}, 5.0, [&] { return find(*anna, "boris") == nullptr; }));
  EXPECT_LT(nowSeconds() - left, 2.0);
  // One that vanishes without a word (a crash) goes after the 5 s timeout.
  auto chen = sessionAs(server, "chen", "Chen");
  SelfPose pc = at(3, 3);
  ASSERT_TRUE(tickUntil({{anna.get(), pa}, {chen.get(), pc}}, 5.0, [&] { return find(*anna, "chen") != nullptr; }));
  chen.reset();
  double gone = nowSeconds();
  ASSERT_TRUE(tickUntil({{anna.get(), pa}}, 7.0, [&] { return find(*anna, "chen") == nullptr; }));
  EXPECT_LE(nowSeconds() - gone, 5.5);
}

TEST(SocialServer, BadSettingsAreOneLineErrors) {
  ClientSettings s;
  s.servers = {"http://127.0.0.1:4222"};
  Result<std::unique_ptr<Client>> c = Client::start(s);
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.message().find("nats://"), std::string::npos);
  s.servers = {"nats://127.0.0.1:1"};
  s.visitorId = "a.b";
  EXPECT_FALSE(Client::start(s).ok());
  Result<Credentials> creds = loadCredentials("/nonexistent/x.creds");
  ASSERT_FALSE(creds.ok());
  EXPECT_NE(creds.message().find("/nonexistent/x.creds"), std::string::npos);
}

TEST(SocialServer, NoServerMeansConnectingNotBlocking) {
  ClientSettings s;
  s.servers = {"nats://127.0.0.1:9"};  // nothing listens on the discard port
  double t0 = nowSeconds();
  Result<std::unique_ptr<Client>> c = Client::start(s);
  ASSERT_TRUE(c.ok()) << c.message();
  EXPECT_LT(nowSeconds() - t0, 3.0);
  EXPECT_NE((*c)->state(), LinkState::Connected);
  Pose p;
  EXPECT_FALSE((*c)->publish("cx.e.pose.a.0.0.v", encodePose(p)));
}

}  // namespace
}  // namespace cx::social
