#pragma once
// The interaction profiles the simulated controllers offer, and the simulated value of each input.
#include <optional>
#include <string>
#include <vector>

#include "script.h"

namespace cx::xrsim {

struct ProfileDef {
  const char* path;
  std::vector<std::string> left;   // component paths under /user/hand/left
  std::vector<std::string> right;  // under /user/hand/right
};

// In preference order (README): simple, oculus touch, index, vive, microsoft motion.
const std::vector<ProfileDef>& interactionProfiles();
const ProfileDef* findProfile(const std::string& path);

struct BindingTarget {
  int hand = -1;          // 0 left, 1 right
  std::string component;  // e.g. "/input/trigger/value"
};
// Splits and checks a binding path against a profile; nullopt when the profile has no such input.
std::optional<BindingTarget> resolveBinding(const ProfileDef& profile, const std::string& path);

struct SourceValue {
  enum class Kind { Boolean, Float, Vector2, Pose, Output } kind = Kind::Boolean;
  bool b = false;
  float f = 0.0f, x = 0.0f, y = 0.0f;
};
SourceValue readSource(const HandInput& hand, const std::string& component);

}  // namespace cx::xrsim
