#include "xr_app.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>

namespace cx::testing {
namespace {

XRAPI_ATTR XrBool32 XRAPI_CALL onXrMessage(XrDebugUtilsMessageSeverityFlagsEXT severity,
                                           XrDebugUtilsMessageTypeFlagsEXT,
                                           const XrDebugUtilsMessengerCallbackDataEXT* data, void* user) {
  if (severity &
      (XR_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT | XR_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT))
    static_cast<Messages*>(user)->add(std::string(data->functionName ? data->functionName : "?") + ": " +
                                      (data->message ? data->message : ""));
  return XR_FALSE;
}

VKAPI_ATTR VkBool32 VKAPI_CALL onVkMessage(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                           VkDebugUtilsMessageTypeFlagsEXT,
                                           const VkDebugUtilsMessengerCallbackDataEXT* data, void* user) {
  if (severity &
      (VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT))
    static_cast<Messages*>(user)->add(data->pMessage ? data->pMessage : "");
  return VK_FALSE;
}

template <typename F>
F xrFn(XrInstance instance, const char* name) {
  PFN_xrVoidFunction fn = nullptr;
  if (xrGetInstanceProcAddr(instance, name, &fn) != XR_SUCCESS) return nullptr;
  return reinterpret_cast<F>(fn);
}

uintmax_t fileSize(const char* path) {
  std::error_code ec;
  auto size = path ? std::filesystem::file_size(path, ec) : 0;
  return ec ? 0 : size;
}

VkDebugUtilsMessengerCreateInfoEXT vkMessengerInfo(Messages* messages) {
  VkDebugUtilsMessengerCreateInfoEXT ci{VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT};
  ci.messageSeverity =
      VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
  ci.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT |
                   VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                   VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
  ci.pfnUserCallback = onVkMessage;
  ci.pUserData = messages;
  return ci;
}

}  // namespace

std::string resultText(XrResult result) {
  switch (result) {
#define XRSIM_TEST_RESULT(name, value) \
  case name:                           \
    return #name;
    XR_LIST_ENUM_XrResult(XRSIM_TEST_RESULT)
#undef XRSIM_TEST_RESULT
        default : return std::to_string(result);
  }
}

std::string sessionStateText(XrSessionState state) {
  switch (state) {
#define XRSIM_TEST_STATE(name, value) \
  case name:                          \
    return #name;
    XR_LIST_ENUM_XrSessionState(XRSIM_TEST_STATE)
#undef XRSIM_TEST_STATE
        default : return std::to_string(state);
  }
}

void XrSimTest::SetUp() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  dir_ = std::filesystem::temp_directory_path() /
         ("cx-xrsim-" + std::to_string(getpid()) + "-" + info->test_suite_name() + "-" + info->name());
  std::filesystem::remove_all(dir_);
  std::filesystem::create_directories(dir_);
  unsetenv("CX_XRSIM_SCRIPT");
  unsetenv("CX_XRSIM_NO_HMD");
  unsetenv("CX_XRSIM_NO_STAGE");
  unsetenv("CX_XRSIM_NO_DEPTH");
  unsetenv("CX_XRSIM_PROFILE");
  unsetenv("CX_XRSIM_WINDOW");
  setenv("CX_XRSIM_FPS", "0", 1);
  validationFileSizeAtStart_ = fileSize(std::getenv("XR_CORE_VALIDATION_FILE_NAME"));
}

void XrSimTest::TearDown() {
  destroyAll();
  {
    std::lock_guard lock(xrMessages.mutex);
    std::string all;
    for (auto& m : xrMessages.list) all += "\n  " + m;
    EXPECT_TRUE(xrMessages.list.empty()) << "OpenXR validation messages:" << all;
  }
  {
    std::lock_guard lock(vkMessages.mutex);
    std::string all;
    for (auto& m : vkMessages.list) all += "\n  " + m;
    EXPECT_TRUE(vkMessages.list.empty()) << "Vulkan validation messages:" << all;
  }
  const char* file = std::getenv("XR_CORE_VALIDATION_FILE_NAME");
  uintmax_t size = fileSize(file);
  if (size > validationFileSizeAtStart_) {
    std::ifstream in(file);
    in.seekg(static_cast<std::streamoff>(validationFileSizeAtStart_));
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ADD_FAILURE() << "the OpenXR core validation layer reported:\n" << text;
  }
  if (!HasFailure()) std::filesystem::remove_all(dir_);
}

