// Spaces: STAGE is the simulator's world frame; LOCAL sits at eye height (1.6 m) above the STAGE
// origin; VIEW follows the head; action spaces follow a hand. Views are the head pose offset by
// +-IPD/2 along the head's x axis with the script's asymmetric FOV.
#include <algorithm>
#include <cmath>

#include "entry_points.h"

namespace cx::xrsim {
namespace {

Space* toSpace(XrSpace handle) {
  return reinterpret_cast<Space*>(handle);
}

bool validPose(const XrPosef& p) {
  const XrQuaternionf& q = p.orientation;
  float len = q.x * q.x + q.y * q.y + q.z * q.z + q.w * q.w;
  return std::abs(len - 1.0f) < 0.01f && std::isfinite(p.position.x) && std::isfinite(p.position.y) &&
         std::isfinite(p.position.z);
}

bool referenceSupported(const Instance& inst, XrReferenceSpaceType type) {
  return type == XR_REFERENCE_SPACE_TYPE_VIEW || type == XR_REFERENCE_SPACE_TYPE_LOCAL ||
         (type == XR_REFERENCE_SPACE_TYPE_STAGE && !inst.config.noStage);
}

constexpr float kLocalHeight = 1.6f;
constexpr float kStageSize = 20.0f;

}  // namespace

const char* referenceSpaceName(XrReferenceSpaceType type) {
  switch (type) {
    case XR_REFERENCE_SPACE_TYPE_VIEW:
      return "VIEW";
    case XR_REFERENCE_SPACE_TYPE_LOCAL:
      return "LOCAL";
    case XR_REFERENCE_SPACE_TYPE_STAGE:
      return "STAGE";
    default:
      return "UNKNOWN";
  }
}

Pose headInStage(const Instance& inst) {
  return {yawPitch(inst.input.headYaw, inst.input.headPitch), inst.input.headPosition};
}

std::optional<Pose> spaceInStage(const Session& session, const Space& space) {
  Pose origin;
  if (space.isAction) {
    auto hand = actionPose(session, *space.action, space.subactionPath);
    if (!hand) return std::nullopt;
    origin = *hand;
  } else if (space.referenceType == XR_REFERENCE_SPACE_TYPE_VIEW) {
    origin = headInStage(*session.instance);
  } else if (space.referenceType == XR_REFERENCE_SPACE_TYPE_LOCAL) {
    origin.position = {0.0f, kLocalHeight, 0.0f};
  }
  return compose(origin, space.offset);
}

XRSIM_ENTRY xrEnumerateReferenceSpaces(XrSession session, uint32_t capacity, uint32_t* count,
                                       XrReferenceSpaceType* spaces) {
  Session* s = toSession(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  if (!count) return XR_ERROR_VALIDATION_FAILURE;
  std::lock_guard lock(s->instance->mutex);
  std::vector<XrReferenceSpaceType> types = {XR_REFERENCE_SPACE_TYPE_VIEW, XR_REFERENCE_SPACE_TYPE_LOCAL};
  if (!s->instance->config.noStage) types.push_back(XR_REFERENCE_SPACE_TYPE_STAGE);
  *count = static_cast<uint32_t>(types.size());
  if (capacity == 0) return XR_SUCCESS;
  if (capacity < types.size()) return XR_ERROR_SIZE_INSUFFICIENT;
  std::copy(types.begin(), types.end(), spaces);
  return XR_SUCCESS;
}

XRSIM_ENTRY xrCreateReferenceSpace(XrSession session, const XrReferenceSpaceCreateInfo* info,
                                   XrSpace* space) {
  Session* s = toSession(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  if (!info || !space || info->type != XR_TYPE_REFERENCE_SPACE_CREATE_INFO)
    return XR_ERROR_VALIDATION_FAILURE;
  std::lock_guard lock(s->instance->mutex);
  if (!referenceSupported(*s->instance, info->referenceSpaceType))
    return XRSIM_FAIL(*s->instance, XR_ERROR_REFERENCE_SPACE_UNSUPPORTED);
  if (!validPose(info->poseInReferenceSpace)) return XRSIM_FAIL(*s->instance, XR_ERROR_POSE_INVALID);
  auto sp = std::make_unique<Space>();
  sp->session = s;
  sp->referenceType = info->referenceSpaceType;
  sp->offset = fromXr(info->poseInReferenceSpace);
  *space = reinterpret_cast<XrSpace>(sp.get());
  s->spaces.push_back(std::move(sp));
  return XR_SUCCESS;
}

XRSIM_ENTRY xrGetReferenceSpaceBoundsRect(XrSession session, XrReferenceSpaceType type, XrExtent2Df* bounds) {
  Session* s = toSession(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  if (!bounds) return XR_ERROR_VALIDATION_FAILURE;
  std::lock_guard lock(s->instance->mutex);
  if (!referenceSupported(*s->instance, type))
    return XRSIM_FAIL(*s->instance, XR_ERROR_REFERENCE_SPACE_UNSUPPORTED);
  if (type != XR_REFERENCE_SPACE_TYPE_STAGE) {
    *bounds = {0.0f, 0.0f};
    return XR_SPACE_BOUNDS_UNAVAILABLE;
  }
  *bounds = {kStageSize, kStageSize};
  return XR_SUCCESS;
}

XRSIM_ENTRY xrCreateActionSpace(XrSession session, const XrActionSpaceCreateInfo* info, XrSpace* space) {
  Session* s = toSession(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  if (!info || !space || info->type != XR_TYPE_ACTION_SPACE_CREATE_INFO || !info->action)
    return XR_ERROR_VALIDATION_FAILURE;
  std::lock_guard lock(s->instance->mutex);
  Action* action = reinterpret_cast<Action*>(info->action);
  if (action->type != XR_ACTION_TYPE_POSE_INPUT)
    return XRSIM_FAIL(*s->instance, XR_ERROR_ACTION_TYPE_MISMATCH);
  if (info->subactionPath != XR_NULL_PATH &&
      std::find(action->subactionPaths.begin(), action->subactionPaths.end(), info->subactionPath) ==
          action->subactionPaths.end())
    return XRSIM_FAIL(*s->instance, XR_ERROR_PATH_UNSUPPORTED);
  if (!validPose(info->poseInActionSpace)) return XRSIM_FAIL(*s->instance, XR_ERROR_POSE_INVALID);
  auto sp = std::make_unique<Space>();
  sp->session = s;
  sp->isAction = true;
  sp->action = action;
  sp->subactionPath = info->subactionPath;
  sp->offset = fromXr(info->poseInActionSpace);
  *space = reinterpret_cast<XrSpace>(sp.get());
  s->spaces.push_back(std::move(sp));
  return XR_SUCCESS;
}

XRSIM_ENTRY xrLocateSpace(XrSpace space, XrSpace baseSpace, XrTime time, XrSpaceLocation* location) {
  Space* sp = toSpace(space);
  Space* base = toSpace(baseSpace);
  if (!sp || !base) return XR_ERROR_HANDLE_INVALID;
  if (!location || location->type != XR_TYPE_SPACE_LOCATION) return XR_ERROR_VALIDATION_FAILURE;
  Session& session = *sp->session;
  std::lock_guard lock(session.instance->mutex);
  if (time <= 0) return XRSIM_FAIL(*session.instance, XR_ERROR_TIME_INVALID);
  auto a = spaceInStage(session, *sp);
  auto b = spaceInStage(session, *base);
  for (auto* next = static_cast<XrBaseOutStructure*>(location->next); next; next = next->next) {
    if (next->type == XR_TYPE_SPACE_VELOCITY) {
      auto* v = reinterpret_cast<XrSpaceVelocity*>(next);
      v->velocityFlags = 0;
      v->linearVelocity = {0, 0, 0};
      v->angularVelocity = {0, 0, 0};
    }
  }
  if (!a || !b) {
    location->locationFlags = 0;
    location->pose = {{0, 0, 0, 1}, {0, 0, 0}};
    return session.lossPending ? XR_SESSION_LOSS_PENDING : XR_SUCCESS;
  }
  location->pose = toXr(compose(inverse(*b), *a));
  location->locationFlags = XR_SPACE_LOCATION_ORIENTATION_VALID_BIT | XR_SPACE_LOCATION_POSITION_VALID_BIT |
                            XR_SPACE_LOCATION_ORIENTATION_TRACKED_BIT |
                            XR_SPACE_LOCATION_POSITION_TRACKED_BIT;
  return session.lossPending ? XR_SESSION_LOSS_PENDING : XR_SUCCESS;
}

XRSIM_ENTRY xrDestroySpace(XrSpace space) {
  Space* sp = toSpace(space);
  if (!sp) return XR_ERROR_HANDLE_INVALID;
  Session& session = *sp->session;
  std::lock_guard lock(session.instance->mutex);
  std::erase_if(session.spaces, [&](const std::unique_ptr<Space>& p) { return p.get() == sp; });
  return XR_SUCCESS;
}

XRSIM_ENTRY xrLocateViews(XrSession session, const XrViewLocateInfo* info, XrViewState* viewState,
                          uint32_t capacity, uint32_t* count, XrView* views) {
  Session* s = toSession(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  if (!info || !viewState || !count || info->type != XR_TYPE_VIEW_LOCATE_INFO ||
      viewState->type != XR_TYPE_VIEW_STATE)
    return XR_ERROR_VALIDATION_FAILURE;
  std::lock_guard lock(s->instance->mutex);
  Instance& inst = *s->instance;
  if (info->viewConfigurationType != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO)
    return XRSIM_FAIL(inst, XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED);
  if (info->displayTime <= 0) return XRSIM_FAIL(inst, XR_ERROR_TIME_INVALID);
  Space* base = toSpace(info->space);
  if (!base) return XR_ERROR_HANDLE_INVALID;
  *count = 2;
  if (capacity == 0) return XR_SUCCESS;
  if (capacity < 2) return XR_ERROR_SIZE_INSUFFICIENT;
  auto baseInStage = spaceInStage(*s, *base);
  if (!baseInStage) {
    viewState->viewStateFlags = 0;
    for (uint32_t i = 0; i < 2; ++i) {
      views[i].pose = {{0, 0, 0, 1}, {0, 0, 0}};
      views[i].fov = {};
    }
    return XR_SUCCESS;
  }
  Pose head = headInStage(inst);
  const Script& sc = inst.script;
  for (uint32_t i = 0; i < 2; ++i) {
    if (views[i].type != XR_TYPE_VIEW) return XR_ERROR_VALIDATION_FAILURE;
    Pose eye;
    eye.position = {(i == 0 ? -0.5f : 0.5f) * sc.ipd, 0.0f, 0.0f};
    views[i].pose = toXr(compose(inverse(*baseInStage), compose(head, eye)));
    views[i].fov.angleLeft = -glm::radians(sc.fovDeg[0]);
    views[i].fov.angleRight = glm::radians(sc.fovDeg[1]);
    views[i].fov.angleUp = glm::radians(sc.fovDeg[2]);
    views[i].fov.angleDown = -glm::radians(sc.fovDeg[3]);
  }
  viewState->viewStateFlags = XR_VIEW_STATE_ORIENTATION_VALID_BIT | XR_VIEW_STATE_POSITION_VALID_BIT |
                              XR_VIEW_STATE_ORIENTATION_TRACKED_BIT | XR_VIEW_STATE_POSITION_TRACKED_BIT;
  return s->lossPending ? XR_SESSION_LOSS_PENDING : XR_SUCCESS;
}

}  // namespace cx::xrsim
