#pragma once
// The mirror window's mouse and keyboard mapping as plain logic (no GLFW, no Vulkan): mirror.cpp
// reads a MirrorInputSnapshot from GLFW each xrWaitFrame and applyMirrorInput turns it into head
// and right-hand input. Unit-tested in tests/xrsim (mirror_input_test.cpp).
//
//   right button held + drag   look: yaw and pitch change by 0.2 degrees per pixel, pitch within +-89
//   W S / A D                  move along the view's forward / right in the horizontal plane, 1.5 m/s
//   E / Q                      move up / down, 1.5 m/s
//   left button                right-hand trigger (1 pressed, 0 released)
//   1 2 3 4                    right stick forward, back, left, right (the lowest held key wins)
//   Escape                     asks for the session to exit
// The right hand follows the head (its aim is the head's forward), held low and to the right.
// Trigger and stick are applied on changes only, so a scripted value holds until the user
// presses or releases the button or a stick key.
#include <array>
#include <cstddef>
#include <cstdint>

#include "script.h"

namespace cx::xrsim {

inline constexpr float kMirrorLookDegPerPixel = 0.2f;
inline constexpr float kMirrorMaxPitchDeg = 89.0f;
inline constexpr float kMirrorMoveSpeed = 1.5f;  // metres per second

enum class MirrorKey : uint8_t { W, A, S, D, Q, E, Stick1, Stick2, Stick3, Stick4, Escape, Count };

// What the window's input looks like at one instant.
struct MirrorInputSnapshot {
  std::array<bool, size_t(MirrorKey::Count)> keys{};  // held down
  bool leftButton = false, rightButton = false;       // held down
  double cursorX = 0.0, cursorY = 0.0;                // window pixels, y down

  bool held(MirrorKey key) const { return keys[size_t(key)]; }
  void set(MirrorKey key, bool down) { keys[size_t(key)] = down; }
};

// Carried from one frame to the next (per mirror window, so per session).
struct MirrorInputState {
  double lastMouseX = 0.0, lastMouseY = 0.0;
  bool looking = false;  // the right button was held last frame
  int lastStickKey = 0;  // 0 none, 1..4
  bool lastTrigger = false;
  bool exitRequested = false;
};

struct MirrorInputResult {
  bool exitRequested = false;  // Escape asked for exit this frame (at most once per state)
};

// Applies one frame of `dt` seconds: look, move, the right hand, trigger and stick edges, Escape.
MirrorInputResult applyMirrorInput(const MirrorInputSnapshot& snapshot, double dt, MirrorInputState& state,
                                   SimInput& input);

}  // namespace cx::xrsim