size_t XrSimTest::takeValidationMessages() {
  size_t n = 0;
  {
    std::lock_guard lock(xrMessages.mutex);
    n += xrMessages.list.size();
    xrMessages.list.clear();
  }
  {
    std::lock_guard lock(vkMessages.mutex);
    n += vkMessages.list.size();
    vkMessages.list.clear();
  }
  uintmax_t size = fileSize(std::getenv("XR_CORE_VALIDATION_FILE_NAME"));
  if (size > validationFileSizeAtStart_) ++n;
  validationFileSizeAtStart_ = size;
  return n;
}

std::filesystem::path XrSimTest::writeScript(const std::string& text) {
  auto path = dir_ / "script.txt";
  std::ofstream(path) << text;
  setenv("CX_XRSIM_SCRIPT", path.c_str(), 1);
  return path;
}

void XrSimTest::createInstance(bool depth) {
  uint32_t count = 0;
  XR_CHECK(xrEnumerateInstanceExtensionProperties(nullptr, 0, &count, nullptr));
  std::vector<XrExtensionProperties> props(count, {XR_TYPE_EXTENSION_PROPERTIES});
  XR_CHECK(xrEnumerateInstanceExtensionProperties(nullptr, count, &count, props.data()));
  bool haveDebugUtils = false, haveDepth = false;
  for (auto& p : props) {
    haveDebugUtils = haveDebugUtils || std::strcmp(p.extensionName, XR_EXT_DEBUG_UTILS_EXTENSION_NAME) == 0;
    haveDepth = haveDepth || std::strcmp(p.extensionName, XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME) == 0;
  }
  std::vector<const char*> extensions = {XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME};
  if (haveDebugUtils) extensions.push_back(XR_EXT_DEBUG_UTILS_EXTENSION_NAME);
  depthEnabled = depth && haveDepth;
  if (depthEnabled) extensions.push_back(XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME);
  XrInstanceCreateInfo ci{XR_TYPE_INSTANCE_CREATE_INFO};
  std::strcpy(ci.applicationInfo.applicationName, "xrsim_tests");
  ci.applicationInfo.apiVersion = XR_MAKE_VERSION(1, 0, 0);
  ci.enabledExtensionCount = static_cast<uint32_t>(extensions.size());
  ci.enabledExtensionNames = extensions.data();
  XrDebugUtilsMessengerCreateInfoEXT mi{XR_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT};
  mi.messageSeverities =
      XR_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT | XR_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
  mi.messageTypes =
      XR_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT | XR_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
      XR_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT | XR_DEBUG_UTILS_MESSAGE_TYPE_CONFORMANCE_BIT_EXT;
  mi.userCallback = onXrMessage;
  mi.userData = &xrMessages;
  if (haveDebugUtils) ci.next = &mi;
  XR_CHECK(xrCreateInstance(&ci, &instance));
  if (haveDebugUtils) {
    auto create = xrFn<PFN_xrCreateDebugUtilsMessengerEXT>(instance, "xrCreateDebugUtilsMessengerEXT");
    ASSERT_NE(create, nullptr);
    mi.next = nullptr;
    XR_CHECK(create(instance, &mi, &xrMessenger));
  }
}

void XrSimTest::getSystem() {
  XrSystemGetInfo gi{XR_TYPE_SYSTEM_GET_INFO};
  gi.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
  XR_CHECK(xrGetSystem(instance, &gi, &systemId));
}

