// engine/social without a network: the pose codec, display names, subjects and cells, presence.
#include "cx/social/pose_codec.h"
#include "cx/social/presence.h"
#include "cx/social/session.h"
#include "cx/social/subjects.h"
#include "cx/social/text.h"

#include <gtest/gtest.h>

#include <random>

namespace cx::social {
namespace {

TEST(SocialCodec, RoundTripKeepsPoseWithinQuantisation) {
  Pose p;
  p.sequence = 513;
  p.position = {-1234.567f, 1.65f, 987.654f};
  p.yaw = 2.5f;
  p.pitch = -0.4f;
  p.name = "Анна 李";
  p.staff = true;
  std::vector<uint8_t> bytes = encodePose(p);
  EXPECT_EQ(bytes.size(), kPoseBaseBytes + 1 + p.name.size());
  std::optional<Pose> q = decodePose(bytes);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->sequence, 513);
  EXPECT_NEAR(q->position.x, p.position.x, 0.006f);
  EXPECT_NEAR(q->position.y, p.position.y, 0.006f);
  EXPECT_NEAR(q->position.z, p.position.z, 0.006f);
  EXPECT_NEAR(q->yaw, p.yaw, 1e-4f);
  EXPECT_NEAR(q->pitch, p.pitch, 1e-4f);
  EXPECT_EQ(q->name, p.name);
  EXPECT_TRUE(q->staff);
  EXPECT_FALSE(q->leaving);
  EXPECT_FALSE(q->hands);
}

TEST(SocialCodec, DesktopPoseIs16BytesAndXrWithHands40) {
  Pose p;
  p.position = {10, 1.6f, 20};
  EXPECT_EQ(encodePose(p).size(), 16u);
  p.hands = std::array<HandPose, 2>{HandPose{{-0.3f, -0.4f, -0.2f}, 0.1f, 0.2f, 0.3f},
                                    HandPose{{0.3f, -0.4f, -0.25f}, -0.1f, -0.2f, -3.0f}};
  std::vector<uint8_t> bytes = encodePose(p);
  EXPECT_EQ(bytes.size(), 40u);
  std::optional<Pose> q = decodePose(bytes);
  ASSERT_TRUE(q && q->hands);
  EXPECT_NEAR((*q->hands)[1].offset.z, -0.25f, 0.001f);
  EXPECT_NEAR((*q->hands)[1].roll, -3.0f, 0.001f);
  EXPECT_NEAR((*q->hands)[0].pitch, 0.2f, 0.001f);
}

TEST(SocialCodec, RejectsEveryTruncationAndTrailingByte) {
  Pose p;
  p.position = {1, 1.6f, 1};
  p.name = "Boris";
  std::vector<uint8_t> bytes = encodePose(p);
  ASSERT_TRUE(decodePose(bytes));
  for (size_t n = 0; n < bytes.size(); ++n)
    EXPECT_FALSE(decodePose(std::span(bytes.data(), n))) << "truncated at " << n;
  std::vector<uint8_t> longer = bytes;
  longer.push_back(0);
  EXPECT_FALSE(decodePose(longer));
  std::vector<uint8_t> badVersion = bytes;
  badVersion[0] = 0xC2;
  EXPECT_FALSE(decodePose(badVersion));
  std::vector<uint8_t> badFlags = bytes;
  badFlags[1] |= 0x80;
  EXPECT_FALSE(decodePose(badFlags));
  std::vector<uint8_t> badName = bytes;
  badName.back() = 0xFF;
  EXPECT_FALSE(decodePose(badName));
}

TEST(SocialCodec, NonFiniteInputEncodesAsZeroNotGarbage) {
  Pose p;
  p.position = {std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity(), 1e30f};
  p.yaw = std::numeric_limits<float>::quiet_NaN();
  std::optional<Pose> q = decodePose(encodePose(p));
  ASSERT_TRUE(q);
  EXPECT_EQ(q->position.x, 0.0f);
  EXPECT_NEAR(q->position.z, 83886.07f, 0.01f);  // clamped to the s24 range
  EXPECT_EQ(q->yaw, 0.0f);
}

TEST(SocialText, DisplayNamesAreValidPrintableAndCapped) {
  EXPECT_EQ(sanitizeDisplayName("  Anna \t  Schmidt \n"), "Anna Schmidt");
  EXPECT_EQ(sanitizeDisplayName("ev\x1b[31mil"), "ev[31mil");
  EXPECT_EQ(sanitizeDisplayName("a\xE2\x80\xAE" "b"), "ab");  // right-to-left override removed
  EXPECT_EQ(sanitizeDisplayName("bad\xC0\xAFutf8\xFF"), "badutf8");
  EXPECT_EQ(sanitizeDisplayName("김민준"), "김민준");
  std::string longName(200, 'x');
  EXPECT_EQ(decodeUtf8(sanitizeDisplayName(longName)).size(), kMaxDisplayNameCodepoints);
  std::string cjk;
  for (int i = 0; i < 60; ++i) cjk += "李";
  std::string cut = sanitizeDisplayName(cjk);
  EXPECT_TRUE(isValidUtf8(cut));
  EXPECT_EQ(decodeUtf8(cut).size(), kMaxDisplayNameCodepoints);
  EXPECT_EQ(sanitizeDisplayName("\x01\x02\x7f"), "");
  EXPECT_FALSE(isValidUtf8("\xED\xA0\x80"));  // a surrogate
  EXPECT_FALSE(isValidUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
}

TEST(SocialSubjects, CellsAndSubjects) {
  EXPECT_EQ(cellOf({-0.5f, 0, 15.9f}), (Cell{-1, 0}));
  EXPECT_EQ(cellOf({32.0f, 0, -16.0f}), (Cell{2, -1}));
  std::vector<Cell> near = cellsWithin({8, 0, 8}, 40.0f);
  EXPECT_GE(near.size(), 21u);
  EXPECT_LE(near.size(), 37u);
  for (Cell c : near) EXPECT_LE(std::max(std::abs(c.x), std::abs(c.z)), 3);
  EXPECT_TRUE(std::find(near.begin(), near.end(), Cell{3, 3}) == near.end());  // its corner is 48*sqrt2-8 away
  EXPECT_EQ(poseSubject("cnae-13", "sci-tech", {-2, 5}, "anna"), "cx.cnae-13.pose.sci-tech.-2.5.anna");
  std::optional<PoseSubject> s = parsePoseSubject("cx.cnae-13.pose.sci-tech.-2.5.anna", "cnae-13");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->cell, (Cell{-2, 5}));
  EXPECT_EQ(s->visitor, "anna");
  EXPECT_FALSE(parsePoseSubject("cx.other.pose.sci-tech.-2.5.anna", "cnae-13"));
  EXPECT_FALSE(parsePoseSubject("cx.cnae-13.pose.sci-tech.x.5.anna", "cnae-13"));
  EXPECT_FALSE(parsePoseSubject("cx.cnae-13.pose.sci-tech.1.5.an*na", "cnae-13"));
  EXPECT_FALSE(parsePoseSubject("cx.cnae-13.pose.sci-tech.1.5", "cnae-13"));
  EXPECT_EQ(cellSubscription("e", {1, -1}), "cx.e.pose.*.1.-1.*");
  EXPECT_EQ(toSubjectToken("a.b c>*"), "a_b_c__");
}

PresenceSettings testSettings() {
  PresenceSettings s;
  s.expo = "e";
  s.boundsMin = {-100, -5, -100};
  s.boundsMax = {100, 20, 100};
  return s;
}

std::vector<uint8_t> poseAt(glm::vec3 p, uint16_t seq, std::string name = "") {
  Pose pose;
  pose.position = p;
  pose.sequence = seq;
  pose.name = std::move(name);
  return encodePose(pose);
}

std::string subjectFor(glm::vec3 p, std::string_view who) { return poseSubject("e", "hall", cellOf(p), who); }

TEST(SocialPresence, InterpolatesAndRemovesAfterFiveSeconds) {
  Presence presence(testSettings());
  glm::vec3 a{1, 1.6f, 1}, b{3, 1.6f, 1};
  ASSERT_TRUE(presence.receive(subjectFor(a, "anna"), poseAt(a, 1, "Anna"), 10.0));
  ASSERT_TRUE(presence.receive(subjectFor(b, "anna"), poseAt(b, 2), 10.2));
  presence.update(10.2, true);  // drawn 0.1 s behind: halfway
  ASSERT_EQ(presence.visitors().size(), 1u);
  EXPECT_NEAR(presence.visitors()[0].position.x, 2.0f, 0.05f);
  EXPECT_EQ(presence.visitors()[0].name, "Anna");
  presence.update(12.0, true);
  EXPECT_NEAR(presence.visitors()[0].position.x, 3.0f, 0.01f);
  EXPECT_FLOAT_EQ(presence.visitors()[0].opacity, 1.0f);
  presence.update(15.1, true);
  EXPECT_EQ(presence.visitors().size(), 1u);
  presence.update(15.3, true);
  EXPECT_TRUE(presence.visitors().empty());
  EXPECT_EQ(presence.stats().removed, 1u);
}

TEST(SocialPresence, LinkDownFadesVisitorsOut) {
  Presence presence(testSettings());
  glm::vec3 a{1, 1.6f, 1};
  ASSERT_TRUE(presence.receive(subjectFor(a, "anna"), poseAt(a, 1), 1.0));
  presence.update(2.5, true);
  EXPECT_FLOAT_EQ(presence.visitors()[0].opacity, 1.0f);
  presence.update(3.0, false);
  EXPECT_NEAR(presence.visitors()[0].opacity, 0.5f, 0.01f);
  presence.update(3.6, false);
  EXPECT_FLOAT_EQ(presence.visitors()[0].opacity, 0.0f);
}

TEST(SocialPresence, HostileMessagesAreDroppedAndCounted) {
  Presence presence(testSettings());
  glm::vec3 ok{1, 1.6f, 1};
  EXPECT_FALSE(presence.receive(subjectFor(ok, "a"), {}, 1.0));
  EXPECT_FALSE(presence.receive("cx.e.pose.hall.0.0", poseAt(ok, 1), 1.0));
  EXPECT_FALSE(presence.receive(subjectFor(ok, "a"), std::vector<uint8_t>{1, 2, 3}, 1.0));
  glm::vec3 outside{500, 1.6f, 1};
  EXPECT_FALSE(presence.receive(subjectFor(outside, "a"), poseAt(outside, 1), 1.0));
  glm::vec3 elsewhere{60, 1.6f, 60};  // valid but published on another cell's subject
  EXPECT_FALSE(presence.receive(subjectFor(ok, "a"), poseAt(elsewhere, 1), 1.0));
  std::vector<uint8_t> huge(4096, 0xC1);
  EXPECT_FALSE(presence.receive(subjectFor(ok, "a"), huge, 1.0));
  EXPECT_TRUE(presence.visitors().empty());
  const PresenceStats& s = presence.stats();
  EXPECT_EQ(s.droppedSize, 2u);
  EXPECT_EQ(s.droppedSubject, 1u);
  EXPECT_EQ(s.droppedMalformed, 1u);
  EXPECT_EQ(s.droppedBounds, 2u);
  EXPECT_EQ(s.accepted, 0u);
  // A replay of an older sequence is stale.
  EXPECT_TRUE(presence.receive(subjectFor(ok, "a"), poseAt(ok, 10), 1.0));
  EXPECT_FALSE(presence.receive(subjectFor(ok, "a"), poseAt(ok, 9), 1.1));
  EXPECT_EQ(presence.stats().droppedStale, 1u);
}

TEST(SocialPresence, RateLimitPerSender) {
  Presence presence(testSettings());
  glm::vec3 p{1, 1.6f, 1};
  int accepted = 0;
  for (int i = 0; i < 200; ++i) accepted += presence.receive(subjectFor(p, "flood"), poseAt(p, i + 1), 1.0 + i * 0.001);
  EXPECT_LE(accepted, 35);  // the burst (30) and 0.2 s at 20/s
  EXPECT_GE(accepted, 30);
  EXPECT_EQ(presence.stats().droppedRate, static_cast<uint64_t>(200 - accepted));
  // Another sender is not affected by the flood.
  EXPECT_TRUE(presence.receive(subjectFor(p, "calm"), poseAt(p, 1), 1.2));
  // A visitor at 10 Hz is never limited.
  Presence fresh(testSettings());
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(fresh.receive(subjectFor(p, "v"), poseAt(p, i + 1), 1.0 + i * 0.1));
}

TEST(SocialPresence, TableIsBounded) {
  PresenceSettings s = testSettings();
  s.maxVisitors = 50;
  Presence presence(s);
  glm::vec3 p{1, 1.6f, 1};
  for (int i = 0; i < 100; ++i) presence.receive(subjectFor(p, "v" + std::to_string(i)), poseAt(p, 1), 1.0);
  presence.update(1.0, true);
  EXPECT_EQ(presence.visitors().size(), 50u);
  EXPECT_EQ(presence.stats().droppedFull, 50u);
}

TEST(SocialPresence, TenThousandRandomMessagesLeaveItSane) {
  Presence presence(testSettings());
  std::mt19937 rng(17);
  glm::vec3 p{1, 1.6f, 1};
  std::vector<uint8_t> good = poseAt(p, 1, "Anna");
  for (int i = 0; i < 10000; ++i) {
    std::vector<uint8_t> m = good;
    switch (rng() % 4) {
      case 0: m.resize(rng() % 200); for (auto& b : m) b = static_cast<uint8_t>(rng()); break;
      case 1: m[rng() % m.size()] ^= static_cast<uint8_t>(1u << (rng() % 8)); break;
      case 2: m.resize(rng() % m.size()); break;
      default: m.push_back(static_cast<uint8_t>(rng())); break;
    }
    std::string who = "v" + std::to_string(rng() % 64);
    presence.receive(rng() % 8 ? subjectFor(p, who) : "cx.e.pose.\x01.>.0", m, 1.0 + i * 1e-4);
  }
  presence.update(2.0, true);
  EXPECT_EQ(presence.stats().accepted + presence.stats().dropped(), 10000u);
  for (const RemoteVisitor& v : presence.visitors()) {
    EXPECT_TRUE(isValidUtf8(v.name));
    EXPECT_LE(decodeUtf8(v.name).size(), kMaxDisplayNameCodepoints);
    EXPECT_TRUE(glm::all(glm::greaterThanEqual(v.position, presence.settings().boundsMin)));
    EXPECT_TRUE(glm::all(glm::lessThanEqual(v.position, presence.settings().boundsMax)));
  }
}

TEST(SocialPublisher, TenHertzOnlyOnChangeWithKeepAlive) {
  PosePublisher pub;
  Pose p;
  p.position = {1, 1.6f, 1};
  p.name = "Anna";
  int sent = 0, named = 0;
  for (int i = 0; i < 100; ++i) {  // 1 s at 100 frames per second, moving
    p.position.x = 1 + i * 0.01f;
    std::vector<uint8_t> m = pub.next(p, i * 0.01);
    if (!m.empty()) ++sent, named += decodePose(m)->name.empty() ? 0 : 1;
  }
  EXPECT_EQ(sent, 10);
  EXPECT_EQ(named, 1);
  int idle = 0;
  for (int i = 100; i < 600; ++i) idle += pub.next(p, i * 0.01).empty() ? 0 : 1;  // 5 s standing still
  EXPECT_EQ(idle, 3);  // the last step of the walk (the 10 Hz limit held it back), then keep-alives every 2 s
}

}  // namespace
}  // namespace cx::social
