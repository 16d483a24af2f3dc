// Loader negotiation and the xrGetInstanceProcAddr dispatch. Debian bookworm's OpenXR 1.0.20
// headers do not ship loader_interfaces.h, so the negotiation structs are declared here exactly as
// the OpenXR loader specification defines them.
#include <cstring>
#include <string_view>
#include <unordered_map>

#include "entry_points.h"

extern "C" {

typedef enum XrLoaderInterfaceStructs {
  XR_LOADER_INTERFACE_STRUCT_UNINTIALIZED = 0,
  XR_LOADER_INTERFACE_STRUCT_LOADER_INFO,
  XR_LOADER_INTERFACE_STRUCT_API_LAYER_REQUEST,
  XR_LOADER_INTERFACE_STRUCT_RUNTIME_REQUEST,
  XR_LOADER_INTERFACE_STRUCT_API_LAYER_CREATE_INFO,
  XR_LOADER_INTERFACE_STRUCT_API_LAYER_NEXT_INFO,
} XrLoaderInterfaceStructs;

#define XR_LOADER_INFO_STRUCT_VERSION 1
typedef struct XrNegotiateLoaderInfo {
  XrLoaderInterfaceStructs structType;
  uint32_t structVersion;
  size_t structSize;
  uint32_t minInterfaceVersion;
  uint32_t maxInterfaceVersion;
  XrVersion minApiVersion;
  XrVersion maxApiVersion;
} XrNegotiateLoaderInfo;

#define XR_CURRENT_LOADER_RUNTIME_VERSION 1
#define XR_RUNTIME_INFO_STRUCT_VERSION 1
typedef struct XrNegotiateRuntimeRequest {
  XrLoaderInterfaceStructs structType;
  uint32_t structVersion;
  size_t structSize;
  uint32_t runtimeInterfaceVersion;
  XrVersion runtimeApiVersion;
  PFN_xrGetInstanceProcAddr getInstanceProcAddr;
} XrNegotiateRuntimeRequest;

__attribute__((visibility("default"))) XrResult XRAPI_CALL xrNegotiateLoaderRuntimeInterface(
    const XrNegotiateLoaderInfo* loaderInfo, XrNegotiateRuntimeRequest* runtimeRequest) {
  if (!loaderInfo || !runtimeRequest || loaderInfo->structType != XR_LOADER_INTERFACE_STRUCT_LOADER_INFO ||
      loaderInfo->structVersion != XR_LOADER_INFO_STRUCT_VERSION ||
      loaderInfo->structSize != sizeof(XrNegotiateLoaderInfo) ||
      runtimeRequest->structType != XR_LOADER_INTERFACE_STRUCT_RUNTIME_REQUEST ||
      runtimeRequest->structVersion != XR_RUNTIME_INFO_STRUCT_VERSION ||
      runtimeRequest->structSize != sizeof(XrNegotiateRuntimeRequest) ||
      loaderInfo->minInterfaceVersion > XR_CURRENT_LOADER_RUNTIME_VERSION ||
      loaderInfo->maxInterfaceVersion < XR_CURRENT_LOADER_RUNTIME_VERSION ||
      XR_VERSION_MAJOR(loaderInfo->maxApiVersion) < 1 || XR_VERSION_MAJOR(loaderInfo->minApiVersion) > 1) {
    return XR_ERROR_INITIALIZATION_FAILED;
  }
  runtimeRequest->runtimeInterfaceVersion = XR_CURRENT_LOADER_RUNTIME_VERSION;
  runtimeRequest->runtimeApiVersion = XR_CURRENT_API_VERSION;
  runtimeRequest->getInstanceProcAddr = cx::xrsim::xrGetInstanceProcAddr;
  return XR_SUCCESS;
}

}  // extern "C"

