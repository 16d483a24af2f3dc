#pragma once
// The Vulkan instance, the chosen physical device, the logical device and its one graphics queue.
// Created from a ContextDesc with documented defaults. The XR path hands in its own creation hooks
// (xrCreateVulkanInstanceKHR / xrCreateVulkanDeviceKHR) so this module never includes OpenXR.
#include <vulkan/vulkan.h>

#include <array>
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "cx/core/result.h"

namespace cx::render {

// Collects validation-layer messages. Tests fail when count() is non-zero.
struct ValidationLog {
  std::atomic<uint32_t> messages{0};
  std::mutex mutex;
  std::vector<std::string> recent;  // the first few messages, for test output
  uint32_t count() const { return messages.load(); }
};

struct ContextDesc {
  std::string appName = "CloudExpo";
  // Enable VK_LAYER_KHRONOS_validation and route its messages to the log and ValidationLog.
  // Tests always set it. When requested but the layer is missing, createContext fails.
  bool validation = false;
  // Prefer a discrete GPU, then integrated, then virtual, then CPU (lavapipe).
  bool preferDiscrete = true;
  std::vector<std::string> instanceExtensions;  // e.g. what glfwGetRequiredInstanceExtensions returns
  std::vector<std::string> deviceExtensions;    // e.g. VK_KHR_swapchain
  // Optional hooks for the XR path. When set they replace vkCreateInstance / the device pick /
  // vkCreateDevice; they receive the fully prepared create-infos.
  std::function<VkResult(const VkInstanceCreateInfo&, VkInstance*)> createInstance;
  std::function<VkPhysicalDevice(VkInstance)> pickPhysicalDevice;
  std::function<VkResult(VkPhysicalDevice, const VkDeviceCreateInfo&, VkDevice*)> createDevice;
  // Optional: the device must be able to present to this surface kind; checked per queue family.
  std::function<bool(VkPhysicalDevice, uint32_t queueFamily)> queueFamilyFilter;
};

struct DeviceCaps {
  bool samplerAnisotropy = false;
  float maxAnisotropy = 1.0f;
  bool multiDrawIndirect = false;
  bool drawIndirectFirstInstance = false;  // with multiDrawIndirect: one call draws a mesh's near and far LOD
  bool isCpu = false;  // lavapipe / SwiftShader: pick cheap defaults (no MSAA, FXAA instead)
  float timestampPeriodNs = 0.0f;
  bool timestamps = false;
  VkDeviceSize nonCoherentAtomSize = 1;
  uint32_t maxMultiviewViewCount = 1;
};

struct Context {
  VkInstance instance = VK_NULL_HANDLE;
  VkDebugUtilsMessengerEXT messenger = VK_NULL_HANDLE;
  VkPhysicalDevice physicalDevice = VK_NULL_HANDLE;
  VkDevice device = VK_NULL_HANDLE;
  VkQueue queue = VK_NULL_HANDLE;
  uint32_t queueFamily = 0;
  VkPhysicalDeviceProperties properties{};
  std::array<uint8_t, VK_UUID_SIZE> deviceUuid{};  // VkPhysicalDeviceIDProperties::deviceUUID
  VkPhysicalDeviceMemoryProperties memory{};
  DeviceCaps caps;
  std::shared_ptr<ValidationLog> validation;  // null when validation is off
};

// Creates instance, device and queue. Failure (no Vulkan, no suitable device, layer missing) is an
// expected condition and comes back as an Error with a one-line reason.
Result<std::unique_ptr<Context>> createContext(const ContextDesc& desc);
void destroyContext(Context& context);

}  // namespace cx::render
