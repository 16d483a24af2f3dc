// Frame loop: xrWaitFrame (script events, pacing, predicted times), xrBeginFrame, xrEndFrame
// (layer validation, capture, mirror window).
#include <chrono>
#include <cmath>
#include <thread>

#include "entry_points.h"
#include "session_state.h"

namespace cx::xrsim {
namespace {

constexpr double kNominalRate = 90.0;  // predicted-time spacing when free-running (CX_XRSIM_FPS=0)

XrDuration framePeriod(const Config& cfg) {
  return static_cast<XrDuration>(std::llround(1e9 / (cfg.fps > 0.0 ? cfg.fps : kNominalRate)));
}

// Applies the script's events for frame `frameIndex` (at the start of that xrWaitFrame).
void applyScript(Session& s, uint64_t frameIndex) {
  Instance& inst = *s.instance;
  auto [begin, end] = inst.script.timed.equal_range(frameIndex);
  for (auto it = begin; it != end; ++it) {
    const ScriptEvent& ev = it->second;
    switch (ev.kind) {
      case ScriptEvent::Kind::Capture:
        s.pendingCaptures[frameIndex] = ev.text;
        break;
      case ScriptEvent::Kind::Loss:
        markLossPending(s);
        break;
      case ScriptEvent::Kind::Exit:
        requestExit(s);
        break;
      default:
        applyInputEvent(ev, inst.input);
        break;
    }
  }
}

template <typename T>
const T* findNext(const void* next, XrStructureType type) {
  for (auto* n = static_cast<const XrBaseInStructure*>(next); n; n = n->next)
    if (n->type == type) return reinterpret_cast<const T*>(n);
  return nullptr;
}

bool ownedSwapchain(const Session& s, XrSwapchain handle) {
  for (auto& sc : s.swapchains)
    if (reinterpret_cast<XrSwapchain>(sc.get()) == handle) return true;
  return false;
}

bool ownedSpace(const Session& s, XrSpace handle) {
  for (auto& sp : s.spaces)
    if (reinterpret_cast<XrSpace>(sp.get()) == handle) return true;
  return false;
}

XrResult checkSubImage(Session& s, const XrSwapchainSubImage& sub, bool wantDepth) {
  Instance& inst = *s.instance;
  if (!ownedSwapchain(s, sub.swapchain)) return XRSIM_FAIL(inst, XR_ERROR_HANDLE_INVALID, "layer swapchain");
  const Swapchain& sc = *reinterpret_cast<const Swapchain*>(sub.swapchain);
  if (sc.depth != wantDepth)
    return XRSIM_FAIL(inst, XR_ERROR_LAYER_INVALID, "colour/depth swapchain mismatch");
  if (sc.lastReleased < 0) return XRSIM_FAIL(inst, XR_ERROR_LAYER_INVALID, "swapchain has no released image");
  const XrRect2Di& r = sub.imageRect;
  if (r.offset.x < 0 || r.offset.y < 0 || r.extent.width <= 0 || r.extent.height <= 0 ||
      static_cast<int64_t>(r.offset.x) + r.extent.width > sc.width ||
      static_cast<int64_t>(r.offset.y) + r.extent.height > sc.height)
    return XRSIM_FAIL(inst, XR_ERROR_SWAPCHAIN_RECT_INVALID);
  if (sub.imageArrayIndex >= sc.arraySize)
    return XRSIM_FAIL(inst, XR_ERROR_VALIDATION_FAILURE, "imageArrayIndex");
  return XR_SUCCESS;
}

XrResult validateLayers(Session& s, const XrFrameEndInfo& info) {
  Instance& inst = *s.instance;
  if (info.layerCount > kMaxLayers) return XRSIM_FAIL(inst, XR_ERROR_LAYER_LIMIT_EXCEEDED);
  for (uint32_t i = 0; i < info.layerCount; ++i) {
    const XrCompositionLayerBaseHeader* layer = info.layers[i];
    if (!layer) return XRSIM_FAIL(inst, XR_ERROR_LAYER_INVALID, "null layer");
    if (!ownedSpace(s, layer->space)) return XRSIM_FAIL(inst, XR_ERROR_HANDLE_INVALID, "layer space");
    if (layer->type == XR_TYPE_COMPOSITION_LAYER_PROJECTION) {
      auto* proj = reinterpret_cast<const XrCompositionLayerProjection*>(layer);
      if (proj->viewCount != 2 || !proj->views)
        return XRSIM_FAIL(inst, XR_ERROR_VALIDATION_FAILURE, "projection needs 2 views");
      for (uint32_t v = 0; v < 2; ++v) {
        const XrCompositionLayerProjectionView& view = proj->views[v];
        if (view.type != XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW)
          return XRSIM_FAIL(inst, XR_ERROR_VALIDATION_FAILURE);
        if (XrResult r = checkSubImage(s, view.subImage, false); r != XR_SUCCESS) return r;
        auto* depth =
            findNext<XrCompositionLayerDepthInfoKHR>(view.next, XR_TYPE_COMPOSITION_LAYER_DEPTH_INFO_KHR);
        if (depth && inst.depthExtension) {
          if (XrResult r = checkSubImage(s, depth->subImage, true); r != XR_SUCCESS) return r;
          if (depth->minDepth < 0.0f || depth->minDepth > 1.0f || depth->maxDepth < 0.0f ||
              depth->maxDepth > 1.0f || depth->minDepth > depth->maxDepth || depth->nearZ == depth->farZ)
            return XRSIM_FAIL(inst, XR_ERROR_VALIDATION_FAILURE, "depth info range");
        }
      }
    } else if (layer->type == XR_TYPE_COMPOSITION_LAYER_QUAD) {
      auto* quad = reinterpret_cast<const XrCompositionLayerQuad*>(layer);
      if (XrResult r = checkSubImage(s, quad->subImage, false); r != XR_SUCCESS) return r;
      if (!(quad->size.width > 0.0f) || !(quad->size.height > 0.0f))
        return XRSIM_FAIL(inst, XR_ERROR_VALIDATION_FAILURE, "quad size");
    } else {
      return XRSIM_FAIL(inst, XR_ERROR_LAYER_INVALID, "unsupported layer type");
    }
  }
  return XR_SUCCESS;
}

}  // namespace

XRSIM_ENTRY xrWaitFrame(XrSession session, const XrFrameWaitInfo* info, XrFrameState* state) {
  Session* s = toSession(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  if ((info && info->type != XR_TYPE_FRAME_WAIT_INFO) || !state || state->type != XR_TYPE_FRAME_STATE)
    return XR_ERROR_VALIDATION_FAILURE;
  Instance& inst = *s->instance;
  XrTime predicted = 0;
  XrDuration period = 0;
  XrTime wakeAt = 0;
  {
    std::lock_guard lock(inst.mutex);
    if (!s->running) return XRSIM_FAIL(inst, XR_ERROR_SESSION_NOT_RUNNING);
    uint64_t frameIndex = s->waitCount;
    applyScript(*s, frameIndex);
    if (s->mirror) pollMirrorInput(*s, 1.0 / (inst.config.fps > 0.0 ? inst.config.fps : kNominalRate));
    period = framePeriod(inst.config);
    XrTime now = nowXrTime();
    predicted = s->lastPredicted ? s->lastPredicted + period : now + period;
    if (predicted < now) predicted = now + period;  // fell behind: skip ahead, still monotonic
    s->lastPredicted = predicted;
    // Paced: return one period before the predicted display time, like a compositor would.
    if (inst.config.fps > 0.0) wakeAt = predicted - period;
    s->waitCount = frameIndex + 1;
    s->waitedFrame = frameIndex;
    s->frameWaited = true;
    if (s->state == XR_SESSION_STATE_READY && !s->exitRequested && !s->lossPending) {
      queueSessionState(*s, XR_SESSION_STATE_SYNCHRONIZED);
      queueSessionState(*s, XR_SESSION_STATE_VISIBLE);
      queueSessionState(*s, XR_SESSION_STATE_FOCUSED);
    }
    state->predictedDisplayTime = predicted;
    state->predictedDisplayPeriod = period;
    state->shouldRender =
        (s->state == XR_SESSION_STATE_VISIBLE || s->state == XR_SESSION_STATE_FOCUSED) ? XR_TRUE : XR_FALSE;
  }
  if (wakeAt > 0) {
    XrTime now = nowXrTime();
    if (wakeAt > now) std::this_thread::sleep_for(std::chrono::nanoseconds(wakeAt - now));
  }
  return s->lossPending ? XR_SESSION_LOSS_PENDING : XR_SUCCESS;
}

XRSIM_ENTRY xrBeginFrame(XrSession session, const XrFrameBeginInfo* info) {
  Session* s = toSession(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  if (info && info->type != XR_TYPE_FRAME_BEGIN_INFO) return XR_ERROR_VALIDATION_FAILURE;
  std::lock_guard lock(s->instance->mutex);
  if (!s->running) return XRSIM_FAIL(*s->instance, XR_ERROR_SESSION_NOT_RUNNING);
  if (!s->frameWaited)
    return XRSIM_FAIL(*s->instance, XR_ERROR_CALL_ORDER_INVALID, "no xrWaitFrame before xrBeginFrame");
  bool discarded = s->frameBegun;
  s->frameWaited = false;
  s->frameBegun = true;
  s->begunFrame = s->waitedFrame;
  s->begunPredicted = s->lastPredicted;
  if (s->lossPending) return XR_SESSION_LOSS_PENDING;
  return discarded ? XR_FRAME_DISCARDED : XR_SUCCESS;
}

XRSIM_ENTRY xrEndFrame(XrSession session, const XrFrameEndInfo* info) {
  Session* s = toSession(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  if (!info || info->type != XR_TYPE_FRAME_END_INFO || (info->layerCount > 0 && !info->layers))
    return XR_ERROR_VALIDATION_FAILURE;
  Instance& inst = *s->instance;
  std::lock_guard lock(inst.mutex);
  if (!s->running) return XRSIM_FAIL(inst, XR_ERROR_SESSION_NOT_RUNNING);
  if (!s->frameBegun)
    return XRSIM_FAIL(inst, XR_ERROR_CALL_ORDER_INVALID, "no xrBeginFrame before xrEndFrame");
  if (info->displayTime <= 0) return XRSIM_FAIL(inst, XR_ERROR_TIME_INVALID);
  if (info->environmentBlendMode != XR_ENVIRONMENT_BLEND_MODE_OPAQUE)
    return XRSIM_FAIL(inst, XR_ERROR_ENVIRONMENT_BLEND_MODE_UNSUPPORTED);
  if (XrResult r = validateLayers(*s, *info); r != XR_SUCCESS) return r;
  s->frameBegun = false;
  ++inst.framesSubmitted;
  XrResult result = XR_SUCCESS;
  if (auto it = s->pendingCaptures.find(s->begunFrame); it != s->pendingCaptures.end()) {
    result = captureFrame(*s, *info, s->begunFrame, it->second);
    s->pendingCaptures.erase(it);
  }
  if (s->mirror) presentMirror(*s, *info);
  if (result != XR_SUCCESS) return result;
  return s->lossPending ? XR_SESSION_LOSS_PENDING : XR_SUCCESS;
}

}  // namespace cx::xrsim