namespace cx::xrsim {
namespace {

using Table = std::unordered_map<std::string_view, PFN_xrVoidFunction>;

#define XRSIM_ENTRY_ROW(name) \
  { #name, reinterpret_cast < PFN_xrVoidFunction>(&name) }

const Table& globalTable() {  // callable with XR_NULL_HANDLE
  static const Table table = {
      XRSIM_ENTRY_ROW(xrGetInstanceProcAddr),
      XRSIM_ENTRY_ROW(xrEnumerateInstanceExtensionProperties),
      XRSIM_ENTRY_ROW(xrCreateInstance),
  };
  return table;
}

const Table& instanceTable() {
  static const Table table = {
      XRSIM_ENTRY_ROW(xrGetInstanceProcAddr),
      XRSIM_ENTRY_ROW(xrEnumerateInstanceExtensionProperties),
      XRSIM_ENTRY_ROW(xrCreateInstance),
      XRSIM_ENTRY_ROW(xrDestroyInstance),
      XRSIM_ENTRY_ROW(xrGetInstanceProperties),
      XRSIM_ENTRY_ROW(xrPollEvent),
      XRSIM_ENTRY_ROW(xrResultToString),
      XRSIM_ENTRY_ROW(xrStructureTypeToString),
      XRSIM_ENTRY_ROW(xrStringToPath),
      XRSIM_ENTRY_ROW(xrPathToString),
      XRSIM_ENTRY_ROW(xrGetSystem),
      XRSIM_ENTRY_ROW(xrGetSystemProperties),
      XRSIM_ENTRY_ROW(xrEnumerateViewConfigurations),
      XRSIM_ENTRY_ROW(xrGetViewConfigurationProperties),
      XRSIM_ENTRY_ROW(xrEnumerateViewConfigurationViews),
      XRSIM_ENTRY_ROW(xrEnumerateEnvironmentBlendModes),
      XRSIM_ENTRY_ROW(xrGetVulkanGraphicsRequirements2KHR),
      XRSIM_ENTRY_ROW(xrCreateVulkanInstanceKHR),
      XRSIM_ENTRY_ROW(xrGetVulkanGraphicsDevice2KHR),
      XRSIM_ENTRY_ROW(xrCreateVulkanDeviceKHR),
      XRSIM_ENTRY_ROW(xrCreateSession),
      XRSIM_ENTRY_ROW(xrDestroySession),
      XRSIM_ENTRY_ROW(xrBeginSession),
      XRSIM_ENTRY_ROW(xrEndSession),
      XRSIM_ENTRY_ROW(xrRequestExitSession),
      XRSIM_ENTRY_ROW(xrEnumerateReferenceSpaces),
      XRSIM_ENTRY_ROW(xrCreateReferenceSpace),
      XRSIM_ENTRY_ROW(xrGetReferenceSpaceBoundsRect),
      XRSIM_ENTRY_ROW(xrCreateActionSpace),
      XRSIM_ENTRY_ROW(xrLocateSpace),
      XRSIM_ENTRY_ROW(xrDestroySpace),
      XRSIM_ENTRY_ROW(xrLocateViews),
      XRSIM_ENTRY_ROW(xrEnumerateSwapchainFormats),
      XRSIM_ENTRY_ROW(xrCreateSwapchain),
      XRSIM_ENTRY_ROW(xrDestroySwapchain),
      XRSIM_ENTRY_ROW(xrEnumerateSwapchainImages),
      XRSIM_ENTRY_ROW(xrAcquireSwapchainImage),
      XRSIM_ENTRY_ROW(xrWaitSwapchainImage),
      XRSIM_ENTRY_ROW(xrReleaseSwapchainImage),
      XRSIM_ENTRY_ROW(xrWaitFrame),
      XRSIM_ENTRY_ROW(xrBeginFrame),
      XRSIM_ENTRY_ROW(xrEndFrame),
      XRSIM_ENTRY_ROW(xrCreateActionSet),
      XRSIM_ENTRY_ROW(xrDestroyActionSet),
      XRSIM_ENTRY_ROW(xrCreateAction),
      XRSIM_ENTRY_ROW(xrDestroyAction),
      XRSIM_ENTRY_ROW(xrSuggestInteractionProfileBindings),
      XRSIM_ENTRY_ROW(xrAttachSessionActionSets),
      XRSIM_ENTRY_ROW(xrGetCurrentInteractionProfile),
      XRSIM_ENTRY_ROW(xrSyncActions),
      XRSIM_ENTRY_ROW(xrGetActionStateBoolean),
      XRSIM_ENTRY_ROW(xrGetActionStateFloat),
      XRSIM_ENTRY_ROW(xrGetActionStateVector2f),
      XRSIM_ENTRY_ROW(xrGetActionStatePose),
      XRSIM_ENTRY_ROW(xrEnumerateBoundSourcesForAction),
      XRSIM_ENTRY_ROW(xrGetInputSourceLocalizedName),
      XRSIM_ENTRY_ROW(xrApplyHapticFeedback),
      XRSIM_ENTRY_ROW(xrStopHapticFeedback),
  };
  return table;
}

}  // namespace

XRSIM_ENTRY xrGetInstanceProcAddr(XrInstance instance, const char* name, PFN_xrVoidFunction* function) {
  if (!name || !function) return XR_ERROR_VALIDATION_FAILURE;
  *function = nullptr;
  const Table& table = instance == XR_NULL_HANDLE ? globalTable() : instanceTable();
  auto it = table.find(name);
  if (it == table.end()) {
    return instance == XR_NULL_HANDLE ? XR_ERROR_HANDLE_INVALID : XR_ERROR_FUNCTION_UNSUPPORTED;
  }
  // Extension commands exist only when the app enabled their extension.
  std::string_view n = name;
  if (instance != XR_NULL_HANDLE && n.find("Vulkan") != std::string_view::npos &&
      !toInstance(instance)->vulkanEnable2)
    return XR_ERROR_FUNCTION_UNSUPPORTED;
  *function = it->second;
  return XR_SUCCESS;
}

}  // namespace cx::xrsim
