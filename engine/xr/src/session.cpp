#include "cx/xr/session.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "cx/render/vk_check.h"
#include "cx/xr/check.h"

namespace cx::xr {

Result<Session> createSession(const XrRuntime& rt, const render::Context& ctx, const SessionDesc& desc) {
  XrGraphicsBindingVulkan2KHR binding{XR_TYPE_GRAPHICS_BINDING_VULKAN2_KHR};
  binding.instance = ctx.instance;
  binding.physicalDevice = ctx.physicalDevice;
  binding.device = ctx.device;
  binding.queueFamilyIndex = ctx.queueFamily;
  binding.queueIndex = 0;
  XrSessionCreateInfo ci{XR_TYPE_SESSION_CREATE_INFO};
  ci.next = &binding;
  ci.systemId = rt.systemId;
  Session s;
  XrResult r = xrCreateSession(rt.instance, &ci, &s.session);
  if (XR_FAILED(r)) return makeError(fmt::format("OpenXR: xrCreateSession failed with {}", xrResultName(r)));

  uint32_t count = 0;
  CX_XR_CHECK(xrEnumerateReferenceSpaces(s.session, 0, &count, nullptr));
  std::vector<XrReferenceSpaceType> spaces(count);
  CX_XR_CHECK(xrEnumerateReferenceSpaces(s.session, count, &count, spaces.data()));
  s.stage = desc.preferStage &&
            std::find(spaces.begin(), spaces.end(), XR_REFERENCE_SPACE_TYPE_STAGE) != spaces.end();
  XrReferenceSpaceCreateInfo rs{XR_TYPE_REFERENCE_SPACE_CREATE_INFO};
  rs.poseInReferenceSpace = XrPosef{{0, 0, 0, 1}, {0, 0, 0}};
  rs.referenceSpaceType = s.stage ? XR_REFERENCE_SPACE_TYPE_STAGE : XR_REFERENCE_SPACE_TYPE_LOCAL;
  CX_XR_CHECK(xrCreateReferenceSpace(s.session, &rs, &s.appSpace));
  s.floorOffset = s.stage ? 0.0f : desc.floorOffset;
  rs.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_VIEW;
  CX_XR_CHECK(xrCreateReferenceSpace(s.session, &rs, &s.viewSpace));

  CX_XR_CHECK(xrEnumerateSwapchainFormats(s.session, 0, &count, nullptr));
  s.swapchainFormats.resize(count);
  CX_XR_CHECK(xrEnumerateSwapchainFormats(s.session, count, &count, s.swapchainFormats.data()));
  spdlog::info("OpenXR: session created, {} space{}", s.stage ? "STAGE" : "LOCAL",
               s.stage ? "" : fmt::format(" (floor {:.2f} m below its origin)", s.floorOffset));
  return s;
}

void destroySession(Session& s) {
  if (s.viewSpace) xrDestroySpace(s.viewSpace);
  if (s.appSpace) xrDestroySpace(s.appSpace);
  if (s.session) xrDestroySession(s.session);
  s.viewSpace = s.appSpace = XR_NULL_HANDLE;
  s.session = XR_NULL_HANDLE;
}

VkFormat chooseSwapchainFormat(const Session& s, std::span<const VkFormat> preferred) {
  for (VkFormat f : preferred) {
    if (std::find(s.swapchainFormats.begin(), s.swapchainFormats.end(), int64_t(f)) != s.swapchainFormats.end())
      return f;
  }
  return VK_FORMAT_UNDEFINED;
}

Swapchain createSwapchain(const render::Context& ctx, XrSession session, const SwapchainDesc& desc) {
  Swapchain sc;
  XrSwapchainCreateInfo ci{XR_TYPE_SWAPCHAIN_CREATE_INFO};
  ci.createFlags = desc.createFlags;
  ci.usageFlags = desc.usage;
  ci.format = desc.format;
  ci.sampleCount = 1;
  ci.width = desc.extent.width;
  ci.height = desc.extent.height;
  ci.faceCount = 1;
  ci.arraySize = desc.arraySize;
  ci.mipCount = 1;
  CX_XR_CHECK(xrCreateSwapchain(session, &ci, &sc.handle));
  sc.format = desc.format;
  sc.extent = desc.extent;
  sc.arraySize = desc.arraySize;
  uint32_t count = 0;
  CX_XR_CHECK(xrEnumerateSwapchainImages(sc.handle, 0, &count, nullptr));
  std::vector<XrSwapchainImageVulkan2KHR> images(count, {XR_TYPE_SWAPCHAIN_IMAGE_VULKAN2_KHR});
  CX_XR_CHECK(xrEnumerateSwapchainImages(sc.handle, count, &count,
                                         reinterpret_cast<XrSwapchainImageBaseHeader*>(images.data())));
  for (const auto& img : images) {
    sc.images.push_back(img.image);
    VkImageViewCreateInfo vi{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
    vi.image = img.image;
    vi.viewType = desc.arraySize > 1 ? VK_IMAGE_VIEW_TYPE_2D_ARRAY : VK_IMAGE_VIEW_TYPE_2D;
    vi.format = desc.format;
    vi.subresourceRange = {desc.aspect, 0, 1, 0, desc.arraySize};
    VkImageView view = VK_NULL_HANDLE;
    CX_VK_CHECK(vkCreateImageView(ctx.device, &vi, nullptr, &view));
    sc.views.push_back(view);
  }
  return sc;
}

void destroySwapchain(const render::Context& ctx, Swapchain& sc) {
  for (VkImageView v : sc.views) vkDestroyImageView(ctx.device, v, nullptr);
  sc.views.clear();
  sc.images.clear();
  if (sc.handle) xrDestroySwapchain(sc.handle);
  sc.handle = XR_NULL_HANDLE;
}

uint32_t acquireImage(Swapchain& sc) {
  XrSwapchainImageAcquireInfo ai{XR_TYPE_SWAPCHAIN_IMAGE_ACQUIRE_INFO};
  uint32_t index = 0;
  CX_XR_CHECK(xrAcquireSwapchainImage(sc.handle, &ai, &index));
  XrSwapchainImageWaitInfo wi{XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO};
  wi.timeout = XR_INFINITE_DURATION;
  CX_XR_CHECK(xrWaitSwapchainImage(sc.handle, &wi));
  sc.acquired = index;
  return index;
}

void releaseImage(Swapchain& sc) {
  XrSwapchainImageReleaseInfo ri{XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO};
  CX_XR_CHECK(xrReleaseSwapchainImage(sc.handle, &ri));
  sc.acquired = UINT32_MAX;
}

PolledEvents pollEvents(XrInstance instance, Session& s) {
  PolledEvents out;
  for (;;) {
    XrEventDataBuffer event{XR_TYPE_EVENT_DATA_BUFFER};
    XrResult r = CX_XR_CHECK(xrPollEvent(instance, &event));
    if (r == XR_EVENT_UNAVAILABLE) break;
    switch (event.type) {
      case XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED: {
        const auto& e = *reinterpret_cast<const XrEventDataSessionStateChanged*>(&event);
        if (e.session != s.session) break;
        spdlog::info("OpenXR: session state {}", sessionStateName(e.state));
        out.actions.push_back(onSessionStateChanged(s.lifecycle, e.state));
        break;
      }
      case XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING:
        spdlog::warn("OpenXR: the instance is being lost");
        out.instanceLost = true;
        break;
      case XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED:
        out.interactionProfileChanged = true;
        break;
      case XR_TYPE_EVENT_DATA_EVENTS_LOST:
        spdlog::warn("OpenXR: {} events lost", reinterpret_cast<const XrEventDataEventsLost*>(&event)->lostEventCount);
        break;
      default:
        break;
    }
  }
  return out;
}

FrameTiming beginFrame(XrSession session) {
  XrFrameWaitInfo wi{XR_TYPE_FRAME_WAIT_INFO};
  XrFrameState fs{XR_TYPE_FRAME_STATE};
  CX_XR_CHECK(xrWaitFrame(session, &wi, &fs));
  XrFrameBeginInfo bi{XR_TYPE_FRAME_BEGIN_INFO};
  CX_XR_CHECK(xrBeginFrame(session, &bi));  // XR_FRAME_DISCARDED is a success: nothing to do
  return {fs.predictedDisplayTime, fs.predictedDisplayPeriod, fs.shouldRender == XR_TRUE};
}

bool locateViews(XrSession session, XrViewConfigurationType config, XrSpace space, XrTime time,
                 std::array<XrView, 2>& views) {
  XrViewLocateInfo li{XR_TYPE_VIEW_LOCATE_INFO};
  li.viewConfigurationType = config;
  li.displayTime = time;
  li.space = space;
  XrViewState vs{XR_TYPE_VIEW_STATE};
  views.fill({XR_TYPE_VIEW});
  uint32_t count = 0;
  CX_XR_CHECK(xrLocateViews(session, &li, &vs, uint32_t(views.size()), &count, views.data()));
  const XrViewStateFlags need = XR_VIEW_STATE_POSITION_VALID_BIT | XR_VIEW_STATE_ORIENTATION_VALID_BIT;
  return count == 2 && (vs.viewStateFlags & need) == need;
}

void endFrame(XrSession session, XrTime displayTime, XrEnvironmentBlendMode blend,
              std::span<const XrCompositionLayerBaseHeader* const> layers) {
  XrFrameEndInfo ei{XR_TYPE_FRAME_END_INFO};
  ei.displayTime = displayTime;
  ei.environmentBlendMode = blend;
  ei.layerCount = uint32_t(layers.size());
  ei.layers = layers.empty() ? nullptr : layers.data();
  CX_XR_CHECK(xrEndFrame(session, &ei));
}

}  // namespace cx::xr
