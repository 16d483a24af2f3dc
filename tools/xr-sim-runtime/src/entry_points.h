#pragma once
// The OpenXR functions the runtime implements, reached only through xrGetInstanceProcAddr.
#include "runtime.h"

namespace cx::xrsim {

#define XRSIM_ENTRY XRAPI_ATTR XrResult XRAPI_CALL

// negotiate.cpp
XRSIM_ENTRY xrGetInstanceProcAddr(XrInstance instance, const char* name, PFN_xrVoidFunction* function);

// instance.cpp
XRSIM_ENTRY xrEnumerateInstanceExtensionProperties(const char* layerName, uint32_t capacity, uint32_t* count,
                                                   XrExtensionProperties* properties);
XRSIM_ENTRY xrCreateInstance(const XrInstanceCreateInfo* info, XrInstance* instance);
XRSIM_ENTRY xrDestroyInstance(XrInstance instance);
XRSIM_ENTRY xrGetInstanceProperties(XrInstance instance, XrInstanceProperties* properties);
XRSIM_ENTRY xrPollEvent(XrInstance instance, XrEventDataBuffer* eventData);
XRSIM_ENTRY xrResultToString(XrInstance instance, XrResult value, char buffer[XR_MAX_RESULT_STRING_SIZE]);
XRSIM_ENTRY xrStructureTypeToString(XrInstance instance, XrStructureType value,
                                    char buffer[XR_MAX_STRUCTURE_NAME_SIZE]);
XRSIM_ENTRY xrStringToPath(XrInstance instance, const char* pathString, XrPath* path);
XRSIM_ENTRY xrPathToString(XrInstance instance, XrPath path, uint32_t capacity, uint32_t* count,
                           char* buffer);

// system.cpp
XRSIM_ENTRY xrGetSystem(XrInstance instance, const XrSystemGetInfo* info, XrSystemId* systemId);
XRSIM_ENTRY xrGetSystemProperties(XrInstance instance, XrSystemId systemId, XrSystemProperties* properties);
XRSIM_ENTRY xrEnumerateViewConfigurations(XrInstance instance, XrSystemId systemId, uint32_t capacity,
                                          uint32_t* count, XrViewConfigurationType* types);
XRSIM_ENTRY xrGetViewConfigurationProperties(XrInstance instance, XrSystemId systemId,
                                             XrViewConfigurationType type,
                                             XrViewConfigurationProperties* properties);
XRSIM_ENTRY xrEnumerateViewConfigurationViews(XrInstance instance, XrSystemId systemId,
                                              XrViewConfigurationType type, uint32_t capacity,
                                              uint32_t* count, XrViewConfigurationView* views);
XRSIM_ENTRY xrEnumerateEnvironmentBlendModes(XrInstance instance, XrSystemId systemId,
                                             XrViewConfigurationType type, uint32_t capacity, uint32_t* count,
                                             XrEnvironmentBlendMode* modes);

// vulkan.cpp (XR_KHR_vulkan_enable2)
XRSIM_ENTRY xrGetVulkanGraphicsRequirements2KHR(XrInstance instance, XrSystemId systemId,
                                                XrGraphicsRequirementsVulkanKHR* requirements);
XRSIM_ENTRY xrCreateVulkanInstanceKHR(XrInstance instance, const XrVulkanInstanceCreateInfoKHR* info,
                                      VkInstance* vulkanInstance, VkResult* vulkanResult);
XRSIM_ENTRY xrGetVulkanGraphicsDevice2KHR(XrInstance instance, const XrVulkanGraphicsDeviceGetInfoKHR* info,
                                          VkPhysicalDevice* physicalDevice);
XRSIM_ENTRY xrCreateVulkanDeviceKHR(XrInstance instance, const XrVulkanDeviceCreateInfoKHR* info,
                                    VkDevice* device, VkResult* vulkanResult);

// session.cpp
XRSIM_ENTRY xrCreateSession(XrInstance instance, const XrSessionCreateInfo* info, XrSession* session);
XRSIM_ENTRY xrDestroySession(XrSession session);
XRSIM_ENTRY xrBeginSession(XrSession session, const XrSessionBeginInfo* info);
XRSIM_ENTRY xrEndSession(XrSession session);
XRSIM_ENTRY xrRequestExitSession(XrSession session);

// spaces.cpp
XRSIM_ENTRY xrEnumerateReferenceSpaces(XrSession session, uint32_t capacity, uint32_t* count,
                                       XrReferenceSpaceType* spaces);
XRSIM_ENTRY xrCreateReferenceSpace(XrSession session, const XrReferenceSpaceCreateInfo* info, XrSpace* space);
XRSIM_ENTRY xrGetReferenceSpaceBoundsRect(XrSession session, XrReferenceSpaceType type, XrExtent2Df* bounds);
XRSIM_ENTRY xrCreateActionSpace(XrSession session, const XrActionSpaceCreateInfo* info, XrSpace* space);
XRSIM_ENTRY xrLocateSpace(XrSpace space, XrSpace baseSpace, XrTime time, XrSpaceLocation* location);
XRSIM_ENTRY xrDestroySpace(XrSpace space);
XRSIM_ENTRY xrLocateViews(XrSession session, const XrViewLocateInfo* info, XrViewState* viewState,
                          uint32_t capacity, uint32_t* count, XrView* views);

// swapchain.cpp
XRSIM_ENTRY xrEnumerateSwapchainFormats(XrSession session, uint32_t capacity, uint32_t* count,
                                        int64_t* formats);
XRSIM_ENTRY xrCreateSwapchain(XrSession session, const XrSwapchainCreateInfo* info, XrSwapchain* swapchain);
XRSIM_ENTRY xrDestroySwapchain(XrSwapchain swapchain);
XRSIM_ENTRY xrEnumerateSwapchainImages(XrSwapchain swapchain, uint32_t capacity, uint32_t* count,
                                       XrSwapchainImageBaseHeader* images);
XRSIM_ENTRY xrAcquireSwapchainImage(XrSwapchain swapchain, const XrSwapchainImageAcquireInfo* info,
                                    uint32_t* index);
XRSIM_ENTRY xrWaitSwapchainImage(XrSwapchain swapchain, const XrSwapchainImageWaitInfo* info);
XRSIM_ENTRY xrReleaseSwapchainImage(XrSwapchain swapchain, const XrSwapchainImageReleaseInfo* info);

// frame.cpp
XRSIM_ENTRY xrWaitFrame(XrSession session, const XrFrameWaitInfo* info, XrFrameState* state);
XRSIM_ENTRY xrBeginFrame(XrSession session, const XrFrameBeginInfo* info);
XRSIM_ENTRY xrEndFrame(XrSession session, const XrFrameEndInfo* info);

// actions.cpp
XRSIM_ENTRY xrCreateActionSet(XrInstance instance, const XrActionSetCreateInfo* info, XrActionSet* actionSet);
XRSIM_ENTRY xrDestroyActionSet(XrActionSet actionSet);
XRSIM_ENTRY xrCreateAction(XrActionSet actionSet, const XrActionCreateInfo* info, XrAction* action);
XRSIM_ENTRY xrDestroyAction(XrAction action);
XRSIM_ENTRY xrSuggestInteractionProfileBindings(XrInstance instance,
                                                const XrInteractionProfileSuggestedBinding* suggested);
XRSIM_ENTRY xrAttachSessionActionSets(XrSession session, const XrSessionActionSetsAttachInfo* info);
XRSIM_ENTRY xrGetCurrentInteractionProfile(XrSession session, XrPath topLevelUserPath,
                                           XrInteractionProfileState* profile);
XRSIM_ENTRY xrSyncActions(XrSession session, const XrActionsSyncInfo* info);
XRSIM_ENTRY xrGetActionStateBoolean(XrSession session, const XrActionStateGetInfo* info,
                                    XrActionStateBoolean* state);
XRSIM_ENTRY xrGetActionStateFloat(XrSession session, const XrActionStateGetInfo* info,
                                  XrActionStateFloat* state);
XRSIM_ENTRY xrGetActionStateVector2f(XrSession session, const XrActionStateGetInfo* info,
                                     XrActionStateVector2f* state);
XRSIM_ENTRY xrGetActionStatePose(XrSession session, const XrActionStateGetInfo* info,
                                 XrActionStatePose* state);
XRSIM_ENTRY xrEnumerateBoundSourcesForAction(XrSession session,
                                             const XrBoundSourcesForActionEnumerateInfo* info,
                                             uint32_t capacity, uint32_t* count, XrPath* sources);
XRSIM_ENTRY xrGetInputSourceLocalizedName(XrSession session, const XrInputSourceLocalizedNameGetInfo* info,
                                          uint32_t capacity, uint32_t* count, char* buffer);
XRSIM_ENTRY xrApplyHapticFeedback(XrSession session, const XrHapticActionInfo* info,
                                  const XrHapticBaseHeader* feedback);
XRSIM_ENTRY xrStopHapticFeedback(XrSession session, const XrHapticActionInfo* info);

}  // namespace cx::xrsim
