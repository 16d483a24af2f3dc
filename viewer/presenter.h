#pragma once
// The window's swapchain: acquire, present, and recreation on resize, minimise, OUT_OF_DATE and
// SUBOPTIMAL. Each swapchain image gets its own "render finished" semaphore; acquisition uses a
// ring of semaphores, one per frame in flight.
#include <vulkan/vulkan.h>

#include <vector>

#include "cx/render/context.h"
#include "window.h"

namespace cx::viewer {

struct Presenter {
  VkSurfaceKHR surface = VK_NULL_HANDLE;
  VkSwapchainKHR swapchain = VK_NULL_HANDLE;
  VkFormat format = VK_FORMAT_UNDEFINED;
  VkColorSpaceKHR colorSpace = VK_COLOR_SPACE_SRGB_NONLINEAR_KHR;
  VkExtent2D extent{0, 0};
  bool vsync = true;
  VkPresentModeKHR presentMode = VK_PRESENT_MODE_FIFO_KHR;
  std::vector<VkImage> images;
  std::vector<VkImageView> views;
  std::vector<VkSemaphore> renderFinished;  // per image
  std::vector<VkSemaphore> imageAvailable;  // ring
  uint32_t ring = 0;
  uint64_t generation = 0;  // bumped on every recreation (overlay framebuffers follow it)
  bool transferSrc = false;  // images can be copied (screenshots)
};

struct AcquiredImage {
  bool ok = false;  // false: skip this frame (minimised or swapchain recreated)
  uint32_t index = 0;
  VkSemaphore available = VK_NULL_HANDLE;
  VkSemaphore finished = VK_NULL_HANDLE;
};

Result<void> createPresenter(const render::Context& ctx, Window& window, Presenter& presenter, bool vsync);
void destroyPresenter(const render::Context& ctx, Presenter& presenter);
// Recreates the swapchain for the window's current size (waits for the device to go idle).
void recreateSwapchain(const render::Context& ctx, Window& window, Presenter& presenter);
AcquiredImage acquireImage(const render::Context& ctx, Window& window, Presenter& presenter);
// Presents; recreates the swapchain when it is out of date or suboptimal.
void presentImage(const render::Context& ctx, Window& window, Presenter& presenter, const AcquiredImage& image);

}  // namespace cx::viewer
