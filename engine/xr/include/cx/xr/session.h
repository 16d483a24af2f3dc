#pragma once
// The session on the runtime's Vulkan device, its reference spaces and swapchains, and the frame
// calls (xrWaitFrame / xrBeginFrame / xrLocateViews / xrEndFrame).
#include <vulkan/vulkan.h>
// clang-format off
#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>
// clang-format on

#include <array>
#include <span>
#include <vector>

#include "cx/core/result.h"
#include "cx/render/context.h"
#include "cx/xr/instance.h"
#include "cx/xr/lifecycle.h"

namespace cx::xr {

// Eye height assumed above the floor when only LOCAL exists (its origin is at the head).
inline constexpr float kDefaultFloorOffset = 1.6f;

struct SessionDesc {
  bool preferStage = true;
  float floorOffset = kDefaultFloorOffset;  // used with LOCAL
};

struct Session {
  XrSession session = XR_NULL_HANDLE;
  XrSpace appSpace = XR_NULL_HANDLE;   // STAGE, else LOCAL
  XrSpace viewSpace = XR_NULL_HANDLE;  // head-locked (comfort vignette)
  bool stage = false;
  // Added to app-space y to put the floor at 0 (0 for STAGE, the assumed eye height for LOCAL).
  float floorOffset = 0.0f;
  std::vector<int64_t> swapchainFormats;  // what the runtime offers, its preference first
  Lifecycle lifecycle;
};

Result<Session> createSession(const XrRuntime& runtime, const render::Context& ctx, const SessionDesc& desc);
// Destroys spaces and the session (swapchains must be destroyed first).
void destroySession(Session& session);

// The first of `preferred` that the runtime offers, or VK_FORMAT_UNDEFINED.
VkFormat chooseSwapchainFormat(const Session& session, std::span<const VkFormat> preferred);

struct SwapchainDesc {
  VkFormat format = VK_FORMAT_R8G8B8A8_SRGB;
  VkExtent2D extent{0, 0};
  uint32_t arraySize = 1;
  XrSwapchainUsageFlags usage = XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT;
  VkImageAspectFlags aspect = VK_IMAGE_ASPECT_COLOR_BIT;
  XrSwapchainCreateFlags createFlags = 0;  // e.g. XR_SWAPCHAIN_CREATE_STATIC_IMAGE_BIT
};

struct Swapchain {
  XrSwapchain handle = XR_NULL_HANDLE;
  VkFormat format = VK_FORMAT_UNDEFINED;
  VkExtent2D extent{0, 0};
  uint32_t arraySize = 1;
  std::vector<VkImage> images;      // owned by the runtime
  std::vector<VkImageView> views;   // ours: 2D_ARRAY over all layers when arraySize > 1, else 2D
  uint32_t acquired = UINT32_MAX;   // index of the image held between acquire and release
};

Swapchain createSwapchain(const render::Context& ctx, XrSession session, const SwapchainDesc& desc);
void destroySwapchain(const render::Context& ctx, Swapchain& swapchain);
// xrAcquireSwapchainImage + xrWaitSwapchainImage; returns the image index.
uint32_t acquireImage(Swapchain& swapchain);
void releaseImage(Swapchain& swapchain);

// Reads every pending event. State changes go through the lifecycle; the returned actions are
// in order. `instanceLost` is set on XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING.
struct PolledEvents {
  std::vector<LifecycleAction> actions;
  bool instanceLost = false;
  bool interactionProfileChanged = false;
};
PolledEvents pollEvents(XrInstance instance, Session& session);

struct FrameTiming {
  XrTime predictedDisplayTime = 0;
  XrDuration predictedPeriod = 0;
  bool shouldRender = false;
};
// xrWaitFrame + xrBeginFrame.
FrameTiming beginFrame(XrSession session);
// xrLocateViews in `space`; false when the runtime has no valid pose for both eyes.
bool locateViews(XrSession session, XrViewConfigurationType config, XrSpace space, XrTime time,
                 std::array<XrView, 2>& views);
// xrEndFrame with the given layers (none when nothing was rendered).
void endFrame(XrSession session, XrTime displayTime, XrEnvironmentBlendMode blend,
              std::span<const XrCompositionLayerBaseHeader* const> layers);

}  // namespace cx::xr
