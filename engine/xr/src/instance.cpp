#include "cx/xr/instance.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstring>

#include "cx/xr/check.h"

namespace cx::xr {
namespace {

template <typename Fn>
Fn getProc(XrInstance instance, const char* name) {
  PFN_xrVoidFunction fn = nullptr;
  CX_XR_CHECK(xrGetInstanceProcAddr(instance, name, &fn));
  return reinterpret_cast<Fn>(fn);
}

std::string versionString(XrVersion v) {
  return fmt::format("{}.{}.{}", XR_VERSION_MAJOR(v), XR_VERSION_MINOR(v), XR_VERSION_PATCH(v));
}

}  // namespace

std::vector<std::string> availableExtensions() {
  uint32_t count = 0;
  if (XR_FAILED(xrEnumerateInstanceExtensionProperties(nullptr, 0, &count, nullptr))) return {};
  std::vector<XrExtensionProperties> props(count, {XR_TYPE_EXTENSION_PROPERTIES});
  if (XR_FAILED(xrEnumerateInstanceExtensionProperties(nullptr, count, &count, props.data()))) return {};
  std::vector<std::string> names;
  for (uint32_t i = 0; i < count; ++i) names.emplace_back(props[i].extensionName);
  return names;
}

Result<XrRuntime> createRuntime(const InstanceDesc& desc) {
  uint32_t count = 0;
  XrResult r = xrEnumerateInstanceExtensionProperties(nullptr, 0, &count, nullptr);
  if (XR_FAILED(r)) {
    return makeError(fmt::format("OpenXR: no runtime available ({}); is an OpenXR runtime installed and active "
                                 "(XR_RUNTIME_JSON or the active_runtime.json)?",
                                 xrResultName(r)));
  }
  const auto exts = availableExtensions();
  auto has = [&](const char* name) { return std::find(exts.begin(), exts.end(), name) != exts.end(); };
  if (!has(XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME)) {
    return makeError("OpenXR: the runtime does not offer XR_KHR_vulkan_enable2 (Vulkan rendering)");
  }
  XrRuntime rt;
  std::vector<const char*> enabled{XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME};
  if (desc.wantDepthLayer && has(XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME)) {
    enabled.push_back(XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME);
    rt.depthLayer = true;
  }
  XrInstanceCreateInfo ci{XR_TYPE_INSTANCE_CREATE_INFO};
  std::snprintf(ci.applicationInfo.applicationName, XR_MAX_APPLICATION_NAME_SIZE, "%s", desc.appName.c_str());
  ci.applicationInfo.applicationVersion = 1;
  std::snprintf(ci.applicationInfo.engineName, XR_MAX_ENGINE_NAME_SIZE, "%s", "CloudExpo");
  ci.applicationInfo.engineVersion = 1;
  ci.applicationInfo.apiVersion = XR_MAKE_VERSION(1, 0, 0);
  ci.enabledExtensionCount = uint32_t(enabled.size());
  ci.enabledExtensionNames = enabled.data();
  r = xrCreateInstance(&ci, &rt.instance);
  if (XR_FAILED(r)) return makeError(fmt::format("OpenXR: xrCreateInstance failed with {}", xrResultName(r)));

  XrInstanceProperties ip{XR_TYPE_INSTANCE_PROPERTIES};
  CX_XR_CHECK(xrGetInstanceProperties(rt.instance, &ip));
  rt.runtimeName = fmt::format("{} {}", ip.runtimeName, versionString(ip.runtimeVersion));

  XrSystemGetInfo sgi{XR_TYPE_SYSTEM_GET_INFO};
  sgi.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
  r = xrGetSystem(rt.instance, &sgi, &rt.systemId);
  if (XR_FAILED(r)) {
    std::string runtimeName = rt.runtimeName;
    destroyRuntime(rt);
    return makeError(fmt::format("OpenXR: no headset found by {} ({})", runtimeName, xrResultName(r)));
  }
  XrSystemProperties sp{XR_TYPE_SYSTEM_PROPERTIES};
  CX_XR_CHECK(xrGetSystemProperties(rt.instance, rt.systemId, &sp));
  rt.systemName = sp.systemName;

  uint32_t viewCount = 0;
  CX_XR_CHECK(xrEnumerateViewConfigurationViews(rt.instance, rt.systemId, rt.viewConfig, 0, &viewCount, nullptr));
  rt.views.assign(viewCount, {XR_TYPE_VIEW_CONFIGURATION_VIEW});
  CX_XR_CHECK(xrEnumerateViewConfigurationViews(rt.instance, rt.systemId, rt.viewConfig, viewCount, &viewCount,
                                                rt.views.data()));
  if (viewCount != 2) {
    destroyRuntime(rt);
    return makeError(fmt::format("OpenXR: the stereo view configuration has {} views, expected 2", viewCount));
  }
  uint32_t blendCount = 0;
  CX_XR_CHECK(xrEnumerateEnvironmentBlendModes(rt.instance, rt.systemId, rt.viewConfig, 0, &blendCount, nullptr));
  std::vector<XrEnvironmentBlendMode> blends(blendCount);
  CX_XR_CHECK(xrEnumerateEnvironmentBlendModes(rt.instance, rt.systemId, rt.viewConfig, blendCount, &blendCount,
                                               blends.data()));
  if (!blends.empty()) rt.blendMode = blends[0];  // the runtime's preferred mode comes first

  rt.getGraphicsRequirements =
      getProc<PFN_xrGetVulkanGraphicsRequirements2KHR>(rt.instance, "xrGetVulkanGraphicsRequirements2KHR");
  rt.createVulkanInstance = getProc<PFN_xrCreateVulkanInstanceKHR>(rt.instance, "xrCreateVulkanInstanceKHR");
  rt.getVulkanGraphicsDevice =
      getProc<PFN_xrGetVulkanGraphicsDevice2KHR>(rt.instance, "xrGetVulkanGraphicsDevice2KHR");
  rt.createVulkanDevice = getProc<PFN_xrCreateVulkanDeviceKHR>(rt.instance, "xrCreateVulkanDeviceKHR");
  // Required before the Vulkan device and the session are created.
  XrGraphicsRequirementsVulkan2KHR req{XR_TYPE_GRAPHICS_REQUIREMENTS_VULKAN2_KHR};
  CX_XR_CHECK(rt.getGraphicsRequirements(rt.instance, rt.systemId, &req));
  rt.vulkanMinApi = req.minApiVersionSupported;
  rt.vulkanMaxApi = req.maxApiVersionSupported;
  spdlog::info("OpenXR: {} on {}, {}x{} per eye, depth layer {}, Vulkan {}..{}", rt.runtimeName, rt.systemName,
               rt.views[0].recommendedImageRectWidth, rt.views[0].recommendedImageRectHeight,
               rt.depthLayer ? "on" : "off", versionString(rt.vulkanMinApi), versionString(rt.vulkanMaxApi));
  if (XR_VERSION_MAJOR(rt.vulkanMinApi) > 1 || (XR_VERSION_MAJOR(rt.vulkanMinApi) == 1 &&
                                                XR_VERSION_MINOR(rt.vulkanMinApi) > 3)) {
    std::string why = fmt::format("OpenXR: the runtime needs Vulkan {} or newer; CloudExpo uses Vulkan 1.3",
                                  versionString(rt.vulkanMinApi));
    destroyRuntime(rt);
    return makeError(why);
  }
  return rt;
}

void destroyRuntime(XrRuntime& rt) {
  if (rt.instance != XR_NULL_HANDLE) xrDestroyInstance(rt.instance);
  rt.instance = XR_NULL_HANDLE;
  rt.systemId = XR_NULL_SYSTEM_ID;
}

void addVulkanHooks(const XrRuntime& rt, render::ContextDesc& desc) {
  const XrRuntime* runtime = &rt;  // outlives the context creation
  desc.createInstance = [runtime](const VkInstanceCreateInfo& info, VkInstance* out) -> VkResult {
    XrVulkanInstanceCreateInfoKHR ci{XR_TYPE_VULKAN_INSTANCE_CREATE_INFO_KHR};
    ci.systemId = runtime->systemId;
    ci.pfnGetInstanceProcAddr = &vkGetInstanceProcAddr;
    ci.vulkanCreateInfo = &info;
    VkResult vr = VK_SUCCESS;
    XrResult r = runtime->createVulkanInstance(runtime->instance, &ci, out, &vr);
    if (XR_FAILED(r)) {
      spdlog::error("OpenXR: xrCreateVulkanInstanceKHR failed with {}", xrResultName(r));
      return VK_ERROR_INITIALIZATION_FAILED;
    }
    return vr;
  };
  desc.pickPhysicalDevice = [runtime](VkInstance instance) -> VkPhysicalDevice {
    XrVulkanGraphicsDeviceGetInfoKHR gi{XR_TYPE_VULKAN_GRAPHICS_DEVICE_GET_INFO_KHR};
    gi.systemId = runtime->systemId;
    gi.vulkanInstance = instance;
    VkPhysicalDevice gpu = VK_NULL_HANDLE;
    XrResult r = runtime->getVulkanGraphicsDevice(runtime->instance, &gi, &gpu);
    if (XR_FAILED(r)) spdlog::error("OpenXR: xrGetVulkanGraphicsDevice2KHR failed with {}", xrResultName(r));
    return gpu;
  };
  desc.createDevice = [runtime](VkPhysicalDevice gpu, const VkDeviceCreateInfo& info, VkDevice* out) -> VkResult {
    XrVulkanDeviceCreateInfoKHR ci{XR_TYPE_VULKAN_DEVICE_CREATE_INFO_KHR};
    ci.systemId = runtime->systemId;
    ci.pfnGetInstanceProcAddr = &vkGetInstanceProcAddr;
    ci.vulkanPhysicalDevice = gpu;
    ci.vulkanCreateInfo = &info;
    VkResult vr = VK_SUCCESS;
    XrResult r = runtime->createVulkanDevice(runtime->instance, &ci, out, &vr);
    if (XR_FAILED(r)) {
      spdlog::error("OpenXR: xrCreateVulkanDeviceKHR failed with {}", xrResultName(r));
      return VK_ERROR_INITIALIZATION_FAILED;
    }
    return vr;
  };
}

}  // namespace cx::xr
