#include "presenter.h"

#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "cx/render/vk_check.h"

namespace cx::viewer {
namespace {

void destroySwapchainObjects(const render::Context& ctx, Presenter& p) {
  for (auto v : p.views) vkDestroyImageView(ctx.device, v, nullptr);
  for (auto s : p.renderFinished) vkDestroySemaphore(ctx.device, s, nullptr);
  p.views.clear();
  p.renderFinished.clear();
  p.images.clear();
}

void buildSwapchain(const render::Context& ctx, Window& window, Presenter& p) {
  VkSurfaceCapabilitiesKHR caps;
  CX_VK_CHECK(vkGetPhysicalDeviceSurfaceCapabilitiesKHR(ctx.physicalDevice, p.surface, &caps));
  int w = 0, h = 0;
  framebufferSize(window, w, h);
  VkExtent2D extent = caps.currentExtent;
  if (extent.width == 0xFFFFFFFFu) {
    extent.width = std::clamp(uint32_t(std::max(w, 0)), caps.minImageExtent.width, caps.maxImageExtent.width);
    extent.height = std::clamp(uint32_t(std::max(h, 0)), caps.minImageExtent.height, caps.maxImageExtent.height);
  }
  p.extent = extent;
  if (extent.width == 0 || extent.height == 0) return;  // minimised: no swapchain until restored

  uint32_t modeCount = 0;
  CX_VK_CHECK(vkGetPhysicalDeviceSurfacePresentModesKHR(ctx.physicalDevice, p.surface, &modeCount, nullptr));
  std::vector<VkPresentModeKHR> modes(modeCount);
  CX_VK_CHECK_ALLOW(vkGetPhysicalDeviceSurfacePresentModesKHR(ctx.physicalDevice, p.surface, &modeCount, modes.data()),
                    VK_INCOMPLETE);
  p.presentMode = VK_PRESENT_MODE_FIFO_KHR;  // always available; vsync
  if (!p.vsync) {
    for (VkPresentModeKHR want : {VK_PRESENT_MODE_MAILBOX_KHR, VK_PRESENT_MODE_IMMEDIATE_KHR}) {
      if (std::find(modes.begin(), modes.end(), want) != modes.end()) {
        p.presentMode = want;
        break;
      }
    }
  }
  uint32_t imageCount = std::max(caps.minImageCount + 1, 3u);
  if (caps.maxImageCount) imageCount = std::min(imageCount, caps.maxImageCount);
  p.transferSrc = caps.supportedUsageFlags & VK_IMAGE_USAGE_TRANSFER_SRC_BIT;

  VkSwapchainCreateInfoKHR info{VK_STRUCTURE_TYPE_SWAPCHAIN_CREATE_INFO_KHR};
  info.surface = p.surface;
  info.minImageCount = imageCount;
  info.imageFormat = p.format;
  info.imageColorSpace = p.colorSpace;
  info.imageExtent = extent;
  info.imageArrayLayers = 1;
  info.imageUsage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | (p.transferSrc ? VK_IMAGE_USAGE_TRANSFER_SRC_BIT : 0);
  info.imageSharingMode = VK_SHARING_MODE_EXCLUSIVE;
  info.preTransform = caps.currentTransform;
  info.compositeAlpha = VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR;
  info.presentMode = p.presentMode;
  info.clipped = VK_TRUE;
  info.oldSwapchain = p.swapchain;
  VkSwapchainKHR created;
  CX_VK_CHECK(vkCreateSwapchainKHR(ctx.device, &info, nullptr, &created));
  if (p.swapchain) vkDestroySwapchainKHR(ctx.device, p.swapchain, nullptr);
  p.swapchain = created;

  uint32_t count = 0;
  CX_VK_CHECK(vkGetSwapchainImagesKHR(ctx.device, p.swapchain, &count, nullptr));
  p.images.resize(count);
  CX_VK_CHECK(vkGetSwapchainImagesKHR(ctx.device, p.swapchain, &count, p.images.data()));
  for (VkImage image : p.images) {
    VkImageViewCreateInfo view{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
    view.image = image;
    view.viewType = VK_IMAGE_VIEW_TYPE_2D;
    view.format = p.format;
    view.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
    VkImageView v;
    CX_VK_CHECK(vkCreateImageView(ctx.device, &view, nullptr, &v));
    p.views.push_back(v);
    VkSemaphoreCreateInfo si{VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
    VkSemaphore s;
    CX_VK_CHECK(vkCreateSemaphore(ctx.device, &si, nullptr, &s));
    p.renderFinished.push_back(s);
  }
  ++p.generation;
  spdlog::debug("swapchain {}x{}, {} images, present mode {}", extent.width, extent.height, count,
                int(p.presentMode));
}

}  // namespace

Result<void> createPresenter(const render::Context& ctx, Window& window, Presenter& p, bool vsync) {
  p.vsync = vsync;
  VkResult r = glfwCreateWindowSurface(ctx.instance, window.handle, nullptr, &p.surface);
  if (r != VK_SUCCESS) return makeError(std::string("cannot create a window surface: ") + render::vkResultName(r));
  VkBool32 supported = VK_FALSE;
  CX_VK_CHECK(vkGetPhysicalDeviceSurfaceSupportKHR(ctx.physicalDevice, ctx.queueFamily, p.surface, &supported));
  if (!supported) return makeError("the Vulkan device cannot present to this window");
  uint32_t count = 0;
  CX_VK_CHECK(vkGetPhysicalDeviceSurfaceFormatsKHR(ctx.physicalDevice, p.surface, &count, nullptr));
  std::vector<VkSurfaceFormatKHR> formats(count);
  CX_VK_CHECK_ALLOW(vkGetPhysicalDeviceSurfaceFormatsKHR(ctx.physicalDevice, p.surface, &count, formats.data()),
                    VK_INCOMPLETE);
  // UNORM on purpose: ImGui's colours are authored in sRGB, and the scene shader encodes sRGB
  // itself for non-sRGB targets.
  p.format = formats.empty() ? VK_FORMAT_B8G8R8A8_UNORM : formats[0].format;
  p.colorSpace = formats.empty() ? VK_COLOR_SPACE_SRGB_NONLINEAR_KHR : formats[0].colorSpace;
  for (const auto& f : formats) {
    if ((f.format == VK_FORMAT_B8G8R8A8_UNORM || f.format == VK_FORMAT_R8G8B8A8_UNORM) &&
        f.colorSpace == VK_COLOR_SPACE_SRGB_NONLINEAR_KHR) {
      p.format = f.format;
      p.colorSpace = f.colorSpace;
      break;
    }
  }
  for (int i = 0; i < 3; ++i) {
    VkSemaphoreCreateInfo si{VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
    VkSemaphore s;
    CX_VK_CHECK(vkCreateSemaphore(ctx.device, &si, nullptr, &s));
    p.imageAvailable.push_back(s);
  }
  buildSwapchain(ctx, window, p);
  return {};
}

void destroyPresenter(const render::Context& ctx, Presenter& p) {
  vkDeviceWaitIdle(ctx.device);
  destroySwapchainObjects(ctx, p);
  for (auto s : p.imageAvailable) vkDestroySemaphore(ctx.device, s, nullptr);
  p.imageAvailable.clear();
  if (p.swapchain) vkDestroySwapchainKHR(ctx.device, p.swapchain, nullptr);
  if (p.surface) vkDestroySurfaceKHR(ctx.instance, p.surface, nullptr);
  p.swapchain = VK_NULL_HANDLE;
  p.surface = VK_NULL_HANDLE;
}

void recreateSwapchain(const render::Context& ctx, Window& window, Presenter& p) {
  CX_VK_CHECK(vkDeviceWaitIdle(ctx.device));
  destroySwapchainObjects(ctx, p);
  // Acquire semaphores may be left signalled by an abandoned acquire; start the ring afresh.
  for (auto& s : p.imageAvailable) {
    vkDestroySemaphore(ctx.device, s, nullptr);
    VkSemaphoreCreateInfo si{VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
    CX_VK_CHECK(vkCreateSemaphore(ctx.device, &si, nullptr, &s));
  }
  buildSwapchain(ctx, window, p);
}

AcquiredImage acquireImage(const render::Context& ctx, Window& window, Presenter& p) {
  AcquiredImage out;
  int w = 0, h = 0;
  framebufferSize(window, w, h);
  if (w == 0 || h == 0) return out;  // minimised
  if (!p.swapchain || p.images.empty() || window.input.resized || uint32_t(w) != p.extent.width ||
      uint32_t(h) != p.extent.height) {
    recreateSwapchain(ctx, window, p);
    if (p.images.empty()) return out;
  }
  VkSemaphore available = p.imageAvailable[p.ring];
  VkResult r = CX_VK_CHECK_ALLOW(
      vkAcquireNextImageKHR(ctx.device, p.swapchain, UINT64_MAX, available, VK_NULL_HANDLE, &out.index),
      VK_ERROR_OUT_OF_DATE_KHR, VK_SUBOPTIMAL_KHR);
  if (r == VK_ERROR_OUT_OF_DATE_KHR) {
    recreateSwapchain(ctx, window, p);
    return out;
  }
  // SUBOPTIMAL still delivered an image with the semaphore pending: use it, recreate after present.
  p.ring = (p.ring + 1) % uint32_t(p.imageAvailable.size());
  out.ok = true;
  out.available = available;
  out.finished = p.renderFinished[out.index];
  return out;
}

void presentImage(const render::Context& ctx, Window& window, Presenter& p, const AcquiredImage& image) {
  VkPresentInfoKHR info{VK_STRUCTURE_TYPE_PRESENT_INFO_KHR};
  info.waitSemaphoreCount = 1;
  info.pWaitSemaphores = &image.finished;
  info.swapchainCount = 1;
  info.pSwapchains = &p.swapchain;
  info.pImageIndices = &image.index;
  VkResult r = CX_VK_CHECK_ALLOW(vkQueuePresentKHR(ctx.queue, &info), VK_ERROR_OUT_OF_DATE_KHR, VK_SUBOPTIMAL_KHR);
  if (r == VK_ERROR_OUT_OF_DATE_KHR || r == VK_SUBOPTIMAL_KHR) recreateSwapchain(ctx, window, p);
}

}  // namespace cx::viewer
