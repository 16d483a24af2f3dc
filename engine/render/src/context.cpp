#include "cx/render/context.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstring>

#include "cx/render/vk_check.h"

namespace cx::render {
namespace {

constexpr const char* kValidationLayer = "VK_LAYER_KHRONOS_validation";

VKAPI_ATTR VkBool32 VKAPI_CALL debugCallback(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                             VkDebugUtilsMessageTypeFlagsEXT /*types*/,
                                             const VkDebugUtilsMessengerCallbackDataEXT* data, void* user) {
  auto* log = static_cast<ValidationLog*>(user);
  const char* message = data && data->pMessage ? data->pMessage : "(no message)";
  if (severity & (VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT)) {
    log->messages.fetch_add(1);
    std::lock_guard lock(log->mutex);
    if (log->recent.size() < 16) log->recent.emplace_back(message);
    spdlog::error("vulkan validation: {}", message);
  } else {
    spdlog::debug("vulkan: {}", message);
  }
  return VK_FALSE;
}

bool hasLayer(const char* name) {
  uint32_t count = 0;
  CX_VK_CHECK(vkEnumerateInstanceLayerProperties(&count, nullptr));
  std::vector<VkLayerProperties> layers(count);
  CX_VK_CHECK_ALLOW(vkEnumerateInstanceLayerProperties(&count, layers.data()), VK_INCOMPLETE);
  return std::any_of(layers.begin(), layers.end(), [&](auto& l) { return std::strcmp(l.layerName, name) == 0; });
}

int deviceTypeRank(VkPhysicalDeviceType type, bool preferDiscrete) {
  switch (type) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU:
      return preferDiscrete ? 0 : 1;
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU:
      return preferDiscrete ? 1 : 0;
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU:
      return 2;
    case VK_PHYSICAL_DEVICE_TYPE_CPU:
      return 3;
    default:
      return 4;
  }
}

std::optional<uint32_t> findGraphicsQueue(VkPhysicalDevice gpu, const ContextDesc& desc) {
  uint32_t count = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(gpu, &count, nullptr);
  std::vector<VkQueueFamilyProperties> families(count);
  vkGetPhysicalDeviceQueueFamilyProperties(gpu, &count, families.data());
  for (uint32_t i = 0; i < count; ++i) {
    if (!(families[i].queueFlags & VK_QUEUE_GRAPHICS_BIT)) continue;
    if (desc.queueFamilyFilter && !desc.queueFamilyFilter(gpu, i)) continue;
    return i;
  }
  return std::nullopt;
}

bool hasDeviceExtensions(VkPhysicalDevice gpu, const std::vector<std::string>& wanted) {
  uint32_t count = 0;
  CX_VK_CHECK(vkEnumerateDeviceExtensionProperties(gpu, nullptr, &count, nullptr));
  std::vector<VkExtensionProperties> exts(count);
  CX_VK_CHECK_ALLOW(vkEnumerateDeviceExtensionProperties(gpu, nullptr, &count, exts.data()), VK_INCOMPLETE);
  for (auto& w : wanted) {
    if (std::none_of(exts.begin(), exts.end(), [&](auto& e) { return w == e.extensionName; })) return false;
  }
  return true;
}

// Vulkan 1.3 with dynamic rendering, synchronization2 and multiview is the baseline.
std::string unsuitableReason(VkPhysicalDevice gpu, const ContextDesc& desc) {
  VkPhysicalDeviceProperties props;
  vkGetPhysicalDeviceProperties(gpu, &props);
  if (props.apiVersion < VK_API_VERSION_1_3) return "Vulkan 1.3 not supported";
  VkPhysicalDeviceVulkan13Features f13{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES};
  VkPhysicalDeviceVulkan11Features f11{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES, &f13};
  VkPhysicalDeviceFeatures2 f2{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2, &f11};
  vkGetPhysicalDeviceFeatures2(gpu, &f2);
  if (!f13.dynamicRendering || !f13.synchronization2) return "no dynamic rendering / synchronization2";
  if (!f11.multiview) return "no multiview";
  if (!findGraphicsQueue(gpu, desc)) return "no suitable graphics queue";
  if (!hasDeviceExtensions(gpu, desc.deviceExtensions)) return "missing a required device extension";
  return {};
}

}  // namespace

