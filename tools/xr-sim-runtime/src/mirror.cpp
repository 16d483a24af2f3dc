// Mirror window (CX_XRSIM_WINDOW=1), like StereoKit's simulator: WASD/QE move the head,
// right-mouse-drag looks, the left button is the right hand's trigger, the right hand follows the
// head (aim = head forward), keys 1/2 push the right stick forward/back, 3/4 left/right, Escape
// requests exit. Presentation uses the app's VkDevice and the graphics binding's queue; the input
// mapping itself is plain logic in mirror_input.cpp, fed a snapshot of GLFW's key state here.
#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cstdio>
#include <utility>

#include "mirror.h"
#include "session_state.h"

namespace cx::xrsim {
namespace {

void logVk(VkResult r, const char* what) {
  if (r != VK_SUCCESS)
    std::fprintf(stderr, "xrsim: mirror window: %s failed with VkResult %d\n", what, int(r));
}

bool createSwapchain(Session& s, Mirror& m) {
  VkSurfaceCapabilitiesKHR caps;
  if (vkGetPhysicalDeviceSurfaceCapabilitiesKHR(s.physicalDevice, m.surface, &caps) != VK_SUCCESS)
    return false;
  if (!(caps.supportedUsageFlags & VK_IMAGE_USAGE_TRANSFER_DST_BIT)) return false;
  uint32_t count = 0;
  vkGetPhysicalDeviceSurfaceFormatsKHR(s.physicalDevice, m.surface, &count, nullptr);
  std::vector<VkSurfaceFormatKHR> formats(count);
  vkGetPhysicalDeviceSurfaceFormatsKHR(s.physicalDevice, m.surface, &count, formats.data());
  if (formats.empty()) return false;
  VkSurfaceFormatKHR chosen = formats[0];
  for (auto& f : formats)
    if (f.format == VK_FORMAT_B8G8R8A8_SRGB || f.format == VK_FORMAT_R8G8B8A8_SRGB) chosen = f;
  vkGetPhysicalDeviceSurfacePresentModesKHR(s.physicalDevice, m.surface, &count, nullptr);
  std::vector<VkPresentModeKHR> modes(count);
  vkGetPhysicalDeviceSurfacePresentModesKHR(s.physicalDevice, m.surface, &count, modes.data());
  // The mirror must not throttle the app's frame loop: prefer modes that do not wait for vblank.
  VkPresentModeKHR mode = VK_PRESENT_MODE_FIFO_KHR;
  for (VkPresentModeKHR want : {VK_PRESENT_MODE_MAILBOX_KHR, VK_PRESENT_MODE_IMMEDIATE_KHR})
    if (mode == VK_PRESENT_MODE_FIFO_KHR && std::find(modes.begin(), modes.end(), want) != modes.end())
      mode = want;
  int w = 0, h = 0;
  glfwGetFramebufferSize(m.window, &w, &h);
  VkExtent2D extent = caps.currentExtent;
  if (extent.width == UINT32_MAX) {
    extent.width = std::clamp<uint32_t>(uint32_t(w), caps.minImageExtent.width, caps.maxImageExtent.width);
    extent.height = std::clamp<uint32_t>(uint32_t(h), caps.minImageExtent.height, caps.maxImageExtent.height);
  }
  if (extent.width == 0 || extent.height == 0) return false;  // minimised: try again later
  VkSwapchainCreateInfoKHR ci{VK_STRUCTURE_TYPE_SWAPCHAIN_CREATE_INFO_KHR};
  ci.surface = m.surface;
  ci.minImageCount = std::max(caps.minImageCount, 2u);
  if (caps.maxImageCount) ci.minImageCount = std::min(ci.minImageCount, caps.maxImageCount);
  ci.imageFormat = chosen.format;
  ci.imageColorSpace = chosen.colorSpace;
  ci.imageExtent = extent;
  ci.imageArrayLayers = 1;
  ci.imageUsage = VK_IMAGE_USAGE_TRANSFER_DST_BIT;
  ci.imageSharingMode = VK_SHARING_MODE_EXCLUSIVE;
  ci.preTransform = caps.currentTransform;
  ci.compositeAlpha = VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR;
  if (!(caps.supportedCompositeAlpha & VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR))
    ci.compositeAlpha = VK_COMPOSITE_ALPHA_INHERIT_BIT_KHR;
  ci.presentMode = mode;
  ci.clipped = VK_TRUE;
  ci.oldSwapchain = m.swapchain;
  VkSwapchainKHR swapchain = VK_NULL_HANDLE;
  VkResult r = vkCreateSwapchainKHR(s.device, &ci, nullptr, &swapchain);
  logVk(r, "vkCreateSwapchainKHR");
  if (m.swapchain) vkDestroySwapchainKHR(s.device, m.swapchain, nullptr);
  m.swapchain = VK_NULL_HANDLE;
  for (VkSemaphore sem : m.rendered) vkDestroySemaphore(s.device, sem, nullptr);
  m.rendered.clear();
  m.images.clear();
  if (r != VK_SUCCESS) return false;
  m.swapchain = swapchain;
  m.format = chosen.format;
  m.extent = extent;
  vkGetSwapchainImagesKHR(s.device, swapchain, &count, nullptr);
  m.images.resize(count);
  vkGetSwapchainImagesKHR(s.device, swapchain, &count, m.images.data());
  VkSemaphoreCreateInfo si{VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
  m.rendered.resize(count, VK_NULL_HANDLE);
  for (auto& sem : m.rendered) logVk(vkCreateSemaphore(s.device, &si, nullptr, &sem), "vkCreateSemaphore");
  m.needsRecreate = false;
  return true;
}

VkImageMemoryBarrier imageBarrier(VkImage image, VkImageLayout from, VkImageLayout to, VkAccessFlags src,
                                  VkAccessFlags dst, uint32_t layer = 0) {
  VkImageMemoryBarrier b{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER};
  b.srcAccessMask = src;
  b.dstAccessMask = dst;
  b.oldLayout = from;
  b.newLayout = to;
  b.srcQueueFamilyIndex = b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  b.image = image;
  b.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, layer, 1};
  return b;
}

void releaseMirror(Session& s, Mirror& m) {
  if (m.fence) {
    vkWaitForFences(s.device, 1, &m.fence, VK_TRUE, UINT64_MAX);
    vkDestroyFence(s.device, m.fence, nullptr);
  }
  if (m.cmd) vkFreeCommandBuffers(s.device, s.commandPool, 1, &m.cmd);
  if (m.swapchain) vkDestroySwapchainKHR(s.device, m.swapchain, nullptr);
  for (VkSemaphore sem : m.rendered) vkDestroySemaphore(s.device, sem, nullptr);
  if (m.acquired) vkDestroySemaphore(s.device, m.acquired, nullptr);
  if (m.surface) vkDestroySurfaceKHR(s.vkInstance, m.surface, nullptr);
  if (m.window) glfwDestroyWindow(m.window);
  m = Mirror{};
}

}  // namespace

std::vector<const char*> mirrorInstanceExtensions() {
  if (!glfwInit()) return {};
  uint32_t count = 0;
  const char** names = glfwGetRequiredInstanceExtensions(&count);
  return names ? std::vector<const char*>(names, names + count) : std::vector<const char*>{};
}

void shutdownMirrorSystem() {
  glfwTerminate();
}

std::unique_ptr<Mirror> createMirror(Session& s) {
  if (!glfwInit() || !glfwVulkanSupported()) {
    std::fprintf(stderr, "xrsim: mirror window: GLFW cannot open a Vulkan window here\n");
    return nullptr;
  }
  VkBool32 present = VK_FALSE;
  auto m = std::make_unique<Mirror>();
  const Script& sc = s.instance->script;
  int width = int(std::min<uint32_t>(1280, 2 * sc.eyeWidth));
  int height = std::max(1, int(width / 2.0 * sc.eyeHeight / sc.eyeWidth));
  glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
  m->window =
      glfwCreateWindow(width, height, "CloudExpo XR simulator (left eye | right eye)", nullptr, nullptr);
  if (!m->window) {
    std::fprintf(stderr, "xrsim: mirror window: glfwCreateWindow failed\n");
    return nullptr;
  }
  bool ok = glfwCreateWindowSurface(s.vkInstance, m->window, nullptr, &m->surface) == VK_SUCCESS;
  if (!ok)
    std::fprintf(
        stderr, "xrsim: mirror window: no surface (was the VkInstance made by xrCreateVulkanInstanceKHR?)\n");
  if (ok) {
    vkGetPhysicalDeviceSurfaceSupportKHR(s.physicalDevice, s.queueFamilyIndex, m->surface, &present);
    ok = present == VK_TRUE;
    if (!ok) std::fprintf(stderr, "xrsim: mirror window: the app's queue family cannot present\n");
  }
  VkSemaphoreCreateInfo si{VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
  VkFenceCreateInfo fi{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
  fi.flags = VK_FENCE_CREATE_SIGNALED_BIT;
  VkCommandBufferAllocateInfo ai{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
  ai.commandPool = s.commandPool;
  ai.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  ai.commandBufferCount = 1;
  ok = ok && vkCreateSemaphore(s.device, &si, nullptr, &m->acquired) == VK_SUCCESS &&
       vkCreateFence(s.device, &fi, nullptr, &m->fence) == VK_SUCCESS &&
       vkAllocateCommandBuffers(s.device, &ai, &m->cmd) == VK_SUCCESS && createSwapchain(s, *m);
  if (!ok) {
    releaseMirror(s, *m);  // the session continues without a window
    return nullptr;
  }
  glfwGetCursorPos(m->window, &m->input.lastMouseX, &m->input.lastMouseY);
  return m;
}

void destroyMirror(Session& s) {
  if (!s.mirror) return;
  releaseMirror(s, *s.mirror);
  s.mirror.reset();
}

void presentMirror(Session& s, const XrFrameEndInfo& info) {
  Mirror& m = *s.mirror;
  if (glfwWindowShouldClose(m.window) && s.running) requestExit(s);
  const XrCompositionLayerProjection* proj = nullptr;
  for (uint32_t i = 0; i < info.layerCount && !proj; ++i)
    if (info.layers[i]->type == XR_TYPE_COMPOSITION_LAYER_PROJECTION)
      proj = reinterpret_cast<const XrCompositionLayerProjection*>(info.layers[i]);
  if (m.needsRecreate || !m.swapchain) {
    if (!createSwapchain(s, m)) return;
  }
  uint32_t index = 0;
  VkResult r = vkAcquireNextImageKHR(s.device, m.swapchain, UINT64_MAX, m.acquired, VK_NULL_HANDLE, &index);
  if (r == VK_ERROR_OUT_OF_DATE_KHR) {
    m.needsRecreate = true;
    return;
  }
  if (r != VK_SUCCESS && r != VK_SUBOPTIMAL_KHR) {
    logVk(r, "vkAcquireNextImageKHR");
    return;
  }
  if (r == VK_SUBOPTIMAL_KHR) m.needsRecreate = true;
  VkImage target = m.images[index];
  vkResetCommandBuffer(m.cmd, 0);
  VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  vkBeginCommandBuffer(m.cmd, &begin);
  auto barrier = [&](const VkImageMemoryBarrier& b, VkPipelineStageFlags from, VkPipelineStageFlags to) {
    vkCmdPipelineBarrier(m.cmd, from, to, 0, 0, nullptr, 0, nullptr, 1, &b);
  };
  barrier(imageBarrier(target, VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 0,
                       VK_ACCESS_TRANSFER_WRITE_BIT),
          VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT);
  VkClearColorValue grey{{0.1f, 0.1f, 0.1f, 1.0f}};
  VkImageSubresourceRange range{VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
  vkCmdClearColorImage(m.cmd, target, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, &grey, 1, &range);
  barrier(imageBarrier(target, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                       VK_ACCESS_TRANSFER_WRITE_BIT, VK_ACCESS_TRANSFER_WRITE_BIT),
          VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT);
  for (uint32_t eye = 0; proj && eye < 2 && eye < proj->viewCount; ++eye) {
    const XrSwapchainSubImage& sub = proj->views[eye].subImage;
    const Swapchain& sc = *reinterpret_cast<const Swapchain*>(sub.swapchain);
    if (!(sc.usage & XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT) || sc.lastReleased < 0) continue;
    VkImage source = sc.images[uint32_t(sc.lastReleased)];
    barrier(
        imageBarrier(source, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                     VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT, VK_ACCESS_TRANSFER_READ_BIT, sub.imageArrayIndex),
        VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT);
    // Each eye fills its half of the window, keeping its aspect ratio.
    int32_t halfW = int32_t(m.extent.width / 2), fullH = int32_t(m.extent.height);
    const XrRect2Di& rect = sub.imageRect;
    double scale = std::min(double(halfW) / rect.extent.width, double(fullH) / rect.extent.height);
    int32_t w = std::max(1, int32_t(rect.extent.width * scale)),
            h = std::max(1, int32_t(rect.extent.height * scale));
    int32_t x0 = int32_t(eye) * halfW + (halfW - w) / 2, y0 = (fullH - h) / 2;
    VkImageBlit blit{};
    blit.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, sub.imageArrayIndex, 1};
    blit.srcOffsets[0] = {rect.offset.x, rect.offset.y, 0};
    blit.srcOffsets[1] = {rect.offset.x + rect.extent.width, rect.offset.y + rect.extent.height, 1};
    blit.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    blit.dstOffsets[0] = {x0, y0, 0};
    blit.dstOffsets[1] = {x0 + w, y0 + h, 1};
    vkCmdBlitImage(m.cmd, source, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, target,
                   VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &blit, VK_FILTER_LINEAR);
    barrier(
        imageBarrier(source, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                     0, VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT,
                     sub.imageArrayIndex),
        VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT);
  }
  barrier(imageBarrier(target, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_IMAGE_LAYOUT_PRESENT_SRC_KHR,
                       VK_ACCESS_TRANSFER_WRITE_BIT, 0),
          VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT);
  logVk(vkEndCommandBuffer(m.cmd), "vkEndCommandBuffer");
  VkPipelineStageFlags waitStage = VK_PIPELINE_STAGE_TRANSFER_BIT;
  VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
  submit.waitSemaphoreCount = 1;
  submit.pWaitSemaphores = &m.acquired;
  submit.pWaitDstStageMask = &waitStage;
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &m.cmd;
  submit.signalSemaphoreCount = 1;
  submit.pSignalSemaphores = &m.rendered[index];
  vkResetFences(s.device, 1, &m.fence);
  r = vkQueueSubmit(s.queue, 1, &submit, m.fence);
  logVk(r, "vkQueueSubmit");
  if (r != VK_SUCCESS) return;
  VkPresentInfoKHR present{VK_STRUCTURE_TYPE_PRESENT_INFO_KHR};
  present.waitSemaphoreCount = 1;
  present.pWaitSemaphores = &m.rendered[index];
  present.swapchainCount = 1;
  present.pSwapchains = &m.swapchain;
  present.pImageIndices = &index;
  r = vkQueuePresentKHR(s.queue, &present);
  if (r == VK_ERROR_OUT_OF_DATE_KHR || r == VK_SUBOPTIMAL_KHR)
    m.needsRecreate = true;
  else
    logVk(r, "vkQueuePresentKHR");
  // Synchronous: the eye images are the app's again when xrEndFrame returns.
  logVk(vkWaitForFences(s.device, 1, &m.fence, VK_TRUE, UINT64_MAX), "vkWaitForFences");
}

namespace {

// The keys, buttons and cursor the mapping in mirror_input.h reads.
MirrorInputSnapshot readMirrorInput(GLFWwindow* w) {
  MirrorInputSnapshot snap;
  static constexpr std::pair<MirrorKey, int> kKeys[] = {
      {MirrorKey::W, GLFW_KEY_W},      {MirrorKey::A, GLFW_KEY_A},           {MirrorKey::S, GLFW_KEY_S},
      {MirrorKey::D, GLFW_KEY_D},      {MirrorKey::Q, GLFW_KEY_Q},           {MirrorKey::E, GLFW_KEY_E},
      {MirrorKey::Stick1, GLFW_KEY_1}, {MirrorKey::Stick2, GLFW_KEY_2},      {MirrorKey::Stick3, GLFW_KEY_3},
      {MirrorKey::Stick4, GLFW_KEY_4}, {MirrorKey::Escape, GLFW_KEY_ESCAPE},
  };
  for (const auto& [key, code] : kKeys) snap.set(key, glfwGetKey(w, code) == GLFW_PRESS);
  snap.leftButton = glfwGetMouseButton(w, GLFW_MOUSE_BUTTON_LEFT) == GLFW_PRESS;
  snap.rightButton = glfwGetMouseButton(w, GLFW_MOUSE_BUTTON_RIGHT) == GLFW_PRESS;
  glfwGetCursorPos(w, &snap.cursorX, &snap.cursorY);
  return snap;
}

}  // namespace

void pollMirrorInput(Session& s, double dt) {
  Mirror& m = *s.mirror;
  glfwPollEvents();
  const MirrorInputResult r = applyMirrorInput(readMirrorInput(m.window), dt, m.input, s.instance->input);
  if (r.exitRequested && s.running && !s.exitRequested) requestExit(s);
}

}  // namespace cx::xrsim
