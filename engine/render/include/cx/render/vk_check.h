#pragma once
// Every VkResult goes through CX_VK_CHECK, in every build type. A failure is unexpected at this
// layer (device lost, out of memory): it throws VulkanError naming the call and file:line, and
// the program's main catches it once. Expected conditions (OUT_OF_DATE, SUBOPTIMAL, TIMEOUT) are
// handled explicitly by the code that expects them, using cx::render::checkVk's return value.
#include <vulkan/vulkan.h>

#include <stdexcept>
#include <string>

namespace cx::render {

class VulkanError : public std::runtime_error {
 public:
  VulkanError(std::string message, VkResult result) : std::runtime_error(std::move(message)), result_(result) {}
  VkResult result() const { return result_; }

 private:
  VkResult result_;
};

const char* vkResultName(VkResult result);

// Throws VulkanError unless `result` is VK_SUCCESS or one of the `allowed` codes.
VkResult checkVk(VkResult result, const char* call, const char* file, int line, VkResult allowed1 = VK_SUCCESS,
                 VkResult allowed2 = VK_SUCCESS);

}  // namespace cx::render

#define CX_VK_CHECK(call) ::cx::render::checkVk((call), #call, __FILE__, __LINE__)
// For calls where some non-success codes are expected: returns the VkResult for the caller.
#define CX_VK_CHECK_ALLOW(call, ...) ::cx::render::checkVk((call), #call, __FILE__, __LINE__, __VA_ARGS__)
