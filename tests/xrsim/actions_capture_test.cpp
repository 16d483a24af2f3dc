// Actions driven by the script, capture of submitted frames, and the validation checks themselves.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>

#include <nlohmann/json.hpp>

#include "image_compare.h"
#include "xr_app.h"

namespace cx::testing {
namespace {

XrPath path(XrInstance instance, const char* s) {
  XrPath p = XR_NULL_PATH;
  EXPECT_EQ(xrStringToPath(instance, s, &p), XR_SUCCESS) << s;
  return p;
}

XrAction makeAction(XrActionSet set, const char* name, XrActionType type,
                    std::vector<XrPath> subactions = {}) {
  XrActionCreateInfo ci{XR_TYPE_ACTION_CREATE_INFO};
  std::strcpy(ci.actionName, name);
  std::strcpy(ci.localizedActionName, name);
  ci.actionType = type;
  ci.countSubactionPaths = static_cast<uint32_t>(subactions.size());
  ci.subactionPaths = subactions.data();
  XrAction action = XR_NULL_HANDLE;
  EXPECT_EQ(xrCreateAction(set, &ci, &action), XR_SUCCESS) << name;
  return action;
}

// The checks in TearDown must be able to fail: a provoked OpenXR and Vulkan misuse is reported.
TEST_F(XrSimTest, ValidationMessagesAreDetected) {
  setup();
  EXPECT_EQ(takeValidationMessages(), 0u);
  XrSystemProperties props{XR_TYPE_UNKNOWN};  // invalid structure type
  EXPECT_NE(xrGetSystemProperties(instance, systemId, &props), XR_SUCCESS);
  EXPECT_GT(takeValidationMessages(), 0u) << "the OpenXR core validation layer reported nothing";
  VkCommandBufferAllocateInfo alloc{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
  alloc.commandPool = commandPool;
  alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  alloc.commandBufferCount = 1;
  VkCommandBuffer cmd = VK_NULL_HANDLE;
  VK_CHECK_T(vkAllocateCommandBuffers(device, &alloc, &cmd));
  VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &cmd;  // never recorded: invalid
  vkQueueSubmit(queue, 1, &submit, VK_NULL_HANDLE);
  vkQueueWaitIdle(queue);
  vkFreeCommandBuffers(device, commandPool, 1, &cmd);
  EXPECT_GT(takeValidationMessages(), 0u) << "the Vulkan validation layer reported nothing";
}

TEST_F(XrSimTest, ScriptDrivesActions) {
  writeScript(
      "at 2 stick right 0 1\n"
      "at 2 trigger right 0.8\n"
      "at 2 hand right 0.3 1.2 -0.5 0 0\n"
      "at 3 button right a 1\n"
      "at 4 stick right 0 0\n");
  createInstance();
  getSystem();
  createVulkan();
  createSession();
  XrPath left = path(instance, "/user/hand/left"), right = path(instance, "/user/hand/right");
  XrActionSetCreateInfo si{XR_TYPE_ACTION_SET_CREATE_INFO};
  std::strcpy(si.actionSetName, "gameplay");
  std::strcpy(si.localizedActionSetName, "Gameplay");
  XrActionSet set = XR_NULL_HANDLE;
  XR_CHECK(xrCreateActionSet(instance, &si, &set));
  XrAction move = makeAction(set, "move", XR_ACTION_TYPE_VECTOR2F_INPUT, {left, right});
  XrAction select = makeAction(set, "select", XR_ACTION_TYPE_FLOAT_INPUT, {left, right});
  XrAction click = makeAction(set, "click", XR_ACTION_TYPE_BOOLEAN_INPUT, {left, right});
  XrAction button = makeAction(set, "button", XR_ACTION_TYPE_BOOLEAN_INPUT);
  XrAction aim = makeAction(set, "aim", XR_ACTION_TYPE_POSE_INPUT, {left, right});
  XrAction buzz = makeAction(set, "buzz", XR_ACTION_TYPE_VIBRATION_OUTPUT, {left, right});

  // Unknown profiles and paths are rejected.
  std::vector<XrActionSuggestedBinding> bad = {
      {click, path(instance, "/user/hand/right/input/banana/click")}};
  XrInteractionProfileSuggestedBinding sb{XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING};
  sb.interactionProfile = path(instance, "/interaction_profiles/oculus/touch_controller");
  sb.countSuggestedBindings = 1;
  sb.suggestedBindings = bad.data();
  EXPECT_EQ(xrSuggestInteractionProfileBindings(instance, &sb), XR_ERROR_PATH_UNSUPPORTED);
  sb.interactionProfile = path(instance, "/interaction_profiles/acme/banana_controller");
  EXPECT_EQ(xrSuggestInteractionProfileBindings(instance, &sb), XR_ERROR_PATH_UNSUPPORTED);

  std::vector<XrActionSuggestedBinding> touch = {
      {move, path(instance, "/user/hand/right/input/thumbstick")},
      {move, path(instance, "/user/hand/left/input/thumbstick")},
      {select, path(instance, "/user/hand/right/input/trigger/value")},
      {click, path(instance, "/user/hand/right/input/trigger")},
      {button, path(instance, "/user/hand/right/input/a/click")},
      {aim, path(instance, "/user/hand/right/input/aim/pose")},
      {buzz, path(instance, "/user/hand/right/output/haptic")},
  };
  sb.interactionProfile = path(instance, "/interaction_profiles/oculus/touch_controller");
  sb.countSuggestedBindings = static_cast<uint32_t>(touch.size());
  sb.suggestedBindings = touch.data();
  XR_CHECK(xrSuggestInteractionProfileBindings(instance, &sb));
  std::vector<XrActionSuggestedBinding> simple = {
      {click, path(instance, "/user/hand/right/input/select/click")},
      {aim, path(instance, "/user/hand/right/input/aim/pose")},
      {buzz, path(instance, "/user/hand/right/output/haptic")}};
  sb.interactionProfile = path(instance, "/interaction_profiles/khr/simple_controller");
  sb.countSuggestedBindings = static_cast<uint32_t>(simple.size());
  sb.suggestedBindings = simple.data();
  XR_CHECK(xrSuggestInteractionProfileBindings(instance, &sb));
  XrSessionActionSetsAttachInfo ai{XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO};
  ai.countActionSets = 1;
  ai.actionSets = &set;
  XR_CHECK(xrAttachSessionActionSets(session, &ai));
  XrActionSpaceCreateInfo asi{XR_TYPE_ACTION_SPACE_CREATE_INFO};
  asi.action = aim;
  asi.subactionPath = right;
  asi.poseInActionSpace.orientation.w = 1.0f;
  XrSpace aimSpace = XR_NULL_HANDLE;
  XR_CHECK(xrCreateActionSpace(session, &asi, &aimSpace));

  XrEventDataBuffer ev{XR_TYPE_EVENT_DATA_BUFFER};
  bool profileChanged = false;
  std::vector<XrSessionState> states;
  while (xrPollEvent(instance, &ev) == XR_SUCCESS) {
    profileChanged = profileChanged || ev.type == XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED;
    ev = {XR_TYPE_EVENT_DATA_BUFFER};
  }
  EXPECT_TRUE(profileChanged);
  XrInteractionProfileState ps{XR_TYPE_INTERACTION_PROFILE_STATE};
  XR_CHECK(xrGetCurrentInteractionProfile(session, right, &ps));
  // Without CX_XRSIM_PROFILE the first suggested profile in the README's order wins: simple.
  EXPECT_EQ(ps.interactionProfile, path(instance, "/interaction_profiles/khr/simple_controller"));

  runToFocused();  // frame 0 (and the states)
  XrActiveActionSet active{set, XR_NULL_PATH};
  XrActionsSyncInfo sync{XR_TYPE_ACTIONS_SYNC_INFO};
  sync.countActiveActionSets = 1;
  sync.activeActionSets = &active;
  XrActionStateGetInfo gi{XR_TYPE_ACTION_STATE_GET_INFO};
  XrActionStateBoolean b{XR_TYPE_ACTION_STATE_BOOLEAN};
  XR_CHECK(xrSyncActions(session, &sync));
  gi.action = click;
  XR_CHECK(xrGetActionStateBoolean(session, &gi, &b));
  EXPECT_TRUE(b.isActive);  // select/click of the simple controller
  EXPECT_FALSE(b.currentState);
  gi.action = move;
  XrActionStateVector2f v{XR_TYPE_ACTION_STATE_VECTOR2F};
  XR_CHECK(xrGetActionStateVector2f(session, &gi, &v));
  EXPECT_FALSE(v.isActive) << "the simple controller has no thumbstick";

  renderFrame();  // frame 1
  renderFrame();  // frame 2: stick, trigger and hand pose applied
  XR_CHECK(xrSyncActions(session, &sync));
  gi.action = click;
  XR_CHECK(xrGetActionStateBoolean(session, &gi, &b));
  EXPECT_TRUE(b.currentState);
  EXPECT_TRUE(b.changedSinceLastSync);
  EXPECT_GT(b.lastChangeTime, 0);
  gi.action = aim;
  XrSpaceLocation loc{XR_TYPE_SPACE_LOCATION};
  XR_CHECK(xrLocateSpace(aimSpace, stage, 1, &loc));
  EXPECT_TRUE(loc.locationFlags & XR_SPACE_LOCATION_POSITION_VALID_BIT);
  EXPECT_NEAR(loc.pose.position.x, 0.3f, 1e-5f);
  EXPECT_NEAR(loc.pose.position.z, -0.5f, 1e-5f);
  XR_CHECK(xrSyncActions(session, &sync));
  gi.action = click;
  XR_CHECK(xrGetActionStateBoolean(session, &gi, &b));
  EXPECT_TRUE(b.currentState);
  EXPECT_FALSE(b.changedSinceLastSync);
  gi.action = select;
  XrActionStateFloat f{XR_TYPE_ACTION_STATE_FLOAT};
  EXPECT_EQ(xrGetActionStateBoolean(session, &gi, &b), XR_ERROR_ACTION_TYPE_MISMATCH);
  XR_CHECK(xrGetActionStateFloat(session, &gi, &f));
  EXPECT_FALSE(f.isActive) << "not bound in the simple controller";
  XrHapticVibration vib{XR_TYPE_HAPTIC_VIBRATION};
  vib.amplitude = 0.5f;
  vib.duration = XR_MIN_HAPTIC_DURATION;
  vib.frequency = XR_FREQUENCY_UNSPECIFIED;
  XrHapticActionInfo hi{XR_TYPE_HAPTIC_ACTION_INFO};
  hi.action = buzz;
  XR_CHECK(xrApplyHapticFeedback(session, &hi, reinterpret_cast<XrHapticBaseHeader*>(&vib)));
  XR_CHECK(xrDestroySpace(aimSpace));
}

TEST_F(XrSimTest, ProfileOverrideReadsStickTriggerAndButtons) {
  setenv("CX_XRSIM_PROFILE", "/interaction_profiles/oculus/touch_controller", 1);
  writeScript(
      "at 2 stick right 0 1\n"
      "at 2 trigger right 0.8\n"
      "at 3 button right a 1\n"
      "at 4 stick right 0 0\n");
  createInstance();
  getSystem();
  createVulkan();
  createSession();
  XrPath left = path(instance, "/user/hand/left"), right = path(instance, "/user/hand/right");
  XrActionSetCreateInfo si{XR_TYPE_ACTION_SET_CREATE_INFO};
  std::strcpy(si.actionSetName, "gameplay");
  std::strcpy(si.localizedActionSetName, "Gameplay");
  XrActionSet set = XR_NULL_HANDLE;
  XR_CHECK(xrCreateActionSet(instance, &si, &set));
  XrAction move = makeAction(set, "move", XR_ACTION_TYPE_VECTOR2F_INPUT, {left, right});
  XrAction select = makeAction(set, "select", XR_ACTION_TYPE_FLOAT_INPUT, {left, right});
  XrAction button = makeAction(set, "button", XR_ACTION_TYPE_BOOLEAN_INPUT);
  std::vector<XrActionSuggestedBinding> touch = {
      {move, path(instance, "/user/hand/right/input/thumbstick")},
      {move, path(instance, "/user/hand/left/input/thumbstick")},
      {select, path(instance, "/user/hand/right/input/trigger/value")},
      {button, path(instance, "/user/hand/right/input/a/click")},
  };
  XrInteractionProfileSuggestedBinding sb{XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING};
  sb.interactionProfile = path(instance, "/interaction_profiles/oculus/touch_controller");
  sb.countSuggestedBindings = static_cast<uint32_t>(touch.size());
  sb.suggestedBindings = touch.data();
  XR_CHECK(xrSuggestInteractionProfileBindings(instance, &sb));
  std::vector<XrActionSuggestedBinding> simple = {
      {button, path(instance, "/user/hand/right/input/select/click")}};
  sb.interactionProfile = path(instance, "/interaction_profiles/khr/simple_controller");
  sb.countSuggestedBindings = 1;
  sb.suggestedBindings = simple.data();
  XR_CHECK(xrSuggestInteractionProfileBindings(instance, &sb));
  XrSessionActionSetsAttachInfo ai{XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO};
  ai.countActionSets = 1;
  ai.actionSets = &set;
  XR_CHECK(xrAttachSessionActionSets(session, &ai));
  XrInteractionProfileState ps{XR_TYPE_INTERACTION_PROFILE_STATE};
  XR_CHECK(xrGetCurrentInteractionProfile(session, left, &ps));
  EXPECT_EQ(ps.interactionProfile, path(instance, "/interaction_profiles/oculus/touch_controller"));

  runToFocused();  // frame 0
  XrActiveActionSet active{set, XR_NULL_PATH};
  XrActionsSyncInfo sync{XR_TYPE_ACTIONS_SYNC_INFO};
  sync.countActiveActionSets = 1;
  sync.activeActionSets = &active;
  XrActionStateGetInfo gi{XR_TYPE_ACTION_STATE_GET_INFO};
  XrActionStateVector2f v{XR_TYPE_ACTION_STATE_VECTOR2F};
  XrActionStateFloat f{XR_TYPE_ACTION_STATE_FLOAT};
  XrActionStateBoolean b{XR_TYPE_ACTION_STATE_BOOLEAN};
  std::vector<float> stickY, trigger;
  std::vector<bool> pressed;
  for (int frame = 1; frame <= 5; ++frame) {
    renderFrame();
    XR_CHECK(xrSyncActions(session, &sync));
    gi.action = move;
    gi.subactionPath = right;
    XR_CHECK(xrGetActionStateVector2f(session, &gi, &v));
    EXPECT_TRUE(v.isActive);
    stickY.push_back(v.currentState.y);
    gi.subactionPath = left;
    XR_CHECK(xrGetActionStateVector2f(session, &gi, &v));
    EXPECT_FLOAT_EQ(v.currentState.y, 0.0f) << "the left stick never moves";
    gi.action = select;
    gi.subactionPath = XR_NULL_PATH;
    XR_CHECK(xrGetActionStateFloat(session, &gi, &f));
    trigger.push_back(f.currentState);
    gi.action = button;
    XR_CHECK(xrGetActionStateBoolean(session, &gi, &b));
    pressed.push_back(b.currentState);
  }
  EXPECT_EQ(stickY, (std::vector<float>{0, 1, 1, 0, 0}));
  EXPECT_EQ(trigger, (std::vector<float>{0, 0.8f, 0.8f, 0.8f, 0.8f}));
  EXPECT_EQ(pressed, (std::vector<bool>{false, false, true, true, true}));
  gi.action = button;
  gi.subactionPath = right;  // not among the action's subaction paths
  EXPECT_EQ(xrGetActionStateBoolean(session, &gi, &b), XR_ERROR_PATH_UNSUPPORTED);
}

TEST_F(XrSimTest, CaptureWritesEyePngsAndLayers) {
  std::string prefix = (dir() / "frame3").string();
  writeScript("at 3 capture " + prefix + "\n");
  setup();
  runToFocused();  // frame 0
  for (int i = 1; i <= 4; ++i) renderFrame({1, 0, 0, 1}, {0, 0, 1, 1});
  RgbaImage left, right;
  std::string error;
  ASSERT_TRUE(loadPng(prefix + "-left.png", left, &error)) << error;
  ASSERT_TRUE(loadPng(prefix + "-right.png", right, &error)) << error;
  ASSERT_EQ(left.width, eyeWidth);
  ASSERT_EQ(left.height, eyeHeight);
  for (uint32_t p : {0u, eyeWidth * eyeHeight / 2 + 7, eyeWidth * eyeHeight - 1}) {
    EXPECT_EQ(left.rgba[p * 4 + 0], 255);
    EXPECT_EQ(left.rgba[p * 4 + 2], 0);
    EXPECT_EQ(right.rgba[p * 4 + 0], 0);
    EXPECT_EQ(right.rgba[p * 4 + 2], 255);
    EXPECT_EQ(right.rgba[p * 4 + 3], 255);
  }
  std::ifstream in(prefix + "-layers.json");
  ASSERT_TRUE(in);
  auto doc = nlohmann::json::parse(in);
  EXPECT_EQ(doc["frame"], 3);
  ASSERT_EQ(doc["layers"].size(), 1u);
  const auto& layer = doc["layers"][0];
  EXPECT_EQ(layer["type"], "projection");
  EXPECT_EQ(layer["space"], "STAGE");
  ASSERT_EQ(layer["views"].size(), 2u);
  EXPECT_EQ(layer["views"][1]["imageRect"], nlohmann::json({0, 0, eyeWidth, eyeHeight}));
  EXPECT_EQ(layer["views"][0]["swapchainFormat"], VK_FORMAT_R8G8B8A8_UNORM);
  EXPECT_EQ(layer["views"][0]["depth"], false);
  float dx = layer["views"][1]["pose"]["position"][0].get<float>() -
             layer["views"][0]["pose"]["position"][0].get<float>();
  EXPECT_NEAR(dx, 0.064f, 1e-5f);
  EXPECT_FALSE(std::filesystem::exists(dir() / "frame3-layer1.png"));
}

// A multiview-style array swapchain (layer 0 = left, layer 1 = right, SRGB) plus a quad layer.
TEST_F(XrSimTest, CaptureReadsArrayLayersAndQuadLayers) {
  std::string prefix = (dir() / "f2").string();
  writeScript("at 2 capture " + prefix + "\n");
  setup();
  runToFocused();  // frame 0
  renderFrame();   // frame 1
  TestSwapchain stereo = createSwapchain(VK_FORMAT_R8G8B8A8_SRGB, 40, 30, 2);
  TestSwapchain panel = createSwapchain(VK_FORMAT_B8G8R8A8_SRGB, 16, 8, 1);
  XrFrameState fs{XR_TYPE_FRAME_STATE};
  XrFrameWaitInfo wi{XR_TYPE_FRAME_WAIT_INFO};
  XR_CHECK(xrWaitFrame(session, &wi, &fs));  // frame 2
  XrFrameBeginInfo bi{XR_TYPE_FRAME_BEGIN_INFO};
  XR_CHECK(xrBeginFrame(session, &bi));
  clearSwapchainLayers(stereo, {{1, 1, 0, 1}, {0, 1, 1, 1}});
  clearSwapchainImage(panel, {0, 1, 0, 1});
  std::array<XrCompositionLayerProjectionView, 2> views{};
  for (uint32_t eye = 0; eye < 2; ++eye) {
    views[eye] = {XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW};
    views[eye].pose.orientation.w = 1.0f;
    views[eye].fov = {-0.7f, 0.7f, 0.6f, -0.6f};
    views[eye].subImage.swapchain = stereo.handle;
    views[eye].subImage.imageRect = {{10, 5}, {20, 20}};
    views[eye].subImage.imageArrayIndex = eye;
  }
  XrCompositionLayerProjection proj{XR_TYPE_COMPOSITION_LAYER_PROJECTION};
  proj.space = stage;
  proj.viewCount = 2;
  proj.views = views.data();
  XrCompositionLayerQuad quad{XR_TYPE_COMPOSITION_LAYER_QUAD};
  quad.space = stage;
  quad.eyeVisibility = XR_EYE_VISIBILITY_BOTH;
  quad.subImage.swapchain = panel.handle;
  quad.subImage.imageRect = {{0, 0}, {16, 8}};
  quad.pose = {{0, 0, 0, 1}, {0, 1.5f, -2}};
  quad.size = {1.0f, 0.5f};
  const XrCompositionLayerBaseHeader* layers[] = {reinterpret_cast<XrCompositionLayerBaseHeader*>(&proj),
                                                  reinterpret_cast<XrCompositionLayerBaseHeader*>(&quad)};
  XrFrameEndInfo ei{XR_TYPE_FRAME_END_INFO};
  ei.displayTime = fs.predictedDisplayTime;
  ei.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
  ei.layerCount = 2;
  ei.layers = layers;
  XR_CHECK(xrEndFrame(session, &ei));

  RgbaImage left, right, panelPng;
  std::string error;
  ASSERT_TRUE(loadPng(prefix + "-left.png", left, &error)) << error;
  ASSERT_TRUE(loadPng(prefix + "-right.png", right, &error)) << error;
  ASSERT_TRUE(loadPng(prefix + "-layer1.png", panelPng, &error)) << error;
  EXPECT_EQ(left.width, 20u);
  EXPECT_EQ(left.height, 20u);
  EXPECT_EQ(panelPng.width, 16u);
  // SRGB images hold encoded values: 1.0 -> 255, 0.0 -> 0. BGRA is converted to RGBA.
  EXPECT_EQ((std::array<int, 4>{left.rgba[0], left.rgba[1], left.rgba[2], left.rgba[3]}),
            (std::array<int, 4>{255, 255, 0, 255}));
  EXPECT_EQ((std::array<int, 4>{right.rgba[0], right.rgba[1], right.rgba[2], right.rgba[3]}),
            (std::array<int, 4>{0, 255, 255, 255}));
  EXPECT_EQ((std::array<int, 4>{panelPng.rgba[0], panelPng.rgba[1], panelPng.rgba[2], panelPng.rgba[3]}),
            (std::array<int, 4>{0, 255, 0, 255}));
  std::ifstream in(prefix + "-layers.json");
  ASSERT_TRUE(in);
  auto doc = nlohmann::json::parse(in);
  ASSERT_EQ(doc["layers"].size(), 2u);
  EXPECT_EQ(doc["layers"][0]["views"][1]["imageArrayIndex"], 1);
  EXPECT_EQ(doc["layers"][0]["views"][1]["imageRect"], nlohmann::json({10, 5, 20, 20}));
  EXPECT_EQ(doc["layers"][1]["type"], "quad");
  EXPECT_EQ(doc["layers"][1]["png"], "f2-layer1.png");
  EXPECT_EQ(doc["layers"][1]["size"], nlohmann::json({1.0, 0.5}));
  EXPECT_EQ(doc["displayTime"], fs.predictedDisplayTime);
  XR_CHECK(xrDestroySwapchain(stereo.handle));
  XR_CHECK(xrDestroySwapchain(panel.handle));
}

// Paced frames (CX_XRSIM_FPS=60): the period is exactly 1/60 s and predicted times step by at least it.
// Wall-clock figures are printed, not asserted.
TEST_F(XrSimTest, PacedFramesStepByThePeriod) {
  setenv("CX_XRSIM_FPS", "60", 1);
  setup();
  runToFocused();
  XrTime first = 0, last = 0;
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 6; ++i) {
    XrFrameState fs = renderFrame();
    EXPECT_EQ(fs.predictedDisplayPeriod, 16666667);
    if (i == 0) {
      first = fs.predictedDisplayTime;
    } else {
      // One period apart, or more when the app fell behind (never less: monotonic).
      EXPECT_GE(fs.predictedDisplayTime - last, fs.predictedDisplayPeriod);
    }
    last = fs.predictedDisplayTime;
  }
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  std::printf("xrsim: 6 paced frames at 60 Hz took %.1f ms (predicted span %.1f ms)\n", ms,
              (last - first) / 1e6);
}

}  // namespace
}  // namespace cx::testing
