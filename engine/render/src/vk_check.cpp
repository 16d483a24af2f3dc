#include "cx/render/vk_check.h"

#include <fmt/format.h>

namespace cx::render {

const char* vkResultName(VkResult result) {
  switch (result) {
#define CX_CASE(x) \
  case x:          \
    return #x;
    CX_CASE(VK_SUCCESS)
    CX_CASE(VK_NOT_READY)
    CX_CASE(VK_TIMEOUT)
    CX_CASE(VK_EVENT_SET)
    CX_CASE(VK_EVENT_RESET)
    CX_CASE(VK_INCOMPLETE)
    CX_CASE(VK_ERROR_OUT_OF_HOST_MEMORY)
    CX_CASE(VK_ERROR_OUT_OF_DEVICE_MEMORY)
    CX_CASE(VK_ERROR_INITIALIZATION_FAILED)
    CX_CASE(VK_ERROR_DEVICE_LOST)
    CX_CASE(VK_ERROR_MEMORY_MAP_FAILED)
    CX_CASE(VK_ERROR_LAYER_NOT_PRESENT)
    CX_CASE(VK_ERROR_EXTENSION_NOT_PRESENT)
    CX_CASE(VK_ERROR_FEATURE_NOT_PRESENT)
    CX_CASE(VK_ERROR_INCOMPATIBLE_DRIVER)
    CX_CASE(VK_ERROR_TOO_MANY_OBJECTS)
    CX_CASE(VK_ERROR_FORMAT_NOT_SUPPORTED)
    CX_CASE(VK_ERROR_FRAGMENTED_POOL)
    CX_CASE(VK_ERROR_OUT_OF_POOL_MEMORY)
    CX_CASE(VK_ERROR_SURFACE_LOST_KHR)
    CX_CASE(VK_ERROR_NATIVE_WINDOW_IN_USE_KHR)
    CX_CASE(VK_SUBOPTIMAL_KHR)
    CX_CASE(VK_ERROR_OUT_OF_DATE_KHR)
    CX_CASE(VK_ERROR_VALIDATION_FAILED_EXT)
#undef CX_CASE
    default:
      return "VK_ERROR_(unknown)";
  }
}

VkResult checkVk(VkResult result, const char* call, const char* file, int line, VkResult allowed1,
                 VkResult allowed2) {
  if (result == VK_SUCCESS || result == allowed1 || result == allowed2) return result;
  throw VulkanError(fmt::format("{} failed with {} at {}:{}", call, vkResultName(result), file, line), result);
}

}  // namespace cx::render