void XrSimTest::createVulkan() {
  auto requirements =
      xrFn<PFN_xrGetVulkanGraphicsRequirements2KHR>(instance, "xrGetVulkanGraphicsRequirements2KHR");
  auto createInstance = xrFn<PFN_xrCreateVulkanInstanceKHR>(instance, "xrCreateVulkanInstanceKHR");
  auto getDevice = xrFn<PFN_xrGetVulkanGraphicsDevice2KHR>(instance, "xrGetVulkanGraphicsDevice2KHR");
  auto createDevice = xrFn<PFN_xrCreateVulkanDeviceKHR>(instance, "xrCreateVulkanDeviceKHR");
  ASSERT_TRUE(requirements && createInstance && getDevice && createDevice);
  XrGraphicsRequirementsVulkan2KHR req{XR_TYPE_GRAPHICS_REQUIREMENTS_VULKAN2_KHR};
  XR_CHECK(requirements(instance, systemId, &req));

  VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
  app.pApplicationName = "xrsim_tests";
  app.apiVersion = VK_API_VERSION_1_1;
  const char* layers[] = {"VK_LAYER_KHRONOS_validation"};
  const char* extensions[] = {VK_EXT_DEBUG_UTILS_EXTENSION_NAME};
  auto messengerInfo = vkMessengerInfo(&vkMessages);
  VkInstanceCreateInfo vci{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
  vci.pNext = &messengerInfo;
  vci.pApplicationInfo = &app;
  vci.enabledLayerCount = 1;
  vci.ppEnabledLayerNames = layers;
  vci.enabledExtensionCount = 1;
  vci.ppEnabledExtensionNames = extensions;
  XrVulkanInstanceCreateInfoKHR xci{XR_TYPE_VULKAN_INSTANCE_CREATE_INFO_KHR};
  xci.systemId = systemId;
  xci.pfnGetInstanceProcAddr = vkGetInstanceProcAddr;
  xci.vulkanCreateInfo = &vci;
  VkResult vr = VK_ERROR_UNKNOWN;
  XR_CHECK(createInstance(instance, &xci, &vkInstance, &vr));
  VK_CHECK_T(vr);
  auto createMessenger = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
      vkGetInstanceProcAddr(vkInstance, "vkCreateDebugUtilsMessengerEXT"));
  ASSERT_NE(createMessenger, nullptr);
  VK_CHECK_T(createMessenger(vkInstance, &messengerInfo, nullptr, &vkMessenger));

  XrVulkanGraphicsDeviceGetInfoKHR gi{XR_TYPE_VULKAN_GRAPHICS_DEVICE_GET_INFO_KHR};
  gi.systemId = systemId;
  gi.vulkanInstance = vkInstance;
  XR_CHECK(getDevice(instance, &gi, &physicalDevice));
  ASSERT_NE(physicalDevice, VK_NULL_HANDLE);

  uint32_t familyCount = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(physicalDevice, &familyCount, nullptr);
  std::vector<VkQueueFamilyProperties> families(familyCount);
  vkGetPhysicalDeviceQueueFamilyProperties(physicalDevice, &familyCount, families.data());
  queueFamily = UINT32_MAX;
  for (uint32_t i = 0; i < familyCount && queueFamily == UINT32_MAX; ++i)
    if (families[i].queueFlags & VK_QUEUE_GRAPHICS_BIT) queueFamily = i;
  ASSERT_NE(queueFamily, UINT32_MAX);
  float priority = 1.0f;
  VkDeviceQueueCreateInfo qci{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
  qci.queueFamilyIndex = queueFamily;
  qci.queueCount = 1;
  qci.pQueuePriorities = &priority;
  VkDeviceCreateInfo dci{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
  dci.queueCreateInfoCount = 1;
  dci.pQueueCreateInfos = &qci;
  XrVulkanDeviceCreateInfoKHR xdci{XR_TYPE_VULKAN_DEVICE_CREATE_INFO_KHR};
  xdci.systemId = systemId;
  xdci.pfnGetInstanceProcAddr = vkGetInstanceProcAddr;
  xdci.vulkanPhysicalDevice = physicalDevice;
  xdci.vulkanCreateInfo = &dci;
  XR_CHECK(createDevice(instance, &xdci, &device, &vr));
  VK_CHECK_T(vr);
  vkGetDeviceQueue(device, queueFamily, 0, &queue);
  VkCommandPoolCreateInfo pci{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
  pci.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
  pci.queueFamilyIndex = queueFamily;
  VK_CHECK_T(vkCreateCommandPool(device, &pci, nullptr, &commandPool));
}

void XrSimTest::createSession() {
  XrGraphicsBindingVulkan2KHR binding{XR_TYPE_GRAPHICS_BINDING_VULKAN2_KHR};
  binding.instance = vkInstance;
  binding.physicalDevice = physicalDevice;
  binding.device = device;
  binding.queueFamilyIndex = queueFamily;
  binding.queueIndex = 0;
  XrSessionCreateInfo ci{XR_TYPE_SESSION_CREATE_INFO};
  ci.next = &binding;
  ci.systemId = systemId;
  XR_CHECK(xrCreateSession(instance, &ci, &session));
  uint32_t count = 0;
  XR_CHECK(xrEnumerateReferenceSpaces(session, 0, &count, nullptr));
  std::vector<XrReferenceSpaceType> types(count);
  XR_CHECK(xrEnumerateReferenceSpaces(session, count, &count, types.data()));
  bool haveStage = std::find(types.begin(), types.end(), XR_REFERENCE_SPACE_TYPE_STAGE) != types.end();
  XrReferenceSpaceCreateInfo si{XR_TYPE_REFERENCE_SPACE_CREATE_INFO};
  si.referenceSpaceType = haveStage ? XR_REFERENCE_SPACE_TYPE_STAGE : XR_REFERENCE_SPACE_TYPE_LOCAL;
  si.poseInReferenceSpace.orientation.w = 1.0f;
  XR_CHECK(xrCreateReferenceSpace(session, &si, &stage));
}

std::vector<XrSessionState> XrSimTest::pollStates() {
  std::vector<XrSessionState> states;
  XrEventDataBuffer ev{XR_TYPE_EVENT_DATA_BUFFER};
  while (xrPollEvent(instance, &ev) == XR_SUCCESS) {
    if (ev.type == XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED)
      states.push_back(reinterpret_cast<XrEventDataSessionStateChanged&>(ev).state);
    ev = {XR_TYPE_EVENT_DATA_BUFFER};
  }
  return states;
}

std::vector<XrSessionState> XrSimTest::runToFocused() {
  std::vector<XrSessionState> states = pollStates();
  XrSessionBeginInfo bi{XR_TYPE_SESSION_BEGIN_INFO};
  bi.primaryViewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
  EXPECT_EQ(xrBeginSession(session, &bi), XR_SUCCESS);
  for (int frame = 0; frame < 5; ++frame) {
    renderFrame();
    auto more = pollStates();
    states.insert(states.end(), more.begin(), more.end());
    if (!states.empty() && states.back() == XR_SESSION_STATE_FOCUSED) break;
  }
  return states;
}

TestSwapchain XrSimTest::createSwapchain(int64_t format, uint32_t width, uint32_t height, uint32_t arraySize,
                                         XrSwapchainUsageFlags usage) {
  TestSwapchain sc;
  XrSwapchainCreateInfo ci{XR_TYPE_SWAPCHAIN_CREATE_INFO};
  ci.usageFlags = usage;
  ci.format = format;
  ci.sampleCount = 1;
  ci.width = width;
  ci.height = height;
  ci.faceCount = 1;
  ci.arraySize = arraySize;
  ci.mipCount = 1;
  XrResult r = xrCreateSwapchain(session, &ci, &sc.handle);
  EXPECT_EQ(r, XR_SUCCESS) << resultText(r);
  if (r != XR_SUCCESS) return sc;
  uint32_t count = 0;
  EXPECT_EQ(xrEnumerateSwapchainImages(sc.handle, 0, &count, nullptr), XR_SUCCESS);
  std::vector<XrSwapchainImageVulkan2KHR> images(count, {XR_TYPE_SWAPCHAIN_IMAGE_VULKAN2_KHR});
  EXPECT_EQ(xrEnumerateSwapchainImages(sc.handle, count, &count,
                                       reinterpret_cast<XrSwapchainImageBaseHeader*>(images.data())),
            XR_SUCCESS);
  for (auto& i : images) sc.images.push_back(i.image);
  sc.format = format;
  sc.width = width;
  sc.height = height;
  sc.arraySize = arraySize;
  return sc;
}

void XrSimTest::clearSwapchainImage(const TestSwapchain& sc, std::array<float, 4> color) {
  clearSwapchainLayers(sc, std::vector<std::array<float, 4>>(sc.arraySize, color));
}

void XrSimTest::clearSwapchainLayers(const TestSwapchain& sc,
                                     const std::vector<std::array<float, 4>>& colors) {
  ASSERT_EQ(colors.size(), sc.arraySize);
  uint32_t index = 0;
  XrSwapchainImageAcquireInfo ai{XR_TYPE_SWAPCHAIN_IMAGE_ACQUIRE_INFO};
  XR_CHECK(xrAcquireSwapchainImage(sc.handle, &ai, &index));
  XrSwapchainImageWaitInfo wi{XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO};
  wi.timeout = XR_INFINITE_DURATION;
  XR_CHECK(xrWaitSwapchainImage(sc.handle, &wi));
  ASSERT_LT(index, sc.images.size());

  VkCommandBufferAllocateInfo alloc{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
  alloc.commandPool = commandPool;
  alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  alloc.commandBufferCount = 1;
  VkCommandBuffer cmd = VK_NULL_HANDLE;
  VK_CHECK_T(vkAllocateCommandBuffers(device, &alloc, &cmd));
  VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  VK_CHECK_T(vkBeginCommandBuffer(cmd, &begin));
  VkImageSubresourceRange range{VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, sc.arraySize};
  VkImageMemoryBarrier b{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER};
  b.srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
  b.dstAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
  b.oldLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;  // as the runtime hands it out
  b.newLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
  b.srcQueueFamilyIndex = b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  b.image = sc.images[index];
  b.subresourceRange = range;
  vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0,
                       0, nullptr, 0, nullptr, 1, &b);
  for (uint32_t layer = 0; layer < sc.arraySize; ++layer) {
    const auto& color = colors[layer];
    VkClearColorValue clear{{color[0], color[1], color[2], color[3]}};
    VkImageSubresourceRange one{VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, layer, 1};
    vkCmdClearColorImage(cmd, b.image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, &clear, 1, &one);
  }
  b.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
  b.dstAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_COLOR_ATTACHMENT_READ_BIT;
  b.oldLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
  b.newLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;  // as the runtime expects it back
  vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT, 0,
                       0, nullptr, 0, nullptr, 1, &b);
  VK_CHECK_T(vkEndCommandBuffer(cmd));
  VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &cmd;
  VK_CHECK_T(vkQueueSubmit(queue, 1, &submit, VK_NULL_HANDLE));
  VK_CHECK_T(vkQueueWaitIdle(queue));
  vkFreeCommandBuffers(device, commandPool, 1, &cmd);
  XrSwapchainImageReleaseInfo ri{XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO};
  XR_CHECK(xrReleaseSwapchainImage(sc.handle, &ri));
}

XrFrameState XrSimTest::renderFrame(std::array<float, 4> leftColor, std::array<float, 4> rightColor) {
  XrFrameState fs{XR_TYPE_FRAME_STATE};
  XrFrameWaitInfo wi{XR_TYPE_FRAME_WAIT_INFO};
  XrResult r = xrWaitFrame(session, &wi, &fs);
  EXPECT_TRUE(r == XR_SUCCESS || r == XR_SESSION_LOSS_PENDING) << resultText(r);
  XrFrameBeginInfo bi{XR_TYPE_FRAME_BEGIN_INFO};
  r = xrBeginFrame(session, &bi);
  EXPECT_TRUE(r == XR_SUCCESS || r == XR_SESSION_LOSS_PENDING) << resultText(r);
  XrCompositionLayerProjection layer{XR_TYPE_COMPOSITION_LAYER_PROJECTION};
  std::array<XrCompositionLayerProjectionView, 2> projViews{};
  const XrCompositionLayerBaseHeader* layers[] = {reinterpret_cast<XrCompositionLayerBaseHeader*>(&layer)};
  XrFrameEndInfo ei{XR_TYPE_FRAME_END_INFO};
  ei.displayTime = fs.predictedDisplayTime;
  ei.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
  if (fs.shouldRender) {
    for (int eye = 0; eye < 2; ++eye) {
      if (!eyes[eye].handle) eyes[eye] = createSwapchain(VK_FORMAT_R8G8B8A8_UNORM, eyeWidth, eyeHeight);
      clearSwapchainImage(eyes[eye], eye == 0 ? leftColor : rightColor);
    }
    XrViewLocateInfo li{XR_TYPE_VIEW_LOCATE_INFO};
    li.viewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
    li.displayTime = fs.predictedDisplayTime;
    li.space = stage;
    XrViewState vs{XR_TYPE_VIEW_STATE};
    std::array<XrView, 2> views{{{XR_TYPE_VIEW}, {XR_TYPE_VIEW}}};
    uint32_t count = 0;
    r = xrLocateViews(session, &li, &vs, 2, &count, views.data());
    EXPECT_TRUE(r == XR_SUCCESS || r == XR_SESSION_LOSS_PENDING) << resultText(r);
    for (int eye = 0; eye < 2; ++eye) {
      projViews[eye] = {XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW};
      projViews[eye].pose = views[eye].pose;
      projViews[eye].fov = views[eye].fov;
      projViews[eye].subImage.swapchain = eyes[eye].handle;
      projViews[eye].subImage.imageRect = {{0, 0}, {int32_t(eyeWidth), int32_t(eyeHeight)}};
    }
    layer.space = stage;
    layer.viewCount = 2;
    layer.views = projViews.data();
    ei.layerCount = 1;
    ei.layers = layers;
  }
  r = xrEndFrame(session, &ei);
  EXPECT_TRUE(r == XR_SUCCESS || r == XR_SESSION_LOSS_PENDING) << resultText(r);
  return fs;
}

void XrSimTest::destroyAll() {
  for (auto& eye : eyes) {
    if (eye.handle) xrDestroySwapchain(eye.handle);
    eye = {};
  }
  if (stage) xrDestroySpace(stage);
  stage = XR_NULL_HANDLE;
  if (session) {
    EXPECT_EQ(xrDestroySession(session), XR_SUCCESS);
  }
  session = XR_NULL_HANDLE;
  if (commandPool) vkDestroyCommandPool(device, commandPool, nullptr);
  commandPool = VK_NULL_HANDLE;
  if (device) vkDestroyDevice(device, nullptr);
  device = VK_NULL_HANDLE;
  if (vkMessenger) {
    auto destroy = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(vkInstance, "vkDestroyDebugUtilsMessengerEXT"));
    destroy(vkInstance, vkMessenger, nullptr);
    vkMessenger = VK_NULL_HANDLE;
  }
  if (vkInstance) vkDestroyInstance(vkInstance, nullptr);
  vkInstance = VK_NULL_HANDLE;
  if (xrMessenger) {
    auto destroy = xrFn<PFN_xrDestroyDebugUtilsMessengerEXT>(instance, "xrDestroyDebugUtilsMessengerEXT");
    if (destroy) destroy(xrMessenger);
    xrMessenger = XR_NULL_HANDLE;
  }
  if (instance) {
    EXPECT_EQ(xrDestroyInstance(instance), XR_SUCCESS);
  }
  instance = XR_NULL_HANDLE;
}

}  // namespace cx::testing
