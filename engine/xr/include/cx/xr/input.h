#pragma once
// Controller input through one OpenXR action set with suggested bindings for the common profiles:
// khr/simple_controller, oculus/touch_controller, valve/index_controller, htc/vive_controller and
// microsoft/motion_controller (only paths each profile defines). The actions are created and
// bound once per instance; they are attached to each session (a session recreated after
// LOSS_PENDING attaches them again).
#include <openxr/openxr.h>

#include <array>
#include <string>
#include <vector>

#include <glm/glm.hpp>

namespace cx::xr {

enum Hand { kLeft = 0, kRight = 1 };

struct HandInput {
  bool active = false;  // the runtime has a controller bound for this hand
  bool gripValid = false, aimValid = false;
  XrPosef grip{{0, 0, 0, 1}, {0, 0, 0}};  // in the app space (STAGE or LOCAL)
  XrPosef aim{{0, 0, 0, 1}, {0, 0, 0}};
  float select = 0.0f;        // trigger (or select click) 0..1
  glm::vec2 stick{0.0f};      // thumbstick, trackpad on the Vive; x right, y forward
  bool menu = false;
  float squeeze = 0.0f;
};

struct Input {
  XrActionSet set = XR_NULL_HANDLE;
  XrAction gripPose = XR_NULL_HANDLE, aimPose = XR_NULL_HANDLE;
  XrAction select = XR_NULL_HANDLE, stick = XR_NULL_HANDLE, menu = XR_NULL_HANDLE, squeeze = XR_NULL_HANDLE;
  std::array<XrPath, 2> hand{XR_NULL_PATH, XR_NULL_PATH};
  std::array<XrSpace, 2> gripSpace{XR_NULL_HANDLE, XR_NULL_HANDLE};
  std::array<XrSpace, 2> aimSpace{XR_NULL_HANDLE, XR_NULL_HANDLE};
  std::vector<std::string> suggestedProfiles;
};

// One suggested binding: interaction profile, action name, input path.
struct SuggestedBinding {
  const char* profile;
  const char* action;  // "grip", "aim", "select", "stick", "menu", "squeeze"
  const char* path;
};
// The table behind createActions (exposed for tests).
const std::vector<SuggestedBinding>& suggestedBindings();

// Creates the action set and actions, and suggests the bindings of every profile.
void createActions(XrInstance instance, Input& input);
// Attaches the action set to the session and creates the grip and aim spaces.
void attachActions(XrSession session, Input& input);
// Destroys the action spaces (before the session goes).
void detachActions(Input& input);
void destroyActions(Input& input);

// xrSyncActions (when `focused`; otherwise hands read as inactive) and the state of both hands,
// poses located in `base` at `time`.
void syncActions(XrSession session, const Input& input, XrSpace base, XrTime time, bool focused,
                 std::array<HandInput, 2>& hands);

// The interaction profile currently bound to a hand ("" when none).
std::string currentProfile(XrInstance instance, XrSession session, const Input& input, Hand hand);

}  // namespace cx::xr
