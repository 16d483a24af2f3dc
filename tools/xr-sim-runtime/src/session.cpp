// Session: creation from a Vulkan graphics binding and the session state machine
// IDLE -> READY -> (begin) -> SYNCHRONIZED -> VISIBLE -> FOCUSED; exit -> STOPPING -> (end) ->
// IDLE -> EXITING; `loss` -> LOSS_PENDING.
#include <algorithm>

#include "entry_points.h"
#include "mirror.h"
#include "session_state.h"

namespace cx::xrsim {

Session* toSession(XrSession handle) {
  return reinterpret_cast<Session*>(handle);
}

void destroySessionObjects(Session& session) {
  for (auto& swapchain : session.swapchains) destroySwapchain(*swapchain);
  session.swapchains.clear();
  session.spaces.clear();
  destroyMirror(session);
  if (session.commandPool) vkDestroyCommandPool(session.device, session.commandPool, nullptr);
  session.commandPool = VK_NULL_HANDLE;
}

void requestExit(Session& session) {
  session.exitRequested = true;
  if (session.lossPending || session.state == XR_SESSION_STATE_STOPPING) return;
  if (session.state == XR_SESSION_STATE_FOCUSED) queueSessionState(session, XR_SESSION_STATE_VISIBLE);
  if (session.state == XR_SESSION_STATE_VISIBLE || session.state == XR_SESSION_STATE_READY)
    queueSessionState(session, XR_SESSION_STATE_SYNCHRONIZED);
  queueSessionState(session, XR_SESSION_STATE_STOPPING);
}

void markLossPending(Session& session) {
  if (session.lossPending) return;
  session.lossPending = true;
  queueSessionState(session, XR_SESSION_STATE_LOSS_PENDING);
}

XRSIM_ENTRY xrCreateSession(XrInstance instance, const XrSessionCreateInfo* info, XrSession* session) {
  Instance* inst = toInstance(instance);
  if (!inst) return XR_ERROR_HANDLE_INVALID;
  if (!info || !session || info->type != XR_TYPE_SESSION_CREATE_INFO) return XR_ERROR_VALIDATION_FAILURE;
  std::lock_guard lock(inst->mutex);
  if (info->systemId != kSystemId) return XRSIM_FAIL(*inst, XR_ERROR_SYSTEM_INVALID);
  if (!inst->graphicsRequirementsQueried)
    return XRSIM_FAIL(*inst, XR_ERROR_GRAPHICS_REQUIREMENTS_CALL_MISSING);
  const XrGraphicsBindingVulkan2KHR* binding = nullptr;
  for (auto* next = static_cast<const XrBaseInStructure*>(info->next); next; next = next->next) {
    if (next->type == XR_TYPE_GRAPHICS_BINDING_VULKAN2_KHR)
      binding = reinterpret_cast<const XrGraphicsBindingVulkan2KHR*>(next);
  }
  if (!binding) return XRSIM_FAIL(*inst, XR_ERROR_GRAPHICS_DEVICE_INVALID, "no XrGraphicsBindingVulkan2KHR");
  if (!binding->instance || !binding->physicalDevice || !binding->device)
    return XRSIM_FAIL(*inst, XR_ERROR_GRAPHICS_DEVICE_INVALID, "null Vulkan handle in the graphics binding");
  uint32_t familyCount = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(binding->physicalDevice, &familyCount, nullptr);
  std::vector<VkQueueFamilyProperties> families(familyCount);
  vkGetPhysicalDeviceQueueFamilyProperties(binding->physicalDevice, &familyCount, families.data());
  if (binding->queueFamilyIndex >= familyCount ||
      binding->queueIndex >= families[binding->queueFamilyIndex].queueCount)
    return XRSIM_FAIL(*inst, XR_ERROR_GRAPHICS_DEVICE_INVALID, "queue family/index out of range");
  if (!inst->sessions.empty()) return XRSIM_FAIL(*inst, XR_ERROR_LIMIT_REACHED, "one session at a time");

  auto s = std::make_unique<Session>();
  s->instance = inst;
  s->vkInstance = binding->instance;
  s->physicalDevice = binding->physicalDevice;
  s->device = binding->device;
  s->queueFamilyIndex = binding->queueFamilyIndex;
  s->queueIndex = binding->queueIndex;
  vkGetDeviceQueue(s->device, s->queueFamilyIndex, s->queueIndex, &s->queue);
  VkCommandPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
  poolInfo.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT | VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
  poolInfo.queueFamilyIndex = s->queueFamilyIndex;
  XRSIM_VK(vkCreateCommandPool(s->device, &poolInfo, nullptr, &s->commandPool));
  if (inst->config.window) {
    s->mirror = createMirror(*s);  // without a window (message on stderr) the session still works
    if (!s->mirror) inst->errors.push_back("xrCreateSession: mirror window unavailable");
  }
  queueSessionState(*s, XR_SESSION_STATE_IDLE);
  queueSessionState(*s, XR_SESSION_STATE_READY);
  *session = reinterpret_cast<XrSession>(s.get());
  inst->sessions.push_back(std::move(s));
  return XR_SUCCESS;
}

XRSIM_ENTRY xrDestroySession(XrSession session) {
  Session* s = toSession(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  Instance& inst = *s->instance;
  std::lock_guard lock(inst.mutex);
  destroySessionObjects(*s);
  // Drop queued events that name this session.
  std::erase_if(inst.events, [&](const XrEventDataBuffer& ev) {
    if (ev.type == XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED)
      return reinterpret_cast<const XrEventDataSessionStateChanged&>(ev).session == session;
    if (ev.type == XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED)
      return reinterpret_cast<const XrEventDataInteractionProfileChanged&>(ev).session == session;
    return false;
  });
  std::erase_if(inst.sessions, [&](const std::unique_ptr<Session>& p) { return p.get() == s; });
  return XR_SUCCESS;
}

XRSIM_ENTRY xrBeginSession(XrSession session, const XrSessionBeginInfo* info) {
  Session* s = toSession(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  if (!info || info->type != XR_TYPE_SESSION_BEGIN_INFO) return XR_ERROR_VALIDATION_FAILURE;
  std::lock_guard lock(s->instance->mutex);
  if (info->primaryViewConfigurationType != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO)
    return XRSIM_FAIL(*s->instance, XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED);
  if (s->lossPending) return XR_SESSION_LOSS_PENDING;
  if (s->running) return XRSIM_FAIL(*s->instance, XR_ERROR_SESSION_RUNNING);
  if (s->state != XR_SESSION_STATE_READY) return XRSIM_FAIL(*s->instance, XR_ERROR_SESSION_NOT_READY);
  s->running = true;
  s->waitCount = 0;
  s->frameWaited = s->frameBegun = false;
  return XR_SUCCESS;
}

XRSIM_ENTRY xrEndSession(XrSession session) {
  Session* s = toSession(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  std::lock_guard lock(s->instance->mutex);
  if (s->lossPending) return XR_SESSION_LOSS_PENDING;
  if (!s->running) return XRSIM_FAIL(*s->instance, XR_ERROR_SESSION_NOT_RUNNING);
  if (s->state != XR_SESSION_STATE_STOPPING) return XRSIM_FAIL(*s->instance, XR_ERROR_SESSION_NOT_STOPPING);
  s->running = false;
  s->frameWaited = s->frameBegun = false;
  queueSessionState(*s, XR_SESSION_STATE_IDLE);
  if (s->exitRequested) queueSessionState(*s, XR_SESSION_STATE_EXITING);
  return XR_SUCCESS;
}

XRSIM_ENTRY xrRequestExitSession(XrSession session) {
  Session* s = toSession(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  std::lock_guard lock(s->instance->mutex);
  if (s->lossPending) return XR_SESSION_LOSS_PENDING;
  if (!s->running) return XRSIM_FAIL(*s->instance, XR_ERROR_SESSION_NOT_RUNNING);
  requestExit(*s);
  return XR_SUCCESS;
}

}  // namespace cx::xrsim
