#pragma once
// The input/event script (CX_XRSIM_SCRIPT); format in README.md.
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "pose.h"

namespace cx::xrsim {

struct HandInput {
  Pose pose;  // grip and aim, in STAGE
  float stickX = 0.0f, stickY = 0.0f;
  float trigger = 0.0f;
  std::set<std::string> pressed;  // a b x y menu squeeze thumbstick
};

// Simulated device state, in STAGE.
struct SimInput {
  float headYaw = 0.0f, headPitch = 0.0f;
  glm::vec3 headPosition{0.0f, 1.6f, 0.0f};
  std::array<HandInput, 2> hands;  // 0 = left, 1 = right
  SimInput() {
    hands[0].pose.position = {-0.2f, 1.3f, -0.3f};
    hands[1].pose.position = {0.2f, 1.3f, -0.3f};
  }
};

struct ScriptEvent {
  enum class Kind { Head, Hand, Stick, Trigger, Button, Capture, Loss, Exit };
  Kind kind = Kind::Head;
  int hand = 1;
  std::array<float, 5> values{};
  std::string text;  // button name or capture prefix
  int line = 0;
};

struct Script {
  float ipd = 0.064f;
  std::array<float, 4> fovDeg{45.0f, 45.0f, 42.0f, 42.0f};  // left right up down
  uint32_t eyeWidth = 640, eyeHeight = 480;
  std::multimap<uint64_t, ScriptEvent> timed;  // frame index -> event, in file order
};

// Parses script text; on error returns "NAME:LINE: problem".
std::optional<std::string> parseScript(const std::string& text, const std::string& name, Script& out);
// Applies an input event (Head, Hand, Stick, Trigger, Button) to `input`.
void applyInputEvent(const ScriptEvent& event, SimInput& input);

}  // namespace cx::xrsim
