#pragma once
// Internal state of the simulated OpenXR runtime. Handles given to the application are pointers to
// these structs; every entry point locks the owning Instance's mutex (one per instance is enough
// for a test and development runtime).
#define XR_NO_PROTOTYPES  // this library implements the API; it must never call the loader's symbols
#define XR_USE_GRAPHICS_API_VULKAN
#include <vulkan/vulkan.h>  // before openxr_platform.h, which uses its types

#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>

#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "pose.h"
#include "script.h"

namespace cx::xrsim {

struct Instance;
struct Session;
struct ActionSet;
struct Action;
struct Mirror;

// Runtime configuration read from the environment at xrCreateInstance (see README.md).
struct Config {
  bool noHmd = false;
  bool noStage = false;
  bool noDepth = false;
  bool window = false;
  double fps = 90.0;
  std::string profile;  // CX_XRSIM_PROFILE, empty = first suggested in kProfiles order
  std::string scriptPath;
};

struct Swapchain {
  Session* session = nullptr;
  XrSwapchainCreateFlags createFlags = 0;
  XrSwapchainUsageFlags usage = 0;
  VkFormat format = VK_FORMAT_UNDEFINED;
  uint32_t width = 0, height = 0, arraySize = 1, mipCount = 1;
  bool depth = false;
  std::vector<VkImage> images;
  std::vector<VkDeviceMemory> memory;
  std::vector<bool> initialized;  // moved to its attachment layout (at first acquire)
  std::deque<uint32_t> acquired;   // acquired, in acquisition order (waited or not)
  std::optional<uint32_t> waited;  // the acquired image the app waited on and may render to
  int lastReleased = -1;           // image a layer referencing this swapchain shows
  uint32_t nextIndex = 0;
  bool staticAcquiredOnce = false;
};

struct Space {
  Session* session = nullptr;
  bool isAction = false;
  XrReferenceSpaceType referenceType = XR_REFERENCE_SPACE_TYPE_STAGE;
  Action* action = nullptr;
  XrPath subactionPath = XR_NULL_PATH;
  Pose offset;
};

struct Action {
  ActionSet* set = nullptr;
  std::string name;
  XrActionType type = XR_ACTION_TYPE_BOOLEAN_INPUT;
  std::vector<XrPath> subactionPaths;
};

struct ActionSet {
  Instance* instance = nullptr;
  std::string name;
  uint32_t priority = 0;
  bool attached = false;
  std::vector<std::unique_ptr<Action>> actions;
};

// Value of one action as of the last xrSyncActions, per subaction filter (index 0 = no filter,
// i + 1 = the action's subactionPaths[i]).
struct ActionValue {
  bool active = false;
  bool b = false;
  float f = 0.0f;
  float x = 0.0f, y = 0.0f;
  bool changed = false;
  XrTime lastChange = 0;
};

struct Session {
  Instance* instance = nullptr;
  XrSessionState state = XR_SESSION_STATE_UNKNOWN;
  bool running = false;  // between a successful xrBeginSession and xrEndSession
  bool exitRequested = false;
  bool lossPending = false;

  // Vulkan objects of the application (XrGraphicsBindingVulkan2KHR).
  VkInstance vkInstance = VK_NULL_HANDLE;
  VkPhysicalDevice physicalDevice = VK_NULL_HANDLE;
  VkDevice device = VK_NULL_HANDLE;
  uint32_t queueFamilyIndex = 0, queueIndex = 0;
  VkQueue queue = VK_NULL_HANDLE;
  VkCommandPool commandPool = VK_NULL_HANDLE;  // the runtime's own, on the app's queue family

  // Frame loop.
  uint64_t waitCount = 0;    // number of xrWaitFrame calls that returned
  bool frameWaited = false;  // a waited frame awaits xrBeginFrame
  bool frameBegun = false;   // a begun frame awaits xrEndFrame
  uint64_t waitedFrame = 0, begunFrame = 0;
  XrTime lastPredicted = 0;
  XrTime begunPredicted = 0;
  std::map<uint64_t, std::string> pendingCaptures;  // frame index -> output prefix

  std::vector<std::unique_ptr<Swapchain>> swapchains;
  std::vector<std::unique_ptr<Space>> spaces;

  // Actions.
  std::vector<ActionSet*> attachedSets;
  XrPath currentProfile = XR_NULL_PATH;
  std::map<const Action*, std::vector<ActionValue>> actionValues;
  std::set<const ActionSet*> activeSets;  // sets named in the last xrSyncActions

  std::unique_ptr<Mirror> mirror;
};

struct Instance {
  std::mutex mutex;
  Config config;
  Script script;
  SimInput input;
  bool depthExtension = false;
  bool vulkanEnable2 = false;
  bool graphicsRequirementsQueried = false;
  PFN_vkGetInstanceProcAddr appGetInstanceProcAddr = nullptr;
  std::string applicationName;

