#pragma once
// A minimal OpenXR application for the simulated runtime's tests: it goes through the real
// Khronos loader (XR_RUNTIME_JSON = the built manifest) with the core validation API layer on,
// and through XR_KHR_vulkan_enable2 to a Vulkan instance/device with the Khronos validation layer
// on. Any OpenXR or Vulkan validation message fails the test in TearDown.
#define XR_USE_GRAPHICS_API_VULKAN
#include <gtest/gtest.h>
#include <vulkan/vulkan.h>  // before openxr_platform.h, which uses its types

#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>
#include <openxr/openxr_reflection.h>

#include <array>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

namespace cx::testing {

// Every XrResult of the test app goes through XR_CHECK (names the call); expected non-success
// results are compared with EXPECT_EQ instead.
#define XR_CHECK(call)                                                                                \
  do {                                                                                                \
    XrResult xr_check_result_ = (call);                                                               \
    ASSERT_EQ(xr_check_result_, XR_SUCCESS) << #call << " returned " << resultText(xr_check_result_); \
  } while (0)
#define VK_CHECK_T(call) ASSERT_EQ((call), VK_SUCCESS) << #call

std::string resultText(XrResult result);

struct Messages {
  std::mutex mutex;
  std::vector<std::string> list;
  void add(std::string m) {
    std::lock_guard lock(mutex);
    list.push_back(std::move(m));
  }
};

struct TestSwapchain {
  XrSwapchain handle = XR_NULL_HANDLE;
  std::vector<VkImage> images;
  int64_t format = 0;
  uint32_t width = 0, height = 0, arraySize = 1;
};

class XrSimTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Writes `text` as the script and points CX_XRSIM_SCRIPT at it (before createInstance).
  std::filesystem::path writeScript(const std::string& text);
  std::filesystem::path dir() const { return dir_; }

  // Creates the instance with XR_KHR_vulkan_enable2 (+ depth when offered) and XR_EXT_debug_utils.
  void createInstance(bool depth = true);
  void getSystem();
  void createVulkan();  // xrCreateVulkanInstanceKHR / xrGetVulkanGraphicsDevice2KHR / xrCreateVulkanDeviceKHR
  void createSession();  // + `stage`: the STAGE space (LOCAL when STAGE is not offered)
  void setup() {
    createInstance();
    getSystem();
    createVulkan();
    createSession();
  }
  // Polls events; returns the session states seen, in order.
  std::vector<XrSessionState> pollStates();
  // Begins the session (after READY) and runs frames until FOCUSED. Returns the states seen.
  std::vector<XrSessionState> runToFocused();

  TestSwapchain createSwapchain(int64_t format, uint32_t width, uint32_t height, uint32_t arraySize = 1,
                                XrSwapchainUsageFlags usage = XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT |
                                                              XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT);
  // Acquires, waits, clears to `color` (all layers), releases.
  void clearSwapchainImage(const TestSwapchain& swapchain, std::array<float, 4> color);
  // As above, with one colour per array layer (colors.size() == swapchain.arraySize).
  void clearSwapchainLayers(const TestSwapchain& swapchain, const std::vector<std::array<float, 4>>& colors);
  // One frame: wait, begin, (when shouldRender) clear the two eye swapchains to the given colours
  // and submit a projection layer of 2 views located with xrLocateViews. Returns the frame state.
  XrFrameState renderFrame(std::array<float, 4> leftColor = {1, 0, 0, 1},
                           std::array<float, 4> rightColor = {0, 0, 1, 1});
  void destroyAll();
  // Returns how many validation messages (OpenXR layer file + messenger, Vulkan messenger) arrived
  // since the test started or the last call, and forgets them: for tests that provoke them.
  size_t takeValidationMessages();

  XrInstance instance = XR_NULL_HANDLE;
  XrDebugUtilsMessengerEXT xrMessenger = XR_NULL_HANDLE;
  XrSystemId systemId = XR_NULL_SYSTEM_ID;
  VkInstance vkInstance = VK_NULL_HANDLE;
  VkDebugUtilsMessengerEXT vkMessenger = VK_NULL_HANDLE;
  VkPhysicalDevice physicalDevice = VK_NULL_HANDLE;
  VkDevice device = VK_NULL_HANDLE;
  uint32_t queueFamily = 0;
  VkQueue queue = VK_NULL_HANDLE;
  VkCommandPool commandPool = VK_NULL_HANDLE;
  XrSession session = XR_NULL_HANDLE;
  XrSpace stage = XR_NULL_HANDLE;
  std::array<TestSwapchain, 2> eyes;  // created by renderFrame on first use (R8G8B8A8_UNORM)
  uint32_t eyeWidth = 64, eyeHeight = 48;
  bool depthEnabled = false;

  Messages xrMessages, vkMessages;

 private:
  std::filesystem::path dir_;
  uintmax_t validationFileSizeAtStart_ = 0;
};

std::string sessionStateText(XrSessionState state);
inline XrSessionState lastState(const std::vector<XrSessionState>& states) {
  return states.empty() ? XR_SESSION_STATE_UNKNOWN : states.back();
}

}  // namespace cx::testing
