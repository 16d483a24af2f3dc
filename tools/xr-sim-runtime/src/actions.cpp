// Actions: action sets and actions, suggested bindings for the simulator's interaction profiles,
// attach, xrSyncActions and the state getters. Values come from Instance::input (the script or the
// mirror window).
#include <algorithm>
#include <cmath>
#include <cstring>

#include "entry_points.h"
#include "profiles.h"

namespace cx::xrsim {
namespace {

ActionSet* toSet(XrActionSet handle) {
  return reinterpret_cast<ActionSet*>(handle);
}
Action* toAction(XrAction handle) {
  return reinterpret_cast<Action*>(handle);
}

bool validName(const char* name, size_t maxSize) {
  size_t n = strnlen(name, maxSize);
  if (n == 0 || n >= maxSize) return false;
  for (size_t i = 0; i < n; ++i) {
    char c = name[i];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')) return false;
  }
  return true;
}

bool validLocalizedName(const char* name, size_t maxSize) {
  size_t n = strnlen(name, maxSize);
  return n > 0 && n < maxSize;
}

const char* const kTopLevelPaths[] = {"/user/hand/left", "/user/hand/right", "/user/head", "/user/gamepad",
                                      "/user/treadmill"};

bool isTopLevelPath(const Instance& inst, XrPath path) {
  const std::string* s = pathString(inst, path);
  if (!s) return false;
  for (const char* p : kTopLevelPaths)
    if (*s == p) return true;
  return false;
}

bool setAttached(const Session& s, const ActionSet* set) {
  return std::find(s.attachedSets.begin(), s.attachedSets.end(), set) != s.attachedSets.end();
}

// The hand a subaction path names: 0 left, 1 right, -1 any (XR_NULL_PATH), -2 a non-hand path.
int handFilter(const Instance& inst, XrPath subactionPath) {
  if (subactionPath == XR_NULL_PATH) return -1;
  const std::string* s = pathString(inst, subactionPath);
  if (s && *s == "/user/hand/left") return 0;
  if (s && *s == "/user/hand/right") return 1;
  return -2;
}

struct BoundSource {
  int hand;
  std::string component;
  XrPath path;
};

std::vector<BoundSource> boundSources(const Session& s, const Action& action, int filter) {
  std::vector<BoundSource> out;
  const Instance& inst = *s.instance;
  if (s.currentProfile == XR_NULL_PATH || filter == -2) return out;
  const ProfileDef* profile = findProfile(*pathString(inst, s.currentProfile));
  auto it = inst.suggestedBindings.find(s.currentProfile);
  if (!profile || it == inst.suggestedBindings.end()) return out;
  for (const XrActionSuggestedBinding& b : it->second) {
    if (toAction(b.action) != &action) continue;
    auto target = resolveBinding(*profile, *pathString(inst, b.binding));
    if (!target || (filter >= 0 && target->hand != filter)) continue;
    // A binding on a hand the action has no subaction path for still counts when the action has
    // none at all; otherwise the hand must be one of its subaction paths.
    if (!action.subactionPaths.empty()) {
      bool listed = false;
      for (XrPath p : action.subactionPaths) listed = listed || handFilter(inst, p) == target->hand;
      if (!listed) continue;
    }
    out.push_back({target->hand, target->component, b.binding});
  }
  return out;
}

ActionValue evaluate(const Session& s, const Action& action, int filter, bool setActive) {
  ActionValue v;
  if (!setActive || s.state != XR_SESSION_STATE_FOCUSED) return v;
  using K = SourceValue::Kind;
  for (const BoundSource& src : boundSources(s, action, filter)) {
    SourceValue sv = readSource(s.instance->input.hands[src.hand], src.component);
    switch (action.type) {
      case XR_ACTION_TYPE_BOOLEAN_INPUT:
        if (sv.kind == K::Boolean || sv.kind == K::Float) {
          v.active = true;
          v.b = v.b || sv.b;
        }
        break;
      case XR_ACTION_TYPE_FLOAT_INPUT:
        if (sv.kind == K::Boolean || sv.kind == K::Float) {
          if (!v.active || std::abs(sv.f) > std::abs(v.f)) v.f = sv.f;
          v.active = true;
        }
        break;
      case XR_ACTION_TYPE_VECTOR2F_INPUT:
        if (sv.kind == K::Vector2) {
          if (!v.active || sv.x * sv.x + sv.y * sv.y > v.x * v.x + v.y * v.y) {
            v.x = sv.x;
            v.y = sv.y;
          }
          v.active = true;
        }
        break;
      case XR_ACTION_TYPE_POSE_INPUT:
        v.active = v.active || sv.kind == K::Pose;
        break;
      case XR_ACTION_TYPE_VIBRATION_OUTPUT:
        v.active = v.active || sv.kind == K::Output;
        break;
      default:
        break;
    }
  }
  return v;
}

// Looks up the synced value for an action and subaction path, checking the getter's rules.
XrResult lookupValue(Session& s, const XrActionStateGetInfo* info, XrActionType type,
                     const ActionValue** out) {
  Instance& inst = *s.instance;
  if (!info || info->type != XR_TYPE_ACTION_STATE_GET_INFO || !info->action)
    return XR_ERROR_VALIDATION_FAILURE;
  Action& action = *toAction(info->action);
  if (!setAttached(s, action.set)) return XRSIM_FAIL(inst, XR_ERROR_ACTIONSET_NOT_ATTACHED);
  if (action.type != type) return XRSIM_FAIL(inst, XR_ERROR_ACTION_TYPE_MISMATCH);
  size_t slot = 0;
  if (info->subactionPath != XR_NULL_PATH) {
    auto it = std::find(action.subactionPaths.begin(), action.subactionPaths.end(), info->subactionPath);
    if (it == action.subactionPaths.end())
      return XRSIM_FAIL(inst, XR_ERROR_PATH_UNSUPPORTED, "subaction path");
    slot = 1 + (it - action.subactionPaths.begin());
  }
  static const ActionValue kInactive{};
  auto values = s.actionValues.find(&action);
  *out = values == s.actionValues.end() || slot >= values->second.size() ? &kInactive : &values->second[slot];
  return XR_SUCCESS;
}

// The part the xrGetActionState* getters share: handle and struct checks, the lock, the lookup;
// `fill` writes the value into `state`.
template <class State, class Fill>
XrResult getActionState(XrSession session, const XrActionStateGetInfo* info, State* state, XrStructureType type,
                        XrActionType actionType, Fill fill) {
  Session* s = toSession(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  if (!state || state->type != type) return XR_ERROR_VALIDATION_FAILURE;
  std::lock_guard lock(s->instance->mutex);
  const ActionValue* v = nullptr;
  if (XrResult r = lookupValue(*s, info, actionType, &v); r != XR_SUCCESS) return r;
  fill(*v, *state);
  return XR_SUCCESS;
}

// The change fields of the boolean, float and vector states.
template <class State>
void fillChange(const ActionValue& v, State& state) {
  state.changedSinceLastSync = v.changed ? XR_TRUE : XR_FALSE;
  state.lastChangeTime = v.active ? v.lastChange : 0;
  state.isActive = v.active ? XR_TRUE : XR_FALSE;
}

}  // namespace

void chooseInteractionProfile(Session& s) {
  Instance& inst = *s.instance;
  s.currentProfile = XR_NULL_PATH;
  for (const ProfileDef& p : interactionProfiles()) {
    if (!inst.config.profile.empty() && inst.config.profile != p.path) continue;
    auto it = inst.pathIds.find(p.path);
    if (it == inst.pathIds.end() || !inst.suggestedBindings.count(it->second)) continue;
    // Only bindings of actions in sets attached to this session count.
    for (const auto& b : inst.suggestedBindings[it->second]) {
      if (setAttached(s, toAction(b.action)->set)) {
        s.currentProfile = it->second;
        return;
      }
    }
  }
}

std::optional<Pose> actionPose(const Session& s, const Action& action, XrPath subactionPath) {
  if (!setAttached(s, action.set)) return std::nullopt;
  int filter = handFilter(*s.instance, subactionPath);
  for (const BoundSource& src : boundSources(s, action, filter)) {
    if (readSource(s.instance->input.hands[src.hand], src.component).kind == SourceValue::Kind::Pose)
      return s.instance->input.hands[src.hand].pose;
  }
  return std::nullopt;
}

XRSIM_ENTRY xrCreateActionSet(XrInstance instance, const XrActionSetCreateInfo* info,
                              XrActionSet* actionSet) {
  Instance* inst = toInstance(instance);
  if (!inst) return XR_ERROR_HANDLE_INVALID;
  if (!info || !actionSet || info->type != XR_TYPE_ACTION_SET_CREATE_INFO) return XR_ERROR_VALIDATION_FAILURE;
  std::lock_guard lock(*&inst->mutex);
  if (!validName(info->actionSetName, XR_MAX_ACTION_SET_NAME_SIZE))
    return XRSIM_FAIL(*inst, XR_ERROR_PATH_FORMAT_INVALID, "action set name");
  if (!validLocalizedName(info->localizedActionSetName, XR_MAX_LOCALIZED_ACTION_SET_NAME_SIZE))
    return XRSIM_FAIL(*inst, XR_ERROR_LOCALIZED_NAME_INVALID);
  for (auto& set : inst->actionSets)
    if (set->name == info->actionSetName) return XRSIM_FAIL(*inst, XR_ERROR_NAME_DUPLICATED, set->name);
  auto set = std::make_unique<ActionSet>();
  set->instance = inst;
  set->name = info->actionSetName;
  set->priority = info->priority;
  *actionSet = reinterpret_cast<XrActionSet>(set.get());
  inst->actionSets.push_back(std::move(set));
  return XR_SUCCESS;
}

XRSIM_ENTRY xrDestroyActionSet(XrActionSet actionSet) {
  ActionSet* set = toSet(actionSet);
  if (!set) return XR_ERROR_HANDLE_INVALID;
  // Sessions may still hold the set (attached) and spaces its actions, so the memory stays with
  // the instance; the name becomes free again.
  std::lock_guard lock(set->instance->mutex);
  set->name.clear();
  return XR_SUCCESS;
}

XRSIM_ENTRY xrCreateAction(XrActionSet actionSet, const XrActionCreateInfo* info, XrAction* action) {
  ActionSet* set = toSet(actionSet);
  if (!set) return XR_ERROR_HANDLE_INVALID;
  if (!info || !action || info->type != XR_TYPE_ACTION_CREATE_INFO ||
      (info->countSubactionPaths > 0 && !info->subactionPaths))
    return XR_ERROR_VALIDATION_FAILURE;
  Instance& inst = *set->instance;
  std::lock_guard lock(inst.mutex);
  if (set->attached) return XRSIM_FAIL(inst, XR_ERROR_ACTIONSETS_ALREADY_ATTACHED);
  if (!validName(info->actionName, XR_MAX_ACTION_NAME_SIZE))
    return XRSIM_FAIL(inst, XR_ERROR_PATH_FORMAT_INVALID, "action name");
  if (!validLocalizedName(info->localizedActionName, XR_MAX_LOCALIZED_ACTION_NAME_SIZE))
    return XRSIM_FAIL(inst, XR_ERROR_LOCALIZED_NAME_INVALID);
  switch (info->actionType) {
    case XR_ACTION_TYPE_BOOLEAN_INPUT:
    case XR_ACTION_TYPE_FLOAT_INPUT:
    case XR_ACTION_TYPE_VECTOR2F_INPUT:
    case XR_ACTION_TYPE_POSE_INPUT:
    case XR_ACTION_TYPE_VIBRATION_OUTPUT:
      break;
    default:
      return XR_ERROR_VALIDATION_FAILURE;
  }
  for (auto& a : set->actions)
    if (a->name == info->actionName) return XRSIM_FAIL(inst, XR_ERROR_NAME_DUPLICATED, a->name);
  std::vector<XrPath> subactions;
  for (uint32_t i = 0; i < info->countSubactionPaths; ++i) {
    XrPath p = info->subactionPaths[i];
    if (!pathString(inst, p)) return XRSIM_FAIL(inst, XR_ERROR_PATH_INVALID);
    if (!isTopLevelPath(inst, p) || std::find(subactions.begin(), subactions.end(), p) != subactions.end())
      return XRSIM_FAIL(inst, XR_ERROR_PATH_UNSUPPORTED, *pathString(inst, p));
    subactions.push_back(p);
  }
  auto a = std::make_unique<Action>();
  a->set = set;
  a->name = info->actionName;
  a->type = info->actionType;
  a->subactionPaths = std::move(subactions);
  *action = reinterpret_cast<XrAction>(a.get());
  set->actions.push_back(std::move(a));
  return XR_SUCCESS;
}

XRSIM_ENTRY xrDestroyAction(XrAction action) {
  Action* a = toAction(action);
  if (!a) return XR_ERROR_HANDLE_INVALID;
  std::lock_guard lock(a->set->instance->mutex);
  a->name.clear();  // memory stays with the set: bindings and spaces may still name it
  return XR_SUCCESS;
}

XRSIM_ENTRY xrSuggestInteractionProfileBindings(XrInstance instance,
                                                const XrInteractionProfileSuggestedBinding* suggested) {
  Instance* inst = toInstance(instance);
  if (!inst) return XR_ERROR_HANDLE_INVALID;
  if (!suggested || suggested->type != XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING ||
      suggested->countSuggestedBindings == 0 || !suggested->suggestedBindings)
    return XR_ERROR_VALIDATION_FAILURE;
  std::lock_guard lock(inst->mutex);
  for (auto& set : inst->actionSets)
    if (set->attached) return XRSIM_FAIL(*inst, XR_ERROR_ACTIONSETS_ALREADY_ATTACHED);
  const std::string* profilePath = pathString(*inst, suggested->interactionProfile);
  if (!profilePath) return XRSIM_FAIL(*inst, XR_ERROR_PATH_INVALID, "interaction profile");
  const ProfileDef* profile = findProfile(*profilePath);
  if (!profile) return XRSIM_FAIL(*inst, XR_ERROR_PATH_UNSUPPORTED, *profilePath);
  std::vector<XrActionSuggestedBinding> bindings;
  for (uint32_t i = 0; i < suggested->countSuggestedBindings; ++i) {
    const XrActionSuggestedBinding& b = suggested->suggestedBindings[i];
    if (!b.action) return XR_ERROR_HANDLE_INVALID;
    const std::string* path = pathString(*inst, b.binding);
    if (!path) return XRSIM_FAIL(*inst, XR_ERROR_PATH_INVALID, "binding");
    if (!resolveBinding(*profile, *path)) return XRSIM_FAIL(*inst, XR_ERROR_PATH_UNSUPPORTED, *path);
    bindings.push_back(b);
  }
  inst->suggestedBindings[suggested->interactionProfile] = std::move(bindings);
  return XR_SUCCESS;
}

XRSIM_ENTRY xrAttachSessionActionSets(XrSession session, const XrSessionActionSetsAttachInfo* info) {
  Session* s = toSession(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  if (!info || info->type != XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO || info->countActionSets == 0 ||
      !info->actionSets)
    return XR_ERROR_VALIDATION_FAILURE;
  Instance& inst = *s->instance;
  std::lock_guard lock(inst.mutex);
  if (!s->attachedSets.empty()) return XRSIM_FAIL(inst, XR_ERROR_ACTIONSETS_ALREADY_ATTACHED);
  for (uint32_t i = 0; i < info->countActionSets; ++i) {
    ActionSet* set = toSet(info->actionSets[i]);
    if (!set) return XR_ERROR_HANDLE_INVALID;
    set->attached = true;
    s->attachedSets.push_back(set);
  }
  chooseInteractionProfile(*s);
  if (s->currentProfile != XR_NULL_PATH) {
    XrEventDataInteractionProfileChanged ev{XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED};
    ev.session = session;
    queueEvent(inst, &ev, sizeof ev);
  }
  return XR_SUCCESS;
}

XRSIM_ENTRY xrGetCurrentInteractionProfile(XrSession session, XrPath topLevelUserPath,
                                           XrInteractionProfileState* profile) {
  Session* s = toSession(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  if (!profile || profile->type != XR_TYPE_INTERACTION_PROFILE_STATE) return XR_ERROR_VALIDATION_FAILURE;
  Instance& inst = *s->instance;
  std::lock_guard lock(inst.mutex);
  if (s->attachedSets.empty()) return XRSIM_FAIL(inst, XR_ERROR_ACTIONSET_NOT_ATTACHED);
  if (!pathString(inst, topLevelUserPath)) return XRSIM_FAIL(inst, XR_ERROR_PATH_INVALID);
  if (!isTopLevelPath(inst, topLevelUserPath)) return XRSIM_FAIL(inst, XR_ERROR_PATH_UNSUPPORTED);
  profile->interactionProfile = handFilter(inst, topLevelUserPath) >= 0 ? s->currentProfile : XR_NULL_PATH;
  return XR_SUCCESS;
}

XRSIM_ENTRY xrSyncActions(XrSession session, const XrActionsSyncInfo* info) {
  Session* s = toSession(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  if (!info || info->type != XR_TYPE_ACTIONS_SYNC_INFO ||
      (info->countActiveActionSets > 0 && !info->activeActionSets))
    return XR_ERROR_VALIDATION_FAILURE;
  Instance& inst = *s->instance;
  std::lock_guard lock(inst.mutex);
  if (s->attachedSets.empty()) return XRSIM_FAIL(inst, XR_ERROR_ACTIONSET_NOT_ATTACHED);
  std::set<const ActionSet*> active;
  for (uint32_t i = 0; i < info->countActiveActionSets; ++i) {
    const ActionSet* set = toSet(info->activeActionSets[i].actionSet);
    if (!set || !setAttached(*s, set)) return XRSIM_FAIL(inst, XR_ERROR_ACTIONSET_NOT_ATTACHED);
    XrPath sub = info->activeActionSets[i].subactionPath;
    if (sub != XR_NULL_PATH && !isTopLevelPath(inst, sub)) return XRSIM_FAIL(inst, XR_ERROR_PATH_UNSUPPORTED);
    active.insert(set);
  }
  s->activeSets = active;
  XrTime now = s->lastPredicted ? s->lastPredicted : nowXrTime();
  for (const ActionSet* set : s->attachedSets) {
    for (const auto& action : set->actions) {
      auto& slots = s->actionValues[action.get()];
      slots.resize(1 + action->subactionPaths.size());
      for (size_t k = 0; k < slots.size(); ++k) {
        int filter = k == 0 ? -1 : handFilter(inst, action->subactionPaths[k - 1]);
        ActionValue next = evaluate(*s, *action, filter, active.count(set) > 0);
        const ActionValue& prev = slots[k];
        bool differs = next.b != prev.b || next.f != prev.f || next.x != prev.x || next.y != prev.y;
        next.changed = next.active && prev.active && differs;
        next.lastChange = (next.changed || (next.active && !prev.active)) ? now : prev.lastChange;
        slots[k] = next;
      }
    }
  }
  if (s->lossPending) return XR_SESSION_LOSS_PENDING;
  return s->state == XR_SESSION_STATE_FOCUSED ? XR_SUCCESS : XR_SESSION_NOT_FOCUSED;
}

XRSIM_ENTRY xrGetActionStateBoolean(XrSession session, const XrActionStateGetInfo* info,
                                    XrActionStateBoolean* state) {
  return getActionState(session, info, state, XR_TYPE_ACTION_STATE_BOOLEAN, XR_ACTION_TYPE_BOOLEAN_INPUT,
                        [](const ActionValue& v, XrActionStateBoolean& out) {
                          out.currentState = v.active && v.b ? XR_TRUE : XR_FALSE;
                          fillChange(v, out);
                        });
}

XRSIM_ENTRY xrGetActionStateFloat(XrSession session, const XrActionStateGetInfo* info,
                                  XrActionStateFloat* state) {
  return getActionState(session, info, state, XR_TYPE_ACTION_STATE_FLOAT, XR_ACTION_TYPE_FLOAT_INPUT,
                        [](const ActionValue& v, XrActionStateFloat& out) {
                          out.currentState = v.active ? v.f : 0.0f;
                          fillChange(v, out);
                        });
}

XRSIM_ENTRY xrGetActionStateVector2f(XrSession session, const XrActionStateGetInfo* info,
                                     XrActionStateVector2f* state) {
  return getActionState(session, info, state, XR_TYPE_ACTION_STATE_VECTOR2F, XR_ACTION_TYPE_VECTOR2F_INPUT,
                        [](const ActionValue& v, XrActionStateVector2f& out) {
                          out.currentState = v.active ? XrVector2f{v.x, v.y} : XrVector2f{0.0f, 0.0f};
                          fillChange(v, out);
                        });
}

XRSIM_ENTRY xrGetActionStatePose(XrSession session, const XrActionStateGetInfo* info,
                                 XrActionStatePose* state) {
  return getActionState(session, info, state, XR_TYPE_ACTION_STATE_POSE, XR_ACTION_TYPE_POSE_INPUT,
                        [](const ActionValue& v, XrActionStatePose& out) {
                          out.isActive = v.active ? XR_TRUE : XR_FALSE;
                        });
}

XRSIM_ENTRY xrEnumerateBoundSourcesForAction(XrSession session,
                                             const XrBoundSourcesForActionEnumerateInfo* info,
                                             uint32_t capacity, uint32_t* count, XrPath* sources) {
  Session* s = toSession(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  if (!info || !count || info->type != XR_TYPE_BOUND_SOURCES_FOR_ACTION_ENUMERATE_INFO || !info->action)
    return XR_ERROR_VALIDATION_FAILURE;
  std::lock_guard lock(s->instance->mutex);
  const Action& action = *toAction(info->action);
  if (!setAttached(*s, action.set)) return XRSIM_FAIL(*s->instance, XR_ERROR_ACTIONSET_NOT_ATTACHED);
  auto list = boundSources(*s, action, -1);
  *count = static_cast<uint32_t>(list.size());
  if (capacity == 0) return XR_SUCCESS;
  if (capacity < list.size()) return XR_ERROR_SIZE_INSUFFICIENT;
  for (size_t i = 0; i < list.size(); ++i) sources[i] = list[i].path;
  return XR_SUCCESS;
}

XRSIM_ENTRY xrGetInputSourceLocalizedName(XrSession session, const XrInputSourceLocalizedNameGetInfo* info,
                                          uint32_t capacity, uint32_t* count, char* buffer) {
  Session* s = toSession(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  if (!info || !count || info->type != XR_TYPE_INPUT_SOURCE_LOCALIZED_NAME_GET_INFO ||
      info->whichComponents == 0)
    return XR_ERROR_VALIDATION_FAILURE;
  std::lock_guard lock(s->instance->mutex);
  if (s->attachedSets.empty()) return XRSIM_FAIL(*s->instance, XR_ERROR_ACTIONSET_NOT_ATTACHED);
  const std::string* path = pathString(*s->instance, info->sourcePath);
  if (!path) return XRSIM_FAIL(*s->instance, XR_ERROR_PATH_INVALID);
  // "Right hand / trigger / value"-style names built from the path's parts.
  std::string user, input;
  if (auto pos = path->find("/input/"); pos != std::string::npos) {
    user = path->substr(0, pos);
    input = path->substr(pos + 7);
  } else {
    user = *path;
  }
  std::string name;
  auto append = [&](const std::string& part) {
    if (part.empty()) return;
    if (!name.empty()) name += " ";
    name += part;
  };
  if (info->whichComponents & XR_INPUT_SOURCE_LOCALIZED_NAME_USER_PATH_BIT) append(user);
  if (info->whichComponents & XR_INPUT_SOURCE_LOCALIZED_NAME_INTERACTION_PROFILE_BIT && s->currentProfile)
    append(*pathString(*s->instance, s->currentProfile));
  if (info->whichComponents & XR_INPUT_SOURCE_LOCALIZED_NAME_COMPONENT_BIT) append(input);
  *count = static_cast<uint32_t>(name.size() + 1);
  if (capacity == 0) return XR_SUCCESS;
  if (capacity < *count) return XR_ERROR_SIZE_INSUFFICIENT;
  std::memcpy(buffer, name.c_str(), *count);
  return XR_SUCCESS;
}

XRSIM_ENTRY xrApplyHapticFeedback(XrSession session, const XrHapticActionInfo* info,
                                  const XrHapticBaseHeader* feedback) {
  Session* s = toSession(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  if (!info || !feedback || info->type != XR_TYPE_HAPTIC_ACTION_INFO || !info->action)
    return XR_ERROR_VALIDATION_FAILURE;
  std::lock_guard lock(s->instance->mutex);
  const Action& action = *toAction(info->action);
  if (!setAttached(*s, action.set)) return XRSIM_FAIL(*s->instance, XR_ERROR_ACTIONSET_NOT_ATTACHED);
  if (action.type != XR_ACTION_TYPE_VIBRATION_OUTPUT)
    return XRSIM_FAIL(*s->instance, XR_ERROR_ACTION_TYPE_MISMATCH);
  if (s->lossPending) return XR_SESSION_LOSS_PENDING;
  return s->state == XR_SESSION_STATE_FOCUSED ? XR_SUCCESS
                                              : XR_SESSION_NOT_FOCUSED;  // accepted, no device to buzz
}

XRSIM_ENTRY xrStopHapticFeedback(XrSession session, const XrHapticActionInfo* info) {
  Session* s = toSession(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  if (!info || info->type != XR_TYPE_HAPTIC_ACTION_INFO || !info->action) return XR_ERROR_VALIDATION_FAILURE;
  std::lock_guard lock(s->instance->mutex);
  const Action& action = *toAction(info->action);
  if (!setAttached(*s, action.set)) return XRSIM_FAIL(*s->instance, XR_ERROR_ACTIONSET_NOT_ATTACHED);
  if (action.type != XR_ACTION_TYPE_VIBRATION_OUTPUT)
    return XRSIM_FAIL(*s->instance, XR_ERROR_ACTION_TYPE_MISMATCH);
  if (s->lossPending) return XR_SESSION_LOSS_PENDING;
  return s->state == XR_SESSION_STATE_FOCUSED ? XR_SUCCESS : XR_SESSION_NOT_FOCUSED;
}

}  // namespace cx::xrsim
