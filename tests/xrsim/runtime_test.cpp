// Instance, system, Vulkan, session state machine, frames and views of the simulated runtime.
#include <cmath>
#include <cstring>
#include <fstream>

#include <nlohmann/json.hpp>

#include "xr_app.h"

namespace cx::testing {
namespace {

using States = std::vector<XrSessionState>;

TEST_F(XrSimTest, NegotiatesAndCreatesInstance) {
  createInstance();
  XrInstanceProperties props{XR_TYPE_INSTANCE_PROPERTIES};
  XR_CHECK(xrGetInstanceProperties(instance, &props));
  EXPECT_NE(std::strstr(props.runtimeName, "CloudExpo XR simulator"), nullptr) << props.runtimeName;
  uint32_t count = 0;
  XR_CHECK(xrEnumerateInstanceExtensionProperties(nullptr, 0, &count, nullptr));
  std::vector<XrExtensionProperties> exts(count, {XR_TYPE_EXTENSION_PROPERTIES});
  XR_CHECK(xrEnumerateInstanceExtensionProperties(nullptr, count, &count, exts.data()));
  std::vector<std::string> names;
  for (auto& e : exts) names.push_back(e.extensionName);
  EXPECT_NE(std::find(names.begin(), names.end(), XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME),
            names.end());

  XrPath path = XR_NULL_PATH;
  XR_CHECK(xrStringToPath(instance, "/user/hand/right/input/trigger/value", &path));
  XrPath again = XR_NULL_PATH;
  XR_CHECK(xrStringToPath(instance, "/user/hand/right/input/trigger/value", &again));
  EXPECT_EQ(path, again);
  char buffer[XR_MAX_PATH_LENGTH];
  XR_CHECK(xrPathToString(instance, path, sizeof buffer, &count, buffer));
  EXPECT_STREQ(buffer, "/user/hand/right/input/trigger/value");
  EXPECT_EQ(count, std::strlen(buffer) + 1);
  char text[XR_MAX_RESULT_STRING_SIZE];
  XR_CHECK(xrResultToString(instance, XR_ERROR_SESSION_NOT_RUNNING, text));
  EXPECT_STREQ(text, "XR_ERROR_SESSION_NOT_RUNNING");
  char type[XR_MAX_STRUCTURE_NAME_SIZE];
  XR_CHECK(xrStructureTypeToString(instance, XR_TYPE_FRAME_STATE, type));
  EXPECT_STREQ(type, "XR_TYPE_FRAME_STATE");

  getSystem();
  XrSystemProperties sys{XR_TYPE_SYSTEM_PROPERTIES};
  XR_CHECK(xrGetSystemProperties(instance, systemId, &sys));
  EXPECT_TRUE(sys.trackingProperties.positionTracking);
  XrEnvironmentBlendMode mode{};
  XR_CHECK(xrEnumerateEnvironmentBlendModes(instance, systemId, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 1,
                                            &count, &mode));
  EXPECT_EQ(mode, XR_ENVIRONMENT_BLEND_MODE_OPAQUE);
}

TEST_F(XrSimTest, RecommendedViewSizeComesFromTheScript) {
  writeScript("eye_size 320 200\n");
  createInstance();
  getSystem();
  uint32_t count = 0;
  std::array<XrViewConfigurationView, 2> views{
      {{XR_TYPE_VIEW_CONFIGURATION_VIEW}, {XR_TYPE_VIEW_CONFIGURATION_VIEW}}};
  XR_CHECK(xrEnumerateViewConfigurationViews(instance, systemId, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 2,
                                             &count, views.data()));
  ASSERT_EQ(count, 2u);
  EXPECT_EQ(views[1].recommendedImageRectWidth, 320u);
  EXPECT_EQ(views[1].recommendedImageRectHeight, 200u);
}

TEST_F(XrSimTest, NoHmdMeansFormFactorUnavailable) {
  setenv("CX_XRSIM_NO_HMD", "1", 1);
  createInstance();
  XrSystemGetInfo gi{XR_TYPE_SYSTEM_GET_INFO};
  gi.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
  XrSystemId id = XR_NULL_SYSTEM_ID;
  EXPECT_EQ(xrGetSystem(instance, &gi, &id), XR_ERROR_FORM_FACTOR_UNAVAILABLE);
}

TEST_F(XrSimTest, NoStageAndNoDepthAreHonoured) {
  setenv("CX_XRSIM_NO_STAGE", "1", 1);
  setenv("CX_XRSIM_NO_DEPTH", "1", 1);
  setup();
  EXPECT_FALSE(depthEnabled);
  uint32_t count = 0;
  XR_CHECK(xrEnumerateReferenceSpaces(session, 0, &count, nullptr));
  std::vector<XrReferenceSpaceType> types(count);
  XR_CHECK(xrEnumerateReferenceSpaces(session, count, &count, types.data()));
  EXPECT_EQ(std::find(types.begin(), types.end(), XR_REFERENCE_SPACE_TYPE_STAGE), types.end());
  EXPECT_NE(std::find(types.begin(), types.end(), XR_REFERENCE_SPACE_TYPE_LOCAL), types.end());
  XrReferenceSpaceCreateInfo si{XR_TYPE_REFERENCE_SPACE_CREATE_INFO};
  si.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_STAGE;
  si.poseInReferenceSpace.orientation.w = 1.0f;
  XrSpace space = XR_NULL_HANDLE;
  EXPECT_EQ(xrCreateReferenceSpace(session, &si, &space), XR_ERROR_REFERENCE_SPACE_UNSUPPORTED);
  XrExtent2Df bounds{};
  EXPECT_EQ(xrGetReferenceSpaceBoundsRect(session, XR_REFERENCE_SPACE_TYPE_LOCAL, &bounds),
            XR_SPACE_BOUNDS_UNAVAILABLE);
}

TEST_F(XrSimTest, BadScriptFailsInstanceCreation) {
  writeScript("at 3 jump right\n");
  XrInstanceCreateInfo ci{XR_TYPE_INSTANCE_CREATE_INFO};
  std::strcpy(ci.applicationInfo.applicationName, "xrsim_tests");
  ci.applicationInfo.apiVersion = XR_MAKE_VERSION(1, 0, 0);
  const char* ext = XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME;
  ci.enabledExtensionCount = 1;
  ci.enabledExtensionNames = &ext;
  XrInstance bad = XR_NULL_HANDLE;
  EXPECT_EQ(xrCreateInstance(&ci, &bad), XR_ERROR_INITIALIZATION_FAILED);
}

TEST_F(XrSimTest, VulkanEnable2CreatesInstanceAndDevice) {
  createInstance();
  getSystem();
  createVulkan();
  EXPECT_NE(vkInstance, VK_NULL_HANDLE);
  EXPECT_NE(device, VK_NULL_HANDLE);
  VkPhysicalDeviceProperties props;
  vkGetPhysicalDeviceProperties(physicalDevice, &props);
  std::printf("xrsim: Vulkan device %s\n", props.deviceName);
}

TEST_F(XrSimTest, SessionReachesFocused) {
  setup();
  States states = runToFocused();
  States expected = {XR_SESSION_STATE_IDLE, XR_SESSION_STATE_READY, XR_SESSION_STATE_SYNCHRONIZED,
                     XR_SESSION_STATE_VISIBLE, XR_SESSION_STATE_FOCUSED};
  EXPECT_EQ(states, expected);
}

TEST_F(XrSimTest, SwapchainsAndProjectionLayer) {
  setup();
  uint32_t count = 0;
  XR_CHECK(xrEnumerateSwapchainFormats(session, 0, &count, nullptr));
  std::vector<int64_t> formats(count);
  XR_CHECK(xrEnumerateSwapchainFormats(session, count, &count, formats.data()));
  EXPECT_NE(std::find(formats.begin(), formats.end(), VK_FORMAT_R8G8B8A8_SRGB), formats.end());
  EXPECT_NE(std::find(formats.begin(), formats.end(), VK_FORMAT_D32_SFLOAT), formats.end());
  runToFocused();
  XrTime last = 0;
  for (int i = 0; i < 4; ++i) {
    XrFrameState fs = renderFrame();
    EXPECT_TRUE(fs.shouldRender);
    EXPECT_GT(fs.predictedDisplayTime, last);
    EXPECT_GT(fs.predictedDisplayPeriod, 0);
    last = fs.predictedDisplayTime;
  }
  ASSERT_EQ(eyes[0].images.size(), 3u);
  // A depth swapchain (array of 2) and a colour array swapchain are created and hold real images.
  TestSwapchain depth =
      createSwapchain(VK_FORMAT_D32_SFLOAT, 32, 32, 2, XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT);
  EXPECT_EQ(depth.images.size(), 3u);
  for (VkImage image : depth.images) EXPECT_NE(image, VK_NULL_HANDLE);
  XR_CHECK(xrDestroySwapchain(depth.handle));
}

TEST_F(XrSimTest, DepthInfoIsAcceptedOnProjectionViews) {
  setup();
  ASSERT_TRUE(depthEnabled);
  runToFocused();
  TestSwapchain depth = createSwapchain(VK_FORMAT_D32_SFLOAT, eyeWidth, eyeHeight, 1,
                                        XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT);
  XrFrameState fs{XR_TYPE_FRAME_STATE};
  XrFrameWaitInfo wi{XR_TYPE_FRAME_WAIT_INFO};
  XR_CHECK(xrWaitFrame(session, &wi, &fs));
  XrFrameBeginInfo bi{XR_TYPE_FRAME_BEGIN_INFO};
  XR_CHECK(xrBeginFrame(session, &bi));
  for (int eye = 0; eye < 2; ++eye) clearSwapchainImage(eyes[eye], {0, 1, 0, 1});
  uint32_t index = 0;
  XrSwapchainImageAcquireInfo ai{XR_TYPE_SWAPCHAIN_IMAGE_ACQUIRE_INFO};
  XR_CHECK(xrAcquireSwapchainImage(depth.handle, &ai, &index));
  XrSwapchainImageWaitInfo swi{XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO};
  swi.timeout = XR_INFINITE_DURATION;
  XR_CHECK(xrWaitSwapchainImage(depth.handle, &swi));
  XrSwapchainImageReleaseInfo ri{XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO};
  XR_CHECK(xrReleaseSwapchainImage(depth.handle, &ri));
  std::array<XrCompositionLayerDepthInfoKHR, 2> depthInfo{};
  std::array<XrCompositionLayerProjectionView, 2> views{};
  for (int eye = 0; eye < 2; ++eye) {
    depthInfo[eye] = {XR_TYPE_COMPOSITION_LAYER_DEPTH_INFO_KHR};
    depthInfo[eye].subImage.swapchain = depth.handle;
    depthInfo[eye].subImage.imageRect = {{0, 0}, {int32_t(eyeWidth), int32_t(eyeHeight)}};
    depthInfo[eye].minDepth = 0.0f;
    depthInfo[eye].maxDepth = 1.0f;
    depthInfo[eye].nearZ = 0.05f;
    depthInfo[eye].farZ = 100.0f;
    views[eye] = {XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW, &depthInfo[eye]};
    views[eye].pose.orientation.w = 1.0f;
    views[eye].fov = {-0.7f, 0.7f, 0.7f, -0.7f};
    views[eye].subImage.swapchain = eyes[eye].handle;
    views[eye].subImage.imageRect = {{0, 0}, {int32_t(eyeWidth), int32_t(eyeHeight)}};
  }
  XrCompositionLayerProjection layer{XR_TYPE_COMPOSITION_LAYER_PROJECTION};
  layer.space = stage;
  layer.viewCount = 2;
  layer.views = views.data();
  const XrCompositionLayerBaseHeader* layers[] = {reinterpret_cast<XrCompositionLayerBaseHeader*>(&layer)};
  XrFrameEndInfo ei{XR_TYPE_FRAME_END_INFO};
  ei.displayTime = fs.predictedDisplayTime;
  ei.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
  ei.layerCount = 1;
  ei.layers = layers;
  XR_CHECK(xrEndFrame(session, &ei));
  // A depth swapchain where colour is expected is rejected.
  XR_CHECK(xrWaitFrame(session, &wi, &fs));
  XR_CHECK(xrBeginFrame(session, &bi));
  views[0].subImage.swapchain = depth.handle;
  ei.displayTime = fs.predictedDisplayTime;
  EXPECT_EQ(xrEndFrame(session, &ei), XR_ERROR_LAYER_INVALID);
  XR_CHECK(xrDestroySwapchain(depth.handle));
}

TEST_F(XrSimTest, LocateViewsParallaxIsTheIpd) {
  writeScript("ipd 0.07\nfov 40 50 30 35\nat 0 head 1 1.5 2 90 0\n");
  setup();
  runToFocused();
  XrViewLocateInfo li{XR_TYPE_VIEW_LOCATE_INFO};
  li.viewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
  li.displayTime = renderFrame().predictedDisplayTime;
  li.space = stage;
  XrViewState vs{XR_TYPE_VIEW_STATE};
  std::array<XrView, 2> views{{{XR_TYPE_VIEW}, {XR_TYPE_VIEW}}};
  uint32_t count = 0;
  XR_CHECK(xrLocateViews(session, &li, &vs, 2, &count, views.data()));
  ASSERT_EQ(count, 2u);
  EXPECT_TRUE(vs.viewStateFlags & XR_VIEW_STATE_POSITION_VALID_BIT);
  const XrVector3f& l = views[0].pose.position;
  const XrVector3f& r = views[1].pose.position;
  float dx = r.x - l.x, dy = r.y - l.y, dz = r.z - l.z;
  EXPECT_NEAR(std::sqrt(dx * dx + dy * dy + dz * dz), 0.07f, 1e-5f);
  // Yaw 90 degrees (looking down -X): the right eye sits toward -Z of the left one.
  EXPECT_NEAR(dz, -0.07f, 1e-5f);
  EXPECT_NEAR((l.x + r.x) / 2, 1.0f, 1e-5f);
  EXPECT_NEAR((l.y + r.y) / 2, 1.5f, 1e-5f);
  EXPECT_NEAR(views[0].fov.angleLeft, -40.0f * 3.14159265f / 180.0f, 1e-5f);
  EXPECT_NEAR(views[1].fov.angleRight, 50.0f * 3.14159265f / 180.0f, 1e-5f);
  EXPECT_NEAR(views[1].fov.angleUp, 30.0f * 3.14159265f / 180.0f, 1e-5f);
  EXPECT_NEAR(views[1].fov.angleDown, -35.0f * 3.14159265f / 180.0f, 1e-5f);

  // LOCAL sits 1.6 m above the STAGE origin; VIEW is the head.
  XrReferenceSpaceCreateInfo si{XR_TYPE_REFERENCE_SPACE_CREATE_INFO};
  si.poseInReferenceSpace.orientation.w = 1.0f;
  si.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_LOCAL;
  XrSpace local = XR_NULL_HANDLE, view = XR_NULL_HANDLE;
  XR_CHECK(xrCreateReferenceSpace(session, &si, &local));
  si.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_VIEW;
  XR_CHECK(xrCreateReferenceSpace(session, &si, &view));
  XrSpaceLocation loc{XR_TYPE_SPACE_LOCATION};
  XR_CHECK(xrLocateSpace(local, stage, li.displayTime, &loc));
  EXPECT_NEAR(loc.pose.position.y, 1.6f, 1e-5f);
  XR_CHECK(xrLocateSpace(view, stage, li.displayTime, &loc));
  EXPECT_NEAR(loc.pose.position.x, 1.0f, 1e-5f);
  EXPECT_NEAR(loc.pose.position.z, 2.0f, 1e-5f);
  XrExtent2Df bounds{};
  XR_CHECK(xrGetReferenceSpaceBoundsRect(session, XR_REFERENCE_SPACE_TYPE_STAGE, &bounds));
  EXPECT_FLOAT_EQ(bounds.width, 20.0f);
  XR_CHECK(xrDestroySpace(local));
  XR_CHECK(xrDestroySpace(view));
}

TEST_F(XrSimTest, ExitRequestGoesThroughStoppingToExiting) {
  auto script = writeScript("# nothing timed\n");
  setup();
  runToFocused();
  XR_CHECK(xrRequestExitSession(session));
  States states = pollStates();
  States expected = {XR_SESSION_STATE_VISIBLE, XR_SESSION_STATE_SYNCHRONIZED, XR_SESSION_STATE_STOPPING};
  EXPECT_EQ(states, expected);
  XrFrameState fs = renderFrame();  // frames may continue while STOPPING, without rendering
  EXPECT_FALSE(fs.shouldRender);
  XR_CHECK(xrEndSession(session));
  states = pollStates();
  expected = {XR_SESSION_STATE_IDLE, XR_SESSION_STATE_EXITING};
  EXPECT_EQ(states, expected);
  XrSessionBeginInfo sbi{XR_TYPE_SESSION_BEGIN_INFO};
  sbi.primaryViewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
  EXPECT_EQ(xrBeginSession(session, &sbi), XR_ERROR_SESSION_NOT_READY);
  destroyAll();
  std::ifstream in(script.string() + ".summary.json");
  ASSERT_TRUE(in) << "no summary";
  auto summary = nlohmann::json::parse(in);
  EXPECT_EQ(summary["finalState"], "EXITING");
  EXPECT_GE(summary["framesSubmitted"].get<int>(), 2);
  EXPECT_EQ(summary["sessionStates"].front(), "IDLE");
  ASSERT_EQ(summary["errors"].size(), 1u) << summary["errors"].dump();
  EXPECT_EQ(summary["errors"][0], "xrBeginSession: XR_ERROR_SESSION_NOT_READY");
}

TEST_F(XrSimTest, ScriptedExitAndLoss) {
  writeScript("at 3 exit\n");
  setup();
  runToFocused();
  for (int i = 0; i < 3; ++i) renderFrame();
  States states = pollStates();
  EXPECT_EQ(lastState(states), XR_SESSION_STATE_STOPPING);
  XR_CHECK(xrEndSession(session));
  EXPECT_EQ(lastState(pollStates()), XR_SESSION_STATE_EXITING);
}

TEST_F(XrSimTest, ScriptedLossIsLossPending) {
  writeScript("at 2 loss\n");
  setup();
  runToFocused();
  XrFrameState fs{XR_TYPE_FRAME_STATE};
  XrFrameWaitInfo wi{XR_TYPE_FRAME_WAIT_INFO};
  XrResult r = XR_SUCCESS;
  for (int i = 0; i < 3 && r == XR_SUCCESS; ++i) {
    r = xrWaitFrame(session, &wi, &fs);
    if (r != XR_SUCCESS) break;
    XrFrameBeginInfo bi{XR_TYPE_FRAME_BEGIN_INFO};
    XR_CHECK(xrBeginFrame(session, &bi));
    XrFrameEndInfo ei{XR_TYPE_FRAME_END_INFO};
    ei.displayTime = fs.predictedDisplayTime;
    ei.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
    XR_CHECK(xrEndFrame(session, &ei));
  }
  EXPECT_EQ(r, XR_SESSION_LOSS_PENDING) << resultText(r);
  EXPECT_EQ(lastState(pollStates()), XR_SESSION_STATE_LOSS_PENDING);
}

TEST_F(XrSimTest, WrongCallOrderGetsTheRightError) {
  setup();
  XrFrameState fs{XR_TYPE_FRAME_STATE};
  XrFrameWaitInfo wi{XR_TYPE_FRAME_WAIT_INFO};
  XrFrameBeginInfo bi{XR_TYPE_FRAME_BEGIN_INFO};
  XrFrameEndInfo ei{XR_TYPE_FRAME_END_INFO};
  ei.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
  EXPECT_EQ(xrWaitFrame(session, &wi, &fs), XR_ERROR_SESSION_NOT_RUNNING);
  EXPECT_EQ(xrEndSession(session), XR_ERROR_SESSION_NOT_RUNNING);
  EXPECT_EQ(xrRequestExitSession(session), XR_ERROR_SESSION_NOT_RUNNING);
  pollStates();
  XrSessionBeginInfo sbi{XR_TYPE_SESSION_BEGIN_INFO};
  sbi.primaryViewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
  XR_CHECK(xrBeginSession(session, &sbi));
  EXPECT_EQ(xrBeginSession(session, &sbi), XR_ERROR_SESSION_RUNNING);
  EXPECT_EQ(xrBeginFrame(session, &bi), XR_ERROR_CALL_ORDER_INVALID);
  XR_CHECK(xrWaitFrame(session, &wi, &fs));
  ei.displayTime = fs.predictedDisplayTime;
  EXPECT_EQ(xrEndFrame(session, &ei), XR_ERROR_CALL_ORDER_INVALID);
  XR_CHECK(xrBeginFrame(session, &bi));
  XR_CHECK(xrEndFrame(session, &ei));
  EXPECT_EQ(xrEndFrame(session, &ei), XR_ERROR_CALL_ORDER_INVALID);
  // Beginning twice discards the first frame.
  XR_CHECK(xrWaitFrame(session, &wi, &fs));
  XR_CHECK(xrBeginFrame(session, &bi));
  XR_CHECK(xrWaitFrame(session, &wi, &fs));
  EXPECT_EQ(xrBeginFrame(session, &bi), XR_FRAME_DISCARDED);
  ei.displayTime = fs.predictedDisplayTime;
  XR_CHECK(xrEndFrame(session, &ei));
  EXPECT_EQ(xrEndSession(session), XR_ERROR_SESSION_NOT_STOPPING);

  // Swapchain order: wait and release need an acquired / waited image.
  TestSwapchain sc = createSwapchain(VK_FORMAT_R8G8B8A8_UNORM, 16, 16);
  XrSwapchainImageWaitInfo swi{XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO};
  swi.timeout = XR_INFINITE_DURATION;
  XrSwapchainImageReleaseInfo ri{XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO};
  XrSwapchainImageAcquireInfo ai{XR_TYPE_SWAPCHAIN_IMAGE_ACQUIRE_INFO};
  EXPECT_EQ(xrWaitSwapchainImage(sc.handle, &swi), XR_ERROR_CALL_ORDER_INVALID);
  EXPECT_EQ(xrReleaseSwapchainImage(sc.handle, &ri), XR_ERROR_CALL_ORDER_INVALID);
  uint32_t index = 0;
  XR_CHECK(xrAcquireSwapchainImage(sc.handle, &ai, &index));
  EXPECT_EQ(xrReleaseSwapchainImage(sc.handle, &ri), XR_ERROR_CALL_ORDER_INVALID);
  XR_CHECK(xrWaitSwapchainImage(sc.handle, &swi));
  EXPECT_EQ(xrWaitSwapchainImage(sc.handle, &swi), XR_ERROR_CALL_ORDER_INVALID);
  XR_CHECK(xrReleaseSwapchainImage(sc.handle, &ri));
  for (int i = 0; i < 3; ++i) XR_CHECK(xrAcquireSwapchainImage(sc.handle, &ai, &index));
  EXPECT_EQ(xrAcquireSwapchainImage(sc.handle, &ai, &index), XR_ERROR_CALL_ORDER_INVALID);
  XR_CHECK(xrDestroySwapchain(sc.handle));
}

}  // namespace
}  // namespace cx::testing
