#include "cx/xr/input.h"

#include <spdlog/spdlog.h>

#include <cstring>
#include <map>

#include "cx/xr/check.h"

namespace cx::xr {
namespace {

XrPath toPath(XrInstance instance, const std::string& s) {
  XrPath p = XR_NULL_PATH;
  CX_XR_CHECK(xrStringToPath(instance, s.c_str(), &p));
  return p;
}

XrAction makeAction(XrInstance, XrActionSet set, const Input& in, const char* name, const char* localized,
                    XrActionType type) {
  XrActionCreateInfo ci{XR_TYPE_ACTION_CREATE_INFO};
  ci.actionType = type;
  std::snprintf(ci.actionName, XR_MAX_ACTION_NAME_SIZE, "%s", name);
  std::snprintf(ci.localizedActionName, XR_MAX_LOCALIZED_ACTION_NAME_SIZE, "%s", localized);
  ci.countSubactionPaths = uint32_t(in.hand.size());
  ci.subactionPaths = in.hand.data();
  XrAction a = XR_NULL_HANDLE;
  CX_XR_CHECK(xrCreateAction(set, &ci, &a));
  return a;
}

// Both hands of one input path, e.g. "input/grip/pose".
#define CX_BOTH(profile, action, path) \
  {profile, action, "/user/hand/left/" path}, {profile, action, "/user/hand/right/" path}

}  // namespace

const std::vector<SuggestedBinding>& suggestedBindings() {
  static const std::vector<SuggestedBinding> table = {
      // Simple controller: select and menu clicks, no stick, no squeeze.
      CX_BOTH("/interaction_profiles/khr/simple_controller", "grip", "input/grip/pose"),
      CX_BOTH("/interaction_profiles/khr/simple_controller", "aim", "input/aim/pose"),
      CX_BOTH("/interaction_profiles/khr/simple_controller", "select", "input/select/click"),
      CX_BOTH("/interaction_profiles/khr/simple_controller", "menu", "input/menu/click"),
      // Oculus Touch: menu only on the left controller.
      CX_BOTH("/interaction_profiles/oculus/touch_controller", "grip", "input/grip/pose"),
      CX_BOTH("/interaction_profiles/oculus/touch_controller", "aim", "input/aim/pose"),
      CX_BOTH("/interaction_profiles/oculus/touch_controller", "select", "input/trigger/value"),
      CX_BOTH("/interaction_profiles/oculus/touch_controller", "stick", "input/thumbstick"),
      CX_BOTH("/interaction_profiles/oculus/touch_controller", "squeeze", "input/squeeze/value"),
      {"/interaction_profiles/oculus/touch_controller", "menu", "/user/hand/left/input/menu/click"},
      // Valve Index: no menu button for apps; B opens the menu.
      CX_BOTH("/interaction_profiles/valve/index_controller", "grip", "input/grip/pose"),
      CX_BOTH("/interaction_profiles/valve/index_controller", "aim", "input/aim/pose"),
      CX_BOTH("/interaction_profiles/valve/index_controller", "select", "input/trigger/value"),
      CX_BOTH("/interaction_profiles/valve/index_controller", "stick", "input/thumbstick"),
      CX_BOTH("/interaction_profiles/valve/index_controller", "squeeze", "input/squeeze/value"),
      CX_BOTH("/interaction_profiles/valve/index_controller", "menu", "input/b/click"),
      // HTC Vive: the trackpad stands in for the stick.
      CX_BOTH("/interaction_profiles/htc/vive_controller", "grip", "input/grip/pose"),
      CX_BOTH("/interaction_profiles/htc/vive_controller", "aim", "input/aim/pose"),
      CX_BOTH("/interaction_profiles/htc/vive_controller", "select", "input/trigger/value"),
      CX_BOTH("/interaction_profiles/htc/vive_controller", "stick", "input/trackpad"),
      CX_BOTH("/interaction_profiles/htc/vive_controller", "squeeze", "input/squeeze/click"),
      CX_BOTH("/interaction_profiles/htc/vive_controller", "menu", "input/menu/click"),
      // Windows Mixed Reality motion controllers.
      CX_BOTH("/interaction_profiles/microsoft/motion_controller", "grip", "input/grip/pose"),
      CX_BOTH("/interaction_profiles/microsoft/motion_controller", "aim", "input/aim/pose"),
      CX_BOTH("/interaction_profiles/microsoft/motion_controller", "select", "input/trigger/value"),
      CX_BOTH("/interaction_profiles/microsoft/motion_controller", "stick", "input/thumbstick"),
      CX_BOTH("/interaction_profiles/microsoft/motion_controller", "squeeze", "input/squeeze/click"),
      CX_BOTH("/interaction_profiles/microsoft/motion_controller", "menu", "input/menu/click"),
  };
  return table;
}

void createActions(XrInstance instance, Input& in) {
  in.hand = {toPath(instance, "/user/hand/left"), toPath(instance, "/user/hand/right")};
  XrActionSetCreateInfo si{XR_TYPE_ACTION_SET_CREATE_INFO};
  std::snprintf(si.actionSetName, XR_MAX_ACTION_SET_NAME_SIZE, "%s", "visit");
  std::snprintf(si.localizedActionSetName, XR_MAX_LOCALIZED_ACTION_SET_NAME_SIZE, "%s", "Visit the expo");
  CX_XR_CHECK(xrCreateActionSet(instance, &si, &in.set));
  in.gripPose = makeAction(instance, in.set, in, "grip", "Hand grip pose", XR_ACTION_TYPE_POSE_INPUT);
  in.aimPose = makeAction(instance, in.set, in, "aim", "Pointer aim pose", XR_ACTION_TYPE_POSE_INPUT);
  in.select = makeAction(instance, in.set, in, "select", "Select", XR_ACTION_TYPE_FLOAT_INPUT);
  in.stick = makeAction(instance, in.set, in, "stick", "Teleport and turn", XR_ACTION_TYPE_VECTOR2F_INPUT);
  in.menu = makeAction(instance, in.set, in, "menu", "Menu", XR_ACTION_TYPE_BOOLEAN_INPUT);
  in.squeeze = makeAction(instance, in.set, in, "squeeze", "Squeeze", XR_ACTION_TYPE_FLOAT_INPUT);
  const std::map<std::string, XrAction> byName = {{"grip", in.gripPose}, {"aim", in.aimPose},
                                                  {"select", in.select}, {"stick", in.stick},
                                                  {"menu", in.menu},     {"squeeze", in.squeeze}};
  std::map<std::string, std::vector<XrActionSuggestedBinding>> perProfile;
  for (const auto& b : suggestedBindings()) {
    perProfile[b.profile].push_back({byName.at(b.action), toPath(instance, b.path)});
  }
  for (const auto& [profile, bindings] : perProfile) {
    XrInteractionProfileSuggestedBinding sb{XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING};
    sb.interactionProfile = toPath(instance, profile);
    sb.countSuggestedBindings = uint32_t(bindings.size());
    sb.suggestedBindings = bindings.data();
    CX_XR_CHECK(xrSuggestInteractionProfileBindings(instance, &sb));
    in.suggestedProfiles.push_back(profile);
  }
}

void attachActions(XrSession session, Input& in) {
  XrSessionActionSetsAttachInfo ai{XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO};
  ai.countActionSets = 1;
  ai.actionSets = &in.set;
  CX_XR_CHECK(xrAttachSessionActionSets(session, &ai));
  for (int h = 0; h < 2; ++h) {
    XrActionSpaceCreateInfo ci{XR_TYPE_ACTION_SPACE_CREATE_INFO};
    ci.subactionPath = in.hand[h];
    ci.poseInActionSpace = XrPosef{{0, 0, 0, 1}, {0, 0, 0}};
    ci.action = in.gripPose;
    CX_XR_CHECK(xrCreateActionSpace(session, &ci, &in.gripSpace[h]));
    ci.action = in.aimPose;
    CX_XR_CHECK(xrCreateActionSpace(session, &ci, &in.aimSpace[h]));
  }
}

void detachActions(Input& in) {
  for (int h = 0; h < 2; ++h) {
    if (in.gripSpace[h]) xrDestroySpace(in.gripSpace[h]);
    if (in.aimSpace[h]) xrDestroySpace(in.aimSpace[h]);
    in.gripSpace[h] = in.aimSpace[h] = XR_NULL_HANDLE;
  }
}

void destroyActions(Input& in) {
  detachActions(in);
  if (in.set) xrDestroyActionSet(in.set);  // destroys its actions too
  in = Input{};
}

void syncActions(XrSession session, const Input& in, XrSpace base, XrTime time, bool focused,
                 std::array<HandInput, 2>& hands) {
  hands = {};
  if (!focused) return;
  XrActiveActionSet active{in.set, XR_NULL_PATH};
  XrActionsSyncInfo si{XR_TYPE_ACTIONS_SYNC_INFO};
  si.countActiveActionSets = 1;
  si.activeActionSets = &active;
  XrResult r = CX_XR_CHECK(xrSyncActions(session, &si));
  if (r == XR_SESSION_NOT_FOCUSED) return;
  for (int h = 0; h < 2; ++h) {
    HandInput& out = hands[h];
    XrActionStateGetInfo gi{XR_TYPE_ACTION_STATE_GET_INFO};
    gi.subactionPath = in.hand[h];
    XrActionStatePose pose{XR_TYPE_ACTION_STATE_POSE};
    gi.action = in.gripPose;
    CX_XR_CHECK(xrGetActionStatePose(session, &gi, &pose));
    out.active = pose.isActive;
    auto locate = [&](XrSpace space, XrPosef& dst) {
      XrSpaceLocation loc{XR_TYPE_SPACE_LOCATION};
      CX_XR_CHECK(xrLocateSpace(space, base, time, &loc));
      const XrSpaceLocationFlags need = XR_SPACE_LOCATION_POSITION_VALID_BIT | XR_SPACE_LOCATION_ORIENTATION_VALID_BIT;
      if ((loc.locationFlags & need) != need) return false;
      dst = loc.pose;
      return true;
    };
    if (pose.isActive) out.gripValid = locate(in.gripSpace[h], out.grip);
    gi.action = in.aimPose;
    CX_XR_CHECK(xrGetActionStatePose(session, &gi, &pose));
    if (pose.isActive) out.aimValid = locate(in.aimSpace[h], out.aim);
    out.active = out.active || pose.isActive;

    XrActionStateFloat f{XR_TYPE_ACTION_STATE_FLOAT};
    gi.action = in.select;
    CX_XR_CHECK(xrGetActionStateFloat(session, &gi, &f));
    out.select = f.isActive ? f.currentState : 0.0f;
    gi.action = in.squeeze;
    f = {XR_TYPE_ACTION_STATE_FLOAT};
    CX_XR_CHECK(xrGetActionStateFloat(session, &gi, &f));
    out.squeeze = f.isActive ? f.currentState : 0.0f;
    XrActionStateVector2f v{XR_TYPE_ACTION_STATE_VECTOR2F};
    gi.action = in.stick;
    CX_XR_CHECK(xrGetActionStateVector2f(session, &gi, &v));
    out.stick = v.isActive ? glm::vec2(v.currentState.x, v.currentState.y) : glm::vec2(0.0f);
    XrActionStateBoolean b{XR_TYPE_ACTION_STATE_BOOLEAN};
    gi.action = in.menu;
    CX_XR_CHECK(xrGetActionStateBoolean(session, &gi, &b));
    out.menu = b.isActive && b.currentState;
  }
}

std::string currentProfile(XrInstance instance, XrSession session, const Input& in, Hand hand) {
  XrInteractionProfileState st{XR_TYPE_INTERACTION_PROFILE_STATE};
  if (XR_FAILED(xrGetCurrentInteractionProfile(session, in.hand[hand], &st)) || st.interactionProfile == XR_NULL_PATH)
    return {};
  char buf[XR_MAX_PATH_LENGTH];
  uint32_t len = 0;
  CX_XR_CHECK(xrPathToString(instance, st.interactionProfile, sizeof buf, &len, buf));
  return std::string(buf);
}

}  // namespace cx::xr
