// XR_KHR_vulkan_enable2: the runtime creates the app's VkInstance and VkDevice (adding what the
// mirror window needs) and picks the physical device. Also the runtime's Vulkan helpers.
#include <cstdio>
#include <cstring>

#include "entry_points.h"

namespace cx::xrsim {
namespace {

void addUnique(std::vector<const char*>& list, const char* name) {
  for (const char* n : list)
    if (std::strcmp(n, name) == 0) return;
  list.push_back(name);
}

}  // namespace

bool checkVk(VkResult result, const char* call, const char* file, int line) {
  if (result == VK_SUCCESS) return true;
  std::fprintf(stderr, "xrsim: %s:%d: %s failed with VkResult %d\n", file, line, call,
               static_cast<int>(result));
  return false;
}

std::optional<uint32_t> findMemoryType(VkPhysicalDevice physicalDevice, uint32_t typeBits,
                                       VkMemoryPropertyFlags required, VkMemoryPropertyFlags preferred) {
  VkPhysicalDeviceMemoryProperties props;
  vkGetPhysicalDeviceMemoryProperties(physicalDevice, &props);
  std::optional<uint32_t> fallback;
  for (uint32_t i = 0; i < props.memoryTypeCount; ++i) {
    if (!(typeBits & (1u << i))) continue;
    VkMemoryPropertyFlags flags = props.memoryTypes[i].propertyFlags;
    if ((flags & required) != required) continue;
    if ((flags & preferred) == preferred) return i;
    if (!fallback) fallback = i;
  }
  return fallback;
}

XrResult submitAndWaitImpl(Session& session, void (*record)(VkCommandBuffer, void*), void* user) {
  VkCommandBufferAllocateInfo alloc{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
  alloc.commandPool = session.commandPool;
  alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  alloc.commandBufferCount = 1;
  VkCommandBuffer cmd = VK_NULL_HANDLE;
  XRSIM_VK(vkAllocateCommandBuffers(session.device, &alloc, &cmd));
  VkFence fence = VK_NULL_HANDLE;
  VkFenceCreateInfo fenceInfo{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
  VkResult r = vkCreateFence(session.device, &fenceInfo, nullptr, &fence);
  if (r == VK_SUCCESS) {
    VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    r = vkBeginCommandBuffer(cmd, &begin);
    if (r == VK_SUCCESS) {
      record(cmd, user);
      r = vkEndCommandBuffer(cmd);
    }
    if (r == VK_SUCCESS) {
      VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
      submit.commandBufferCount = 1;
      submit.pCommandBuffers = &cmd;
      r = vkQueueSubmit(session.queue, 1, &submit, fence);
    }
    if (r == VK_SUCCESS) r = vkWaitForFences(session.device, 1, &fence, VK_TRUE, UINT64_MAX);
    vkDestroyFence(session.device, fence, nullptr);
  }
  vkFreeCommandBuffers(session.device, session.commandPool, 1, &cmd);
  XRSIM_VK(r);
  return XR_SUCCESS;
}

XRSIM_ENTRY xrGetVulkanGraphicsRequirements2KHR(XrInstance instance, XrSystemId systemId,
                                                XrGraphicsRequirementsVulkanKHR* requirements) {
  Instance* inst = toInstance(instance);
  if (!inst) return XR_ERROR_HANDLE_INVALID;
  if (systemId != kSystemId) return XR_ERROR_SYSTEM_INVALID;
  if (!requirements || requirements->type != XR_TYPE_GRAPHICS_REQUIREMENTS_VULKAN2_KHR)
    return XR_ERROR_VALIDATION_FAILURE;
  std::lock_guard lock(inst->mutex);
  requirements->minApiVersionSupported = XR_MAKE_VERSION(1, 0, 0);
  requirements->maxApiVersionSupported = XR_MAKE_VERSION(1, 3, 0);
  inst->graphicsRequirementsQueried = true;
  return XR_SUCCESS;
}

XRSIM_ENTRY xrCreateVulkanInstanceKHR(XrInstance instance, const XrVulkanInstanceCreateInfoKHR* info,
                                      VkInstance* vulkanInstance, VkResult* vulkanResult) {
  Instance* inst = toInstance(instance);
  if (!inst) return XR_ERROR_HANDLE_INVALID;
  if (!info || !vulkanInstance || !vulkanResult || info->type != XR_TYPE_VULKAN_INSTANCE_CREATE_INFO_KHR ||
      !info->pfnGetInstanceProcAddr || !info->vulkanCreateInfo || info->createFlags != 0)
    return XR_ERROR_VALIDATION_FAILURE;
  std::lock_guard lock(inst->mutex);
  if (info->systemId != kSystemId) return XRSIM_FAIL(*inst, XR_ERROR_SYSTEM_INVALID);
  if (!inst->graphicsRequirementsQueried)
    return XRSIM_FAIL(*inst, XR_ERROR_GRAPHICS_REQUIREMENTS_CALL_MISSING);
  auto create =
      reinterpret_cast<PFN_vkCreateInstance>(info->pfnGetInstanceProcAddr(nullptr, "vkCreateInstance"));
  if (!create) return XRSIM_FAIL(*inst, XR_ERROR_RUNTIME_FAILURE, "no vkCreateInstance");
  VkInstanceCreateInfo ci = *info->vulkanCreateInfo;
  std::vector<const char*> extensions(ci.ppEnabledExtensionNames,
                                      ci.ppEnabledExtensionNames + ci.enabledExtensionCount);
  if (inst->config.window) {
    for (const char* ext : mirrorInstanceExtensions()) addUnique(extensions, ext);
  }
  ci.enabledExtensionCount = static_cast<uint32_t>(extensions.size());
  ci.ppEnabledExtensionNames = extensions.data();
  *vulkanResult = create(&ci, info->vulkanAllocator, vulkanInstance);
  if (*vulkanResult != VK_SUCCESS)
    return XRSIM_FAIL(*inst, XR_ERROR_RUNTIME_FAILURE, "vkCreateInstance failed");
  inst->appGetInstanceProcAddr = info->pfnGetInstanceProcAddr;
  return XR_SUCCESS;
}

XRSIM_ENTRY xrGetVulkanGraphicsDevice2KHR(XrInstance instance, const XrVulkanGraphicsDeviceGetInfoKHR* info,
                                          VkPhysicalDevice* physicalDevice) {
  Instance* inst = toInstance(instance);
  if (!inst) return XR_ERROR_HANDLE_INVALID;
  if (!info || !physicalDevice || info->type != XR_TYPE_VULKAN_GRAPHICS_DEVICE_GET_INFO_KHR ||
      !info->vulkanInstance)
    return XR_ERROR_VALIDATION_FAILURE;
  std::lock_guard lock(inst->mutex);
  if (info->systemId != kSystemId) return XRSIM_FAIL(*inst, XR_ERROR_SYSTEM_INVALID);
  uint32_t count = 0;
  XRSIM_VK(vkEnumeratePhysicalDevices(info->vulkanInstance, &count, nullptr));
  std::vector<VkPhysicalDevice> devices(count);
  XRSIM_VK(vkEnumeratePhysicalDevices(info->vulkanInstance, &count, devices.data()));
  if (devices.empty()) return XRSIM_FAIL(*inst, XR_ERROR_RUNTIME_FAILURE, "no Vulkan device");
  *physicalDevice = devices[0];
  for (VkPhysicalDevice d : devices) {
    VkPhysicalDeviceProperties props;
    vkGetPhysicalDeviceProperties(d, &props);
    if (props.deviceType == VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU) {
      *physicalDevice = d;
      break;
    }
  }
  return XR_SUCCESS;
}

XRSIM_ENTRY xrCreateVulkanDeviceKHR(XrInstance instance, const XrVulkanDeviceCreateInfoKHR* info,
                                    VkDevice* device, VkResult* vulkanResult) {
  Instance* inst = toInstance(instance);
  if (!inst) return XR_ERROR_HANDLE_INVALID;
  if (!info || !device || !vulkanResult || info->type != XR_TYPE_VULKAN_DEVICE_CREATE_INFO_KHR ||
      !info->pfnGetInstanceProcAddr || !info->vulkanCreateInfo || !info->vulkanPhysicalDevice ||
      info->createFlags != 0)
    return XR_ERROR_VALIDATION_FAILURE;
  std::lock_guard lock(inst->mutex);
  if (info->systemId != kSystemId) return XRSIM_FAIL(*inst, XR_ERROR_SYSTEM_INVALID);
  if (!inst->graphicsRequirementsQueried)
    return XRSIM_FAIL(*inst, XR_ERROR_GRAPHICS_REQUIREMENTS_CALL_MISSING);
  VkDeviceCreateInfo ci = *info->vulkanCreateInfo;
  std::vector<const char*> extensions(ci.ppEnabledExtensionNames,
                                      ci.ppEnabledExtensionNames + ci.enabledExtensionCount);
  if (inst->config.window) addUnique(extensions, VK_KHR_SWAPCHAIN_EXTENSION_NAME);
  ci.enabledExtensionCount = static_cast<uint32_t>(extensions.size());
  ci.ppEnabledExtensionNames = extensions.data();
  // The Vulkan loader trampoline dispatches on the physical device (the app's instance and layers).
  *vulkanResult = vkCreateDevice(info->vulkanPhysicalDevice, &ci, info->vulkanAllocator, device);
  if (*vulkanResult != VK_SUCCESS)
    return XRSIM_FAIL(*inst, XR_ERROR_RUNTIME_FAILURE, "vkCreateDevice failed");
  return XR_SUCCESS;
}

}  // namespace cx::xrsim
