// Presence in the viewer: cloudexpo --offscreen --social against the real nats-server with the
// example permissions, and a second visitor (engine/social in this test) who walks up to it.
// The viewer's state dump lists the visitor, its screenshot shows the avatar in the visitor's
// colour where the state says it is, and the test sees the viewer's own pose and display name.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <thread>

#include "cx/social/session.h"
#include "image_compare.h"
#include "nats_test_server.h"
#include "viewer_run.h"

namespace fs = std::filesystem;

namespace {

using cx::testing::kSampleExpo;
using cx::testing::NatsTestServer;
using cx::testing::readJson;

double nowSeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

uint8_t toSrgb8(float linear) {
  float c = linear <= 0.0031308f ? linear * 12.92f : 1.055f * std::pow(linear, 1.0f / 2.4f) - 0.055f;
  return uint8_t(std::clamp(c, 0.0f, 1.0f) * 255.0f + 0.5f);
}

TEST(ViewerSocial, TwoVisitorsSeeEachOtherAndTheAvatarIsDrawnWhereTheStateSays) {
  NatsTestServer server("viewer");
  CX_REQUIRE_NATS(server);
  fs::path dir = cx::testing::freshTempDir("viewer", "social");
  {
    std::ofstream script(dir / "s.txt");
    script << "size 480 300\nwaitvisitors 1 60\nwait 3\nstate " << (dir / "state.json").string() << "\nscreenshot "
           << (dir / "shot.png").string() << "\nwait 1\nquit\n";
  }
  std::atomic<bool> viewerDone = false;
  cx::testing::CommandRun run;
  std::thread viewer([&] {
    run = cx::testing::runViewerBinary(
        fmt::format("{} --offscreen --validation --social {} --social-creds {} --display-name 'Анна' --script {}",
                    kSampleExpo.string(), server.url(), NatsTestServer::creds("anna").string(),
                    (dir / "s.txt").string()),
        dir);
    viewerDone = true;
  });

  // Boris finds the viewer's visitor on a wide subscription (his own interest cells would not
  // reach that far), then stands 3 m in front of her, facing her, and sees her with his session.
  auto makeClient = [&](const std::string& user) {
    cx::social::ClientSettings cs;
    cs.servers = {server.url()};
    cs.credentials = *cx::social::loadCredentials(NatsTestServer::creds(user));
    return cx::social::Client::start(cs);
  };
  auto watcher = makeClient("boris");
  auto client = makeClient("boris");
  ASSERT_TRUE(watcher.ok() && client.ok()) << watcher.message() << client.message();
  (*watcher)->setSubscriptions({"cx.cnae-13.pose.*.*.*.anna"});
  cx::social::SessionSettings ss;
  ss.expo = "cnae-13";
  ss.displayName = "Boris 李";
  ss.presence.boundsMin = glm::vec3(-2000, -10, -2000);
  ss.presence.boundsMax = glm::vec3(2000, 50, 2000);
  std::unique_ptr<cx::social::Session> boris;
  cx::social::SelfPose self;
  self.pavilion = "site";
  std::optional<cx::social::RemoteVisitor> anna;
  double deadline = nowSeconds() + 120;
  std::vector<cx::social::InboundMessage> inbox;
  std::string annaName;  // the display name rides along about once a second
  while (!viewerDone && nowSeconds() < deadline) {
    inbox.clear();
    (*watcher)->drain(inbox, 100);
    for (const auto& m : inbox) {
      auto pose = cx::social::decodePose(m.data);
      if (pose && !pose->name.empty()) annaName = pose->name;
    }
    if (!boris) {
      for (const auto& m : inbox) {
        auto pose = cx::social::decodePose(m.data);
        if (!pose || boris) continue;
        glm::vec3 forward(-std::sin(pose->yaw), 0.0f, -std::cos(pose->yaw));
        self.position = glm::vec3(pose->position.x, 1.65f, pose->position.z) + forward * 3.0f;
        self.yaw = pose->yaw + 3.14159265f;
        boris = std::make_unique<cx::social::Session>(std::move(*client), ss);
      }
    } else {
      boris->tick(self, nowSeconds());
      for (const auto& v : boris->presence().visitors())
        if (v.id == "anna") anna = v;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  viewer.join();
  ASSERT_EQ(run.exitCode, 0) << run.output;
  ASSERT_TRUE(anna) << "the viewer's pose never arrived";
  EXPECT_EQ(annaName, "Анна");
  EXPECT_NEAR(anna->position.x, self.position.x + 3.0f * std::sin(self.yaw), 0.05f);
  EXPECT_EQ(run.output.find("script line"), std::string::npos) << run.output;

  nlohmann::json state = readJson(dir / "state.json");
  ASSERT_FALSE(state.is_discarded());
  const nlohmann::json& social = state["social"];
  ASSERT_TRUE(social["enabled"].get<bool>()) << state.dump(2);
  EXPECT_EQ(social["link"], "connected");
  EXPECT_EQ(social["visitorId"], "anna");
  EXPECT_EQ(social["nearby"], 1);
  ASSERT_EQ(social["visitors"].size(), 1u) << social.dump(2);
  const nlohmann::json& b = social["visitors"][0];
  EXPECT_EQ(b["id"], "boris");
  EXPECT_EQ(b["name"], "Boris 李");
  EXPECT_NEAR(b["position"][0].get<float>(), self.position.x, 0.02f);
  EXPECT_NEAR(b["position"][2].get<float>(), self.position.z, 0.02f);
  ASSERT_TRUE(b.contains("screen")) << b.dump();
  float sx = b["screen"][0], sy = b["screen"][1];
  EXPECT_NEAR(sx, 240.0f, 20.0f);  // straight ahead

  cx::testing::RgbaImage img;
  std::string error;
  ASSERT_TRUE(cx::testing::loadPng(dir / "shot.png", img, &error)) << error;
  glm::vec3 tint = cx::social::visitorTint("boris");
  const uint8_t want[3] = {toSrgb8(tint.r), toSrgb8(tint.g), toSrgb8(tint.b)};
  int matching = 0, total = 0;
  for (int y = int(sy) - 10; y <= int(sy) + 10; ++y) {
    for (int x = int(sx) - 10; x <= int(sx) + 10; ++x) {
      if (x < 0 || y < 0 || x >= int(img.width) || y >= int(img.height)) continue;
      const uint8_t* p = &img.rgba[(size_t(y) * img.width + x) * 4];
      ++total;
      matching += std::abs(p[0] - want[0]) <= 6 && std::abs(p[1] - want[1]) <= 6 && std::abs(p[2] - want[2]) <= 6;
    }
  }
  EXPECT_GT(matching, total * 8 / 10) << "the avatar's colour (" << int(want[0]) << "," << int(want[1]) << ","
                                      << int(want[2]) << ") is not where the state puts boris; see " << dir;
  if (!::testing::Test::HasFailure() && !std::getenv("CX_KEEP_TEST_OUTPUT")) fs::remove_all(dir);
}

TEST(ViewerSocial, WithoutSocialNothingConnectsAndTheStateSaysAlone) {
  fs::path dir = cx::testing::freshTempDir("viewer", "alone");
  {
    std::ofstream script(dir / "s.txt");
    script << "size 160 100\nstate " << (dir / "state.json").string() << "\nquit\n";
  }
  auto run = cx::testing::runViewerBinary(
      fmt::format("{} --offscreen --script {}", kSampleExpo.string(), (dir / "s.txt").string()), dir);
  ASSERT_EQ(run.exitCode, 0) << run.output;
  EXPECT_EQ(run.output.find("social:"), std::string::npos) << run.output;
  nlohmann::json state = readJson(dir / "state.json");
  EXPECT_FALSE(state["social"]["enabled"].get<bool>());
  fs::remove_all(dir);
}

TEST(ViewerSocial, BadSocialOptionsAreOneLineErrors) {
  fs::path dir = cx::testing::freshTempDir("viewer", "badsocial");
  auto run = cx::testing::runViewerBinary(
      fmt::format("{} --offscreen --social http://x --frames 1", kSampleExpo.string()), dir);
  EXPECT_NE(run.exitCode, 0);
  EXPECT_NE(run.output.find("--social: social: http://x: expected nats://HOST:PORT"), std::string::npos) << run.output;
  run = cx::testing::runViewerBinary(
      fmt::format("{} --offscreen --social nats://127.0.0.1:9 --social-creds /nonexistent.creds --frames 1",
                  kSampleExpo.string()),
      dir);
  EXPECT_NE(run.exitCode, 0);
  EXPECT_NE(run.output.find("/nonexistent.creds"), std::string::npos) << run.output;
  fs::remove_all(dir);
}

}  // namespace