Result<std::unique_ptr<Context>> createContext(const ContextDesc& desc) {
  auto ctx = std::make_unique<Context>();
  uint32_t loaderVersion = 0;
  if (vkEnumerateInstanceVersion(&loaderVersion) != VK_SUCCESS || loaderVersion < VK_API_VERSION_1_3)
    return makeError("Vulkan: the loader does not support Vulkan 1.3");

  std::vector<const char*> layers;
  std::vector<const char*> extensions;
  for (auto& e : desc.instanceExtensions) extensions.push_back(e.c_str());
  if (desc.validation) {
    if (!hasLayer(kValidationLayer))
      return makeError("Vulkan: validation requested but VK_LAYER_KHRONOS_validation is not installed "
                       "(apt install vulkan-validationlayers)");
    layers.push_back(kValidationLayer);
    extensions.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
    ctx->validation = std::make_shared<ValidationLog>();
  }

  VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
  app.pApplicationName = desc.appName.c_str();
  app.pEngineName = "CloudExpo";
  app.apiVersion = VK_API_VERSION_1_3;

  VkDebugUtilsMessengerCreateInfoEXT messengerInfo{VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT};
  messengerInfo.messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT |
                                  VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT |
                                  VK_DEBUG_UTILS_MESSAGE_SEVERITY_INFO_BIT_EXT;
  messengerInfo.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT |
                              VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                              VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
  messengerInfo.pfnUserCallback = debugCallback;
  messengerInfo.pUserData = ctx->validation.get();

  VkInstanceCreateInfo instanceInfo{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
  instanceInfo.pNext = desc.validation ? &messengerInfo : nullptr;  // also covers create/destroy
  instanceInfo.pApplicationInfo = &app;
  instanceInfo.enabledLayerCount = uint32_t(layers.size());
  instanceInfo.ppEnabledLayerNames = layers.data();
  instanceInfo.enabledExtensionCount = uint32_t(extensions.size());
  instanceInfo.ppEnabledExtensionNames = extensions.data();
  VkResult r = desc.createInstance ? desc.createInstance(instanceInfo, &ctx->instance)
                                   : vkCreateInstance(&instanceInfo, nullptr, &ctx->instance);
  if (r != VK_SUCCESS) return makeError(fmt::format("Vulkan: vkCreateInstance failed with {}", vkResultName(r)));

  if (desc.validation) {
    auto create = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(ctx->instance, "vkCreateDebugUtilsMessengerEXT"));
    if (create) CX_VK_CHECK(create(ctx->instance, &messengerInfo, nullptr, &ctx->messenger));
  }

  // Pick the device: the hook decides for XR (the runtime names its GPU); otherwise rank by type.
  std::string reasons;
  if (desc.pickPhysicalDevice) {
    ctx->physicalDevice = desc.pickPhysicalDevice(ctx->instance);
    if (ctx->physicalDevice) {
      std::string why = unsuitableReason(ctx->physicalDevice, desc);
      if (!why.empty()) {
        destroyContext(*ctx);
        return makeError("Vulkan: the device chosen by the XR runtime is unsuitable: " + why);
      }
    }
  } else {
    uint32_t count = 0;
    CX_VK_CHECK(vkEnumeratePhysicalDevices(ctx->instance, &count, nullptr));
    std::vector<VkPhysicalDevice> gpus(count);
    CX_VK_CHECK_ALLOW(vkEnumeratePhysicalDevices(ctx->instance, &count, gpus.data()), VK_INCOMPLETE);
    int bestRank = 1 << 30;
    for (VkPhysicalDevice gpu : gpus) {
      VkPhysicalDeviceProperties props;
      vkGetPhysicalDeviceProperties(gpu, &props);
      std::string why = unsuitableReason(gpu, desc);
      if (!why.empty()) {
        reasons += fmt::format(" {}: {};", props.deviceName, why);
        continue;
      }
      int rank = deviceTypeRank(props.deviceType, desc.preferDiscrete);
      if (rank < bestRank) {
        bestRank = rank;
        ctx->physicalDevice = gpu;
      }
    }
  }
  if (!ctx->physicalDevice) {
    destroyContext(*ctx);
    return makeError("Vulkan: no suitable device found." + reasons);
  }
  vkGetPhysicalDeviceProperties(ctx->physicalDevice, &ctx->properties);
  vkGetPhysicalDeviceMemoryProperties(ctx->physicalDevice, &ctx->memory);
  ctx->queueFamily = *findGraphicsQueue(ctx->physicalDevice, desc);

  VkPhysicalDeviceFeatures supported{};
  vkGetPhysicalDeviceFeatures(ctx->physicalDevice, &supported);
  auto& caps = ctx->caps;
  caps.samplerAnisotropy = supported.samplerAnisotropy;
  caps.maxAnisotropy = supported.samplerAnisotropy ? ctx->properties.limits.maxSamplerAnisotropy : 1.0f;
  caps.multiDrawIndirect = supported.multiDrawIndirect;
  caps.drawIndirectFirstInstance = supported.drawIndirectFirstInstance;
  caps.isCpu = ctx->properties.deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU;
  caps.timestampPeriodNs = ctx->properties.limits.timestampPeriod;
  caps.nonCoherentAtomSize = ctx->properties.limits.nonCoherentAtomSize;
  {
    uint32_t count = 0;
    vkGetPhysicalDeviceQueueFamilyProperties(ctx->physicalDevice, &count, nullptr);
    std::vector<VkQueueFamilyProperties> families(count);
    vkGetPhysicalDeviceQueueFamilyProperties(ctx->physicalDevice, &count, families.data());
    caps.timestamps = families[ctx->queueFamily].timestampValidBits > 0 && caps.timestampPeriodNs > 0.0f;
  }
  VkPhysicalDeviceIDProperties idProps{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_ID_PROPERTIES};
  VkPhysicalDeviceMultiviewProperties multiviewProps{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MULTIVIEW_PROPERTIES, &idProps};
  VkPhysicalDeviceProperties2 props2{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2, &multiviewProps};
  vkGetPhysicalDeviceProperties2(ctx->physicalDevice, &props2);
  caps.maxMultiviewViewCount = multiviewProps.maxMultiviewViewCount;
  std::copy(std::begin(idProps.deviceUUID), std::end(idProps.deviceUUID), ctx->deviceUuid.begin());

  float priority = 1.0f;
  VkDeviceQueueCreateInfo queueInfo{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
  queueInfo.queueFamilyIndex = ctx->queueFamily;
  queueInfo.queueCount = 1;
  queueInfo.pQueuePriorities = &priority;

  VkPhysicalDeviceVulkan13Features f13{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES};
  f13.dynamicRendering = VK_TRUE;
  f13.synchronization2 = VK_TRUE;
  VkPhysicalDeviceVulkan11Features f11{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES, &f13};
  f11.multiview = VK_TRUE;
  VkPhysicalDeviceFeatures2 features{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2, &f11};
  features.features.samplerAnisotropy = caps.samplerAnisotropy;
  features.features.multiDrawIndirect = caps.multiDrawIndirect;
  features.features.drawIndirectFirstInstance = caps.drawIndirectFirstInstance;

  std::vector<const char*> deviceExtensions;
  for (auto& e : desc.deviceExtensions) deviceExtensions.push_back(e.c_str());
  VkDeviceCreateInfo deviceInfo{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO, &features};
  deviceInfo.queueCreateInfoCount = 1;
  deviceInfo.pQueueCreateInfos = &queueInfo;
  deviceInfo.enabledExtensionCount = uint32_t(deviceExtensions.size());
  deviceInfo.ppEnabledExtensionNames = deviceExtensions.data();
  r = desc.createDevice ? desc.createDevice(ctx->physicalDevice, deviceInfo, &ctx->device)
                        : vkCreateDevice(ctx->physicalDevice, &deviceInfo, nullptr, &ctx->device);
  if (r != VK_SUCCESS) {
    destroyContext(*ctx);
    return makeError(fmt::format("Vulkan: vkCreateDevice failed with {}", vkResultName(r)));
  }
  vkGetDeviceQueue(ctx->device, ctx->queueFamily, 0, &ctx->queue);
  spdlog::info("Vulkan device: {} ({}), validation {}", ctx->properties.deviceName,
               caps.isCpu ? "CPU" : "GPU", desc.validation ? "on" : "off");
  return ctx;
}

void destroyContext(Context& ctx) {
  if (ctx.device) {
    vkDeviceWaitIdle(ctx.device);
    vkDestroyDevice(ctx.device, nullptr);
    ctx.device = VK_NULL_HANDLE;
  }
  if (ctx.messenger) {
    auto destroy = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(ctx.instance, "vkDestroyDebugUtilsMessengerEXT"));
    if (destroy) destroy(ctx.instance, ctx.messenger, nullptr);
    ctx.messenger = VK_NULL_HANDLE;
  }
  if (ctx.instance) {
    vkDestroyInstance(ctx.instance, nullptr);
    ctx.instance = VK_NULL_HANDLE;
  }
}

}  // namespace cx::render
