#pragma once
// The OpenXR instance and the head-mounted system, and the Vulkan hooks that let the runtime create
// the VkInstance and VkDevice (XR_KHR_vulkan_enable2). Every extension is checked with
// xrEnumerateInstanceExtensionProperties before it is enabled.
#include <vulkan/vulkan.h>
// clang-format off
#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>
// clang-format on

#include <string>
#include <vector>

#include "cx/core/result.h"
#include "cx/render/context.h"

namespace cx::xr {

struct InstanceDesc {
  std::string appName = "CloudExpo";
  bool wantDepthLayer = true;  // enable XR_KHR_composition_layer_depth when offered
};

struct XrRuntime {
  XrInstance instance = XR_NULL_HANDLE;
  XrSystemId systemId = XR_NULL_SYSTEM_ID;
  std::string runtimeName;
  std::string systemName;
  bool depthLayer = false;  // XR_KHR_composition_layer_depth enabled
  XrViewConfigurationType viewConfig = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
  std::vector<XrViewConfigurationView> views;  // per eye: recommended size, max samples
  XrEnvironmentBlendMode blendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
  XrVersion vulkanMinApi = 0, vulkanMaxApi = 0;  // from xrGetVulkanGraphicsRequirements2KHR
  // XR_KHR_vulkan_enable2 entry points (extension functions come from xrGetInstanceProcAddr).
  PFN_xrGetVulkanGraphicsRequirements2KHR getGraphicsRequirements = nullptr;
  PFN_xrCreateVulkanInstanceKHR createVulkanInstance = nullptr;
  PFN_xrGetVulkanGraphicsDevice2KHR getVulkanGraphicsDevice = nullptr;
  PFN_xrCreateVulkanDeviceKHR createVulkanDevice = nullptr;
};

// Extensions the runtime offers (empty when no runtime can be loaded).
std::vector<std::string> availableExtensions();

// Creates the instance and gets the HMD system. No runtime, no XR_KHR_vulkan_enable2, or no headset
// come back as an Error with a one-line reason; nothing is left to destroy then.
Result<XrRuntime> createRuntime(const InstanceDesc& desc);
void destroyRuntime(XrRuntime& runtime);

// Installs the createInstance / pickPhysicalDevice / createDevice hooks into a ContextDesc so that
// render::createContext builds the VkInstance and VkDevice through the runtime.
void addVulkanHooks(const XrRuntime& runtime, render::ContextDesc& desc);

}  // namespace cx::xr
