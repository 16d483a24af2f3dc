#pragma once
// The optional mirror window (CX_XRSIM_WINDOW=1): GLFW + a Vulkan swapchain on the app's device
// and queue. It shows the submitted projection views side by side after each xrEndFrame, and the
// mouse and keyboard drive the head and the right hand (README.md).
#include "mirror_input.h"
#include "runtime.h"

struct GLFWwindow;

namespace cx::xrsim {

struct Mirror {
  GLFWwindow* window = nullptr;
  VkSurfaceKHR surface = VK_NULL_HANDLE;
  VkSwapchainKHR swapchain = VK_NULL_HANDLE;
  VkFormat format = VK_FORMAT_UNDEFINED;
  VkExtent2D extent{};
  std::vector<VkImage> images;
  std::vector<VkSemaphore> rendered;  // one per swapchain image
  VkSemaphore acquired = VK_NULL_HANDLE;
  VkFence fence = VK_NULL_HANDLE;
  VkCommandBuffer cmd = VK_NULL_HANDLE;
  bool needsRecreate = false;
  // Input state: edges are applied, so script values stay until a key or button changes.
  MirrorInputState input;
};

}  // namespace cx::xrsim
