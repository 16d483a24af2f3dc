// System: one head-mounted display with a PRIMARY_STEREO view configuration and OPAQUE blending.
#include <cstdio>

#include "entry_points.h"

namespace cx::xrsim {

XRSIM_ENTRY xrGetSystem(XrInstance instance, const XrSystemGetInfo* info, XrSystemId* systemId) {
  Instance* inst = toInstance(instance);
  if (!inst) return XR_ERROR_HANDLE_INVALID;
  if (!info || !systemId || info->type != XR_TYPE_SYSTEM_GET_INFO) return XR_ERROR_VALIDATION_FAILURE;
  std::lock_guard lock(inst->mutex);
  if (info->formFactor != XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY &&
      info->formFactor != XR_FORM_FACTOR_HANDHELD_DISPLAY)
    return XRSIM_FAIL(*inst, XR_ERROR_FORM_FACTOR_UNSUPPORTED);
  if (info->formFactor != XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY || inst->config.noHmd)
    return XRSIM_FAIL(*inst, XR_ERROR_FORM_FACTOR_UNAVAILABLE);
  *systemId = kSystemId;
  return XR_SUCCESS;
}

XRSIM_ENTRY xrGetSystemProperties(XrInstance instance, XrSystemId systemId, XrSystemProperties* properties) {
  Instance* inst = toInstance(instance);
  if (!inst) return XR_ERROR_HANDLE_INVALID;
  if (!properties || properties->type != XR_TYPE_SYSTEM_PROPERTIES) return XR_ERROR_VALIDATION_FAILURE;
  if (systemId != kSystemId) return XR_ERROR_SYSTEM_INVALID;
  properties->systemId = kSystemId;
  properties->vendorId = 0xC10D;
  std::snprintf(properties->systemName, sizeof properties->systemName, "%s", "CloudExpo simulated HMD");
  properties->graphicsProperties.maxSwapchainImageWidth = kMaxImageSize;
  properties->graphicsProperties.maxSwapchainImageHeight = kMaxImageSize;
  properties->graphicsProperties.maxLayerCount = kMaxLayers;
  properties->trackingProperties.orientationTracking = XR_TRUE;
  properties->trackingProperties.positionTracking = XR_TRUE;
  return XR_SUCCESS;
}

XRSIM_ENTRY xrEnumerateViewConfigurations(XrInstance instance, XrSystemId systemId, uint32_t capacity,
                                          uint32_t* count, XrViewConfigurationType* types) {
  if (!toInstance(instance)) return XR_ERROR_HANDLE_INVALID;
  if (systemId != kSystemId) return XR_ERROR_SYSTEM_INVALID;
  if (!count) return XR_ERROR_VALIDATION_FAILURE;
  *count = 1;
  if (capacity == 0) return XR_SUCCESS;
  types[0] = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
  return XR_SUCCESS;
}

XRSIM_ENTRY xrGetViewConfigurationProperties(XrInstance instance, XrSystemId systemId,
                                             XrViewConfigurationType type,
                                             XrViewConfigurationProperties* properties) {
  if (!toInstance(instance)) return XR_ERROR_HANDLE_INVALID;
  if (systemId != kSystemId) return XR_ERROR_SYSTEM_INVALID;
  if (!properties || properties->type != XR_TYPE_VIEW_CONFIGURATION_PROPERTIES)
    return XR_ERROR_VALIDATION_FAILURE;
  if (type != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO) return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
  properties->viewConfigurationType = type;
  properties->fovMutable = XR_FALSE;
  return XR_SUCCESS;
}

XRSIM_ENTRY xrEnumerateViewConfigurationViews(XrInstance instance, XrSystemId systemId,
                                              XrViewConfigurationType type, uint32_t capacity,
                                              uint32_t* count, XrViewConfigurationView* views) {
  Instance* inst = toInstance(instance);
  if (!inst) return XR_ERROR_HANDLE_INVALID;
  if (systemId != kSystemId) return XR_ERROR_SYSTEM_INVALID;
  if (!count) return XR_ERROR_VALIDATION_FAILURE;
  if (type != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO) return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
  *count = 2;
  if (capacity == 0) return XR_SUCCESS;
  if (capacity < 2) return XR_ERROR_SIZE_INSUFFICIENT;
  std::lock_guard lock(inst->mutex);
  for (uint32_t i = 0; i < 2; ++i) {
    if (views[i].type != XR_TYPE_VIEW_CONFIGURATION_VIEW) return XR_ERROR_VALIDATION_FAILURE;
    views[i].recommendedImageRectWidth = inst->script.eyeWidth;
    views[i].recommendedImageRectHeight = inst->script.eyeHeight;
    views[i].maxImageRectWidth = kMaxImageSize;
    views[i].maxImageRectHeight = kMaxImageSize;
    views[i].recommendedSwapchainSampleCount = 1;
    views[i].maxSwapchainSampleCount = 1;
  }
  return XR_SUCCESS;
}

XRSIM_ENTRY xrEnumerateEnvironmentBlendModes(XrInstance instance, XrSystemId systemId,
                                             XrViewConfigurationType type, uint32_t capacity, uint32_t* count,
                                             XrEnvironmentBlendMode* modes) {
  if (!toInstance(instance)) return XR_ERROR_HANDLE_INVALID;
  if (systemId != kSystemId) return XR_ERROR_SYSTEM_INVALID;
  if (!count) return XR_ERROR_VALIDATION_FAILURE;
  if (type != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO) return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
  *count = 1;
  if (capacity == 0) return XR_SUCCESS;
  modes[0] = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
  return XR_SUCCESS;
}

}  // namespace cx::xrsim
