// The mirror window's mouse/keyboard mapping (tools/xr-sim-runtime/src/mirror_input.h) as plain
// logic: snapshots of held keys, buttons and the cursor go in, the simulated head and right hand
// come out. No window, no runtime.
#include <gtest/gtest.h>

#include <glm/gtc/quaternion.hpp>

#include "mirror_input.h"

namespace cx::xrsim {
namespace {

constexpr double kDt = 1.0 / 90.0;

// One frame with `snap`; returns whether it asked for exit.
bool step(const MirrorInputSnapshot& snap, MirrorInputState& state, SimInput& input, double dt = kDt) {
  return applyMirrorInput(snap, dt, state, input).exitRequested;
}

MirrorInputSnapshot cursorAt(double x, double y, bool rightButton) {
  MirrorInputSnapshot s;
  s.cursorX = x;
  s.cursorY = y;
  s.rightButton = rightButton;
  return s;
}

glm::vec3 forwardOf(const glm::quat& q) {
  return q * glm::vec3(0, 0, -1);
}

TEST(XrSimMirrorInput, RightDragLooksByAFifthOfADegreePerPixel) {
  MirrorInputState st;
  SimInput in;
  in.headYaw = 10.0f;
  in.headPitch = 5.0f;
  // The press itself does not jump, however far the cursor moved before it.
  step(cursorAt(400, 300, false), st, in);
  step(cursorAt(100, 100, true), st, in);
  EXPECT_FLOAT_EQ(in.headYaw, 10.0f);
  EXPECT_FLOAT_EQ(in.headPitch, 5.0f);
  // Dragging right turns right (yaw down), dragging up looks up (pitch up).
  step(cursorAt(130, 80, true), st, in);
  EXPECT_NEAR(in.headYaw, 10.0f - 30 * 0.2f, 1e-4f);
  EXPECT_NEAR(in.headPitch, 5.0f + 20 * 0.2f, 1e-4f);
  step(cursorAt(120, 90, true), st, in);
  EXPECT_NEAR(in.headYaw, 10.0f - 20 * 0.2f, 1e-4f);
  EXPECT_NEAR(in.headPitch, 5.0f + 10 * 0.2f, 1e-4f);
}

TEST(XrSimMirrorInput, PitchIsClampedToPlusMinus89Degrees) {
  MirrorInputState st;
  SimInput in;
  step(cursorAt(0, 0, true), st, in);
  step(cursorAt(0, -1000, true), st, in);  // 200 degrees up
  EXPECT_FLOAT_EQ(in.headPitch, 89.0f);
  step(cursorAt(0, -1100, true), st, in);
  EXPECT_FLOAT_EQ(in.headPitch, 89.0f);
  step(cursorAt(0, 2000, true), st, in);  // 620 degrees down
  EXPECT_FLOAT_EQ(in.headPitch, -89.0f);
  step(cursorAt(0, 1990, true), st, in);  // and back up by 2 degrees from the clamp
  EXPECT_NEAR(in.headPitch, -87.0f, 1e-4f);
}

TEST(XrSimMirrorInput, NoLookWithoutTheRightButton) {
  MirrorInputState st;
  SimInput in;
  in.headYaw = -20.0f;
  for (double x : {0.0, 50.0, 400.0, -300.0}) step(cursorAt(x, x * 0.5, false), st, in);
  EXPECT_FLOAT_EQ(in.headYaw, -20.0f);
  EXPECT_FLOAT_EQ(in.headPitch, 0.0f);
  // Releasing mid-drag stops looking; moving then pressing again resumes from the new spot.
  step(cursorAt(0, 0, true), st, in);
  step(cursorAt(10, 0, true), st, in);
  EXPECT_NEAR(in.headYaw, -22.0f, 1e-4f);
  step(cursorAt(500, 500, false), st, in);
  step(cursorAt(600, 600, true), st, in);
  EXPECT_NEAR(in.headYaw, -22.0f, 1e-4f);
  EXPECT_FLOAT_EQ(in.headPitch, 0.0f);
}

TEST(XrSimMirrorInput, HoldingWForOneSecondWalks1Point5MetresAlongTheHorizontalForward) {
  MirrorInputState st;
  SimInput in;
  in.headYaw = 90.0f;    // looking along -X
  in.headPitch = 40.0f;  // and up: walking stays horizontal
  in.headPosition = {1.0f, 1.6f, 2.0f};
  MirrorInputSnapshot snap;
  snap.set(MirrorKey::W, true);
  for (int i = 0; i < 90; ++i) step(snap, st, in);
  EXPECT_NEAR(in.headPosition.x, 1.0f - 1.5f, 1e-4f);
  EXPECT_NEAR(in.headPosition.y, 1.6f, 1e-5f);
  EXPECT_NEAR(in.headPosition.z, 2.0f, 1e-4f);
  // The same second at another frame rate covers the same distance.
  SimInput other;
  other.headYaw = 90.0f;
  other.headPosition = {1.0f, 1.6f, 2.0f};
  MirrorInputState st2;
  for (int i = 0; i < 30; ++i) step(snap, st2, other, 1.0 / 30.0);
  EXPECT_NEAR(glm::distance(other.headPosition, in.headPosition), 0.0f, 1e-4f);
}

TEST(XrSimMirrorInput, StrafeAndVerticalKeys) {
  struct Case {
    MirrorKey key;
    glm::vec3 direction;  // at yaw 0: forward is -Z, right is +X
  };
  for (const Case& c :
       {Case{MirrorKey::S, {0, 0, 1}}, Case{MirrorKey::D, {1, 0, 0}}, Case{MirrorKey::A, {-1, 0, 0}},
        Case{MirrorKey::E, {0, 1, 0}}, Case{MirrorKey::Q, {0, -1, 0}}}) {
    MirrorInputState st;
    SimInput in;
    const glm::vec3 start = in.headPosition;
    MirrorInputSnapshot snap;
    snap.set(c.key, true);
    step(snap, st, in, 0.5);
    const glm::vec3 moved = in.headPosition - start;
    EXPECT_NEAR(glm::distance(moved, c.direction * 0.75f), 0.0f, 1e-5f) << int(c.key);
  }
  // Opposite keys cancel.
  MirrorInputState st;
  SimInput in;
  const glm::vec3 start = in.headPosition;
  MirrorInputSnapshot snap;
  snap.set(MirrorKey::W, true);
  snap.set(MirrorKey::S, true);
  snap.set(MirrorKey::Q, true);
  snap.set(MirrorKey::E, true);
  step(snap, st, in, 1.0);
  EXPECT_NEAR(glm::distance(in.headPosition, start), 0.0f, 1e-6f);
}

TEST(XrSimMirrorInput, TheRightHandFollowsTheHeadAndAimsWhereItLooks) {
  MirrorInputState st;
  SimInput in;
  in.headYaw = 30.0f;
  in.headPitch = -20.0f;
  in.headPosition = {2.0f, 1.7f, -1.0f};
  const glm::vec3 leftBefore = in.hands[0].pose.position;
  step(MirrorInputSnapshot{}, st, in);
  const glm::quat head = yawPitch(30.0f, -20.0f);
  const Pose& hand = in.hands[1].pose;
  EXPECT_NEAR(glm::distance(forwardOf(hand.orientation), forwardOf(head)), 0.0f, 1e-5f);
  const glm::vec3 expected = in.headPosition + head * glm::vec3(0.15f, -0.25f, -0.35f);
  EXPECT_NEAR(glm::distance(hand.position, expected), 0.0f, 1e-5f);
  EXPECT_EQ(in.hands[0].pose.position, leftBefore);  // the left hand is the script's
}

TEST(XrSimMirrorInput, TheTriggerIsAppliedOnButtonChangesOnly) {
  MirrorInputState st;
  SimInput in;
  in.hands[1].trigger = 0.7f;  // a scripted value
  MirrorInputSnapshot up, down;
  down.leftButton = true;
  for (int i = 0; i < 3; ++i) step(up, st, in);
  EXPECT_FLOAT_EQ(in.hands[1].trigger, 0.7f);  // held: the user changed nothing
  step(down, st, in);
  EXPECT_FLOAT_EQ(in.hands[1].trigger, 1.0f);
  in.hands[1].trigger = 0.3f;  // the script changes it while the button stays down
  step(down, st, in);
  step(down, st, in);
  EXPECT_FLOAT_EQ(in.hands[1].trigger, 0.3f);
  step(up, st, in);
  EXPECT_FLOAT_EQ(in.hands[1].trigger, 0.0f);
  in.hands[1].trigger = 0.6f;
  step(up, st, in);
  EXPECT_FLOAT_EQ(in.hands[1].trigger, 0.6f);
  EXPECT_FLOAT_EQ(in.hands[0].trigger, 0.0f);  // the left hand is untouched
}

TEST(XrSimMirrorInput, StickKeysAreAppliedOnChangesOnly) {
  MirrorInputState st;
  SimInput in;
  in.hands[1].stickX = 0.5f;  // scripted
  in.hands[1].stickY = -0.25f;
  auto keys = [](std::initializer_list<MirrorKey> held) {
    MirrorInputSnapshot s;
    for (MirrorKey k : held) s.set(k, true);
    return s;
  };
  auto stick = [&] { return glm::vec2(in.hands[1].stickX, in.hands[1].stickY); };
  step(keys({}), st, in);
  EXPECT_EQ(stick(), glm::vec2(0.5f, -0.25f));
  step(keys({MirrorKey::Stick1}), st, in);
  EXPECT_EQ(stick(), glm::vec2(0.0f, 1.0f));
  in.hands[1].stickX = 0.2f;  // the script moves it while 1 is held: its value holds
  step(keys({MirrorKey::Stick1}), st, in);
  EXPECT_EQ(stick(), glm::vec2(0.2f, 1.0f));
  // Another key held as well: the lowest wins, so nothing changes.
  step(keys({MirrorKey::Stick1, MirrorKey::Stick4}), st, in);
  EXPECT_EQ(stick(), glm::vec2(0.2f, 1.0f));
  step(keys({MirrorKey::Stick4}), st, in);
  EXPECT_EQ(stick(), glm::vec2(1.0f, 0.0f));
  step(keys({MirrorKey::Stick3}), st, in);
  EXPECT_EQ(stick(), glm::vec2(-1.0f, 0.0f));
  step(keys({MirrorKey::Stick2}), st, in);
  EXPECT_EQ(stick(), glm::vec2(0.0f, -1.0f));
  step(keys({}), st, in);  // released: centred
  EXPECT_EQ(stick(), glm::vec2(0.0f, 0.0f));
  in.hands[1].stickY = 0.9f;
  step(keys({}), st, in);
  EXPECT_EQ(stick(), glm::vec2(0.0f, 0.9f));
}

TEST(XrSimMirrorInput, EscapeRequestsExitOnce) {
  MirrorInputState st;
  SimInput in;
  MirrorInputSnapshot esc;
  esc.set(MirrorKey::Escape, true);
  EXPECT_FALSE(step(MirrorInputSnapshot{}, st, in));
  int requests = 0;
  for (int i = 0; i < 5; ++i) requests += step(esc, st, in);
  step(MirrorInputSnapshot{}, st, in);
  requests += step(esc, st, in);  // pressed again: the exit is already on its way
  EXPECT_EQ(requests, 1);
  // A new window (a new session) asks again.
  MirrorInputState fresh;
  EXPECT_TRUE(step(esc, fresh, in));
}

}  // namespace
}  // namespace cx::xrsim
