#include "profiles.h"

#include <algorithm>
#include <cmath>

namespace cx::xrsim {
namespace {

std::vector<std::string> join(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

const std::vector<std::string> kPoseHaptic = {"/input/grip/pose", "/input/aim/pose", "/output/haptic"};
const std::vector<std::string> kStick = {"/input/thumbstick", "/input/thumbstick/x", "/input/thumbstick/y",
                                         "/input/thumbstick/click"};
const std::vector<std::string> kTrackpad = {"/input/trackpad", "/input/trackpad/x", "/input/trackpad/y",
                                            "/input/trackpad/click", "/input/trackpad/touch"};

}  // namespace

const std::vector<ProfileDef>& interactionProfiles() {
  static const std::vector<ProfileDef> profiles = [] {
    std::vector<ProfileDef> p;
    auto simple = join({"/input/select/click", "/input/menu/click"}, kPoseHaptic);
    p.push_back({"/interaction_profiles/khr/simple_controller", simple, simple});
    auto touch = join(join({"/input/squeeze/value", "/input/trigger/value", "/input/trigger/touch",
                            "/input/thumbstick/touch", "/input/thumbrest/touch"},
                           kStick),
                      kPoseHaptic);
    p.push_back({"/interaction_profiles/oculus/touch_controller",
                 join(touch, {"/input/x/click", "/input/x/touch", "/input/y/click", "/input/y/touch",
                              "/input/menu/click"}),
                 join(touch, {"/input/a/click", "/input/a/touch", "/input/b/click", "/input/b/touch",
                              "/input/system/click"})});
    auto index =
        join(join(join({"/input/system/click", "/input/system/touch", "/input/a/click", "/input/a/touch",
                        "/input/b/click", "/input/b/touch", "/input/squeeze/value", "/input/squeeze/force",
                        "/input/trigger/click", "/input/trigger/value", "/input/trigger/touch",
                        "/input/thumbstick/touch", "/input/trackpad/force"},
                       kStick),
                  {"/input/trackpad", "/input/trackpad/x", "/input/trackpad/y", "/input/trackpad/touch"}),
             kPoseHaptic);
    p.push_back({"/interaction_profiles/valve/index_controller", index, index});
    auto vive = join(join({"/input/system/click", "/input/squeeze/click", "/input/menu/click",
                           "/input/trigger/click", "/input/trigger/value"},
                          kTrackpad),
                     kPoseHaptic);
    p.push_back({"/interaction_profiles/htc/vive_controller", vive, vive});
    auto ms = join(
        join(join({"/input/menu/click", "/input/squeeze/click", "/input/trigger/value"}, kStick), kTrackpad),
        kPoseHaptic);
    p.push_back({"/interaction_profiles/microsoft/motion_controller", ms, ms});
    return p;
  }();
  return profiles;
}

const ProfileDef* findProfile(const std::string& path) {
  for (auto& p : interactionProfiles())
    if (path == p.path) return &p;
  return nullptr;
}

std::optional<BindingTarget> resolveBinding(const ProfileDef& profile, const std::string& path) {
  BindingTarget t;
  std::string rest;
  for (int hand = 0; hand < 2; ++hand) {
    std::string prefix = hand == 0 ? "/user/hand/left" : "/user/hand/right";
    if (path.compare(0, prefix.size(), prefix) == 0 && path.size() > prefix.size() &&
        path[prefix.size()] == '/') {
      t.hand = hand;
      rest = path.substr(prefix.size());
    }
  }
  if (t.hand < 0) return std::nullopt;
  const auto& list = t.hand == 0 ? profile.left : profile.right;
  if (std::find(list.begin(), list.end(), rest) != list.end()) {
    t.component = rest;
    return t;
  }
  // An identifier without its component ("/input/trigger") binds to the runtime's choice.
  for (const auto& c : list) {
    if (c.size() > rest.size() && c.compare(0, rest.size(), rest) == 0 && c[rest.size()] == '/') {
      t.component = rest;
      return t;
    }
  }
  return std::nullopt;
}

SourceValue readSource(const HandInput& hand, const std::string& c) {
  using K = SourceValue::Kind;
  auto boolean = [](bool v) { return SourceValue{K::Boolean, v, v ? 1.0f : 0.0f}; };
  auto scalar = [](float v) { return SourceValue{K::Float, v > 0.5f, v}; };
  auto pressed = [&](const char* name) { return hand.pressed.count(name) > 0; };
  auto starts = [&](const char* p) { return c.rfind(p, 0) == 0; };
  if (c == "/output/haptic") return {K::Output};
  if (starts("/input/grip") || starts("/input/aim")) return {K::Pose};
  if (c == "/input/trigger/value" || c == "/input/trigger") return scalar(hand.trigger);
  if (c == "/input/trigger/click" || c == "/input/select/click" || c == "/input/select")
    return boolean(hand.trigger > 0.5f);
  if (c == "/input/trigger/touch") return boolean(hand.trigger > 0.0f);
  if (starts("/input/squeeze")) {
    bool s = pressed("squeeze");
    return c == "/input/squeeze/click" ? boolean(s) : scalar(s ? 1.0f : 0.0f);
  }
  if (starts("/input/thumbstick") || starts("/input/trackpad")) {
    size_t slash = c.find('/', 7);  // after "/input/<identifier>"
    std::string leaf = slash == std::string::npos ? std::string() : c.substr(slash);
    bool stickTouched = hand.stickX != 0.0f || hand.stickY != 0.0f || pressed("thumbstick");
    if (c == "/input/thumbstick" || c == "/input/trackpad")
      return {K::Vector2, false, 0.0f, hand.stickX, hand.stickY};
    if (leaf == "/x") return scalar(hand.stickX);
    if (leaf == "/y") return scalar(hand.stickY);
    if (leaf == "/click") return boolean(pressed("thumbstick"));
    if (leaf == "/touch") return boolean(stickTouched);
    if (leaf == "/force") return scalar(pressed("thumbstick") ? 1.0f : 0.0f);
  }
  for (const char* button : {"a", "b", "x", "y", "menu"}) {
    std::string id = std::string("/input/") + button;
    if (c == id || c == id + "/click" || c == id + "/touch") return boolean(pressed(button));
  }
  return boolean(false);  // system, thumbrest: never pressed in the simulator
}

}  // namespace cx::xrsim