  std::deque<XrEventDataBuffer> events;

  std::vector<std::string> pathStrings{""};  // XrPath value = index; 0 = XR_NULL_PATH
  std::unordered_map<std::string, XrPath> pathIds;

  std::vector<std::unique_ptr<Session>> sessions;
  std::vector<std::unique_ptr<ActionSet>> actionSets;
  // profile path -> suggested (action, binding path) pairs (the last suggestion per profile wins).
  std::map<XrPath, std::vector<XrActionSuggestedBinding>> suggestedBindings;

  // Summary written at destruction when a script is set.
  uint64_t framesSubmitted = 0;
  std::vector<std::string> stateHistory;
  std::vector<std::string> errors;
};

// Constants.
inline constexpr XrSystemId kSystemId = 1;
inline constexpr uint32_t kSwapchainImageCount = 3;
inline constexpr uint32_t kMaxLayers = 16;
inline constexpr uint32_t kMaxImageSize = 4096;

// Handles are the runtime's own objects (null stays null; validity is checked by the callers).
inline Instance* toInstance(XrInstance handle) {
  return reinterpret_cast<Instance*>(handle);
}

// instance.cpp
XrTime nowXrTime();
XrPath internPath(Instance& inst, const std::string& path);
const std::string* pathString(const Instance& inst, XrPath path);
void queueSessionState(Session& session, XrSessionState state);
void queueEvent(Instance& inst, const void* event, size_t size);
const char* sessionStateName(XrSessionState state);
const char* resultName(XrResult result);
// Records an error the runtime returned ("xrFn: XR_ERROR_...") for the summary, then returns it.
XrResult fail(Instance& inst, const char* function, XrResult result, const std::string& why = {});
#define XRSIM_FAIL(inst, result, ...) ::cx::xrsim::fail((inst), __func__, (result), ##__VA_ARGS__)

// vulkan.cpp: every VkResult the runtime receives goes through XRSIM_VK; failure returns
// XR_ERROR_RUNTIME_FAILURE from the calling entry point after logging call and file:line.
bool checkVk(VkResult result, const char* call, const char* file, int line);
#define XRSIM_VK(call)                                                                             \
  do {                                                                                             \
    if (!::cx::xrsim::checkVk((call), #call, __FILE__, __LINE__)) return XR_ERROR_RUNTIME_FAILURE; \
  } while (0)
std::optional<uint32_t> findMemoryType(VkPhysicalDevice physicalDevice, uint32_t typeBits,
                                       VkMemoryPropertyFlags required, VkMemoryPropertyFlags preferred = 0);
// Records `record` into a one-time command buffer on the session's queue and waits for it.
template <typename F>
XrResult submitAndWait(Session& session, F&& record);
XrResult submitAndWaitImpl(Session& session, void (*record)(VkCommandBuffer, void*), void* user);
template <typename F>
XrResult submitAndWait(Session& session, F&& record) {
  return submitAndWaitImpl(
      session, [](VkCommandBuffer cmd, void* user) { (*static_cast<F*>(user))(cmd); }, &record);
}

// session.cpp
Session* toSession(XrSession handle);
void destroySessionObjects(Session& session);

// spaces.cpp
// Pose of the space's origin in STAGE; nullopt when untracked (an action space without a bound pose).
std::optional<Pose> spaceInStage(const Session& session, const Space& space);
Pose headInStage(const Instance& inst);
const char* referenceSpaceName(XrReferenceSpaceType type);

// swapchain.cpp
void destroySwapchain(Swapchain& swapchain);

// actions.cpp
// Pose of the hand an action space follows, or nullopt when the action has no pose binding there.
std::optional<Pose> actionPose(const Session& session, const Action& action, XrPath subactionPath);
void chooseInteractionProfile(Session& session);

// capture.cpp
XrResult captureFrame(Session& session, const XrFrameEndInfo& info, uint64_t frameIndex,
                      const std::string& prefix);
bool writeFileAtomic(const std::string& path, const void* data, size_t size);
void writeSummary(const Instance& inst);

// mirror.cpp (CX_XRSIM_WINDOW=1)
std::unique_ptr<Mirror> createMirror(Session& session);
void destroyMirror(Session& session);  // destroys session.mirror
// Shows the frame's projection views side by side and applies mouse/keyboard input to inst.input.
void presentMirror(Session& session, const XrFrameEndInfo& info);
void pollMirrorInput(Session& session, double dt);
std::vector<const char*> mirrorInstanceExtensions();  // initialises GLFW
void shutdownMirrorSystem();                          // glfwTerminate, at xrDestroyInstance

}  // namespace cx::xrsim
