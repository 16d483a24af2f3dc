// Instance: extensions, create/destroy, properties, the event queue, strings and paths.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include <openxr/openxr_reflection.h>

#include "entry_points.h"
#include "mirror.h"

namespace cx::xrsim {
namespace {

bool envFlag(const char* name) {
  const char* v = std::getenv(name);
  return v && *v && std::strcmp(v, "0") != 0;
}

std::vector<XrExtensionProperties> offeredExtensions() {
  std::vector<XrExtensionProperties> out;
  auto add = [&](const char* name, uint32_t version) {
    XrExtensionProperties p{XR_TYPE_EXTENSION_PROPERTIES};
    std::snprintf(p.extensionName, sizeof p.extensionName, "%s", name);
    p.extensionVersion = version;
    out.push_back(p);
  };
  add(XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME, XR_KHR_vulkan_enable2_SPEC_VERSION);
  if (!envFlag("CX_XRSIM_NO_DEPTH")) {
    add(XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME, XR_KHR_composition_layer_depth_SPEC_VERSION);
  }
  return out;
}

// Path syntax per the spec's "Path Atom Type": '/'-separated non-empty components of
// [a-z0-9-_.], no trailing '/', and no component made only of dots.
bool validPathString(const char* s) {
  size_t n = std::strlen(s);
  if (n < 2 || n >= XR_MAX_PATH_LENGTH || s[0] != '/' || s[n - 1] == '/') return false;
  bool onlyDots = true;
  size_t componentLength = 0;
  for (size_t i = 1; i <= n; ++i) {
    char c = i < n ? s[i] : '/';
    if (c == '/') {
      if (componentLength == 0 || onlyDots) return false;
      componentLength = 0;
      onlyDots = true;
      continue;
    }
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    if (!ok) return false;
    if (c != '.') onlyDots = false;
    ++componentLength;
  }
  return true;
}

}  // namespace

XrTime nowXrTime() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
             .count() +
         1;
}

XrPath internPath(Instance& inst, const std::string& path) {
  auto it = inst.pathIds.find(path);
  if (it != inst.pathIds.end()) return it->second;
  XrPath id = inst.pathStrings.size();
  inst.pathStrings.push_back(path);
  inst.pathIds.emplace(path, id);
  return id;
}

const std::string* pathString(const Instance& inst, XrPath path) {
  if (path == XR_NULL_PATH || path >= inst.pathStrings.size()) return nullptr;
  return &inst.pathStrings[path];
}

const char* sessionStateName(XrSessionState state) {
  switch (state) {
#define XRSIM_STATE_CASE(name, value) \
  case name:                          \
    return #name + 17;  // strip "XR_SESSION_STATE_"
    XR_LIST_ENUM_XrSessionState(XRSIM_STATE_CASE)
#undef XRSIM_STATE_CASE
        default : return "UNKNOWN";
  }
}

const char* resultName(XrResult result) {
  switch (result) {
#define XRSIM_RESULT_CASE(name, value) \
  case name:                           \
    return #name;
    XR_LIST_ENUM_XrResult(XRSIM_RESULT_CASE)
#undef XRSIM_RESULT_CASE
        default : return nullptr;
  }
}

XrResult fail(Instance& inst, const char* function, XrResult result, const std::string& why) {
  const char* name = resultName(result);
  std::string line = std::string(function) + ": " + (name ? name : std::to_string(result));
  if (!why.empty()) line += " (" + why + ")";
  inst.errors.push_back(line);
  if (std::getenv("CX_XRSIM_VERBOSE")) std::fprintf(stderr, "xrsim: %s\n", line.c_str());
  return result;
}

void queueEvent(Instance& inst, const void* event, size_t size) {
  XrEventDataBuffer buffer{};
  std::memcpy(&buffer, event, size);
  inst.events.push_back(buffer);
}

void queueSessionState(Session& session, XrSessionState state) {
  session.state = state;
  session.instance->stateHistory.push_back(sessionStateName(state));
  XrEventDataSessionStateChanged ev{XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED};
  ev.session = reinterpret_cast<XrSession>(&session);
  ev.state = state;
  ev.time = nowXrTime();
  queueEvent(*session.instance, &ev, sizeof ev);
}

XRSIM_ENTRY xrEnumerateInstanceExtensionProperties(const char* layerName, uint32_t capacity, uint32_t* count,
                                                   XrExtensionProperties* properties) {
  if (layerName && *layerName) return XR_ERROR_API_LAYER_NOT_PRESENT;
  if (!count) return XR_ERROR_VALIDATION_FAILURE;
  auto offered = offeredExtensions();
  *count = static_cast<uint32_t>(offered.size());
  if (capacity == 0) return XR_SUCCESS;
  if (capacity < offered.size()) return XR_ERROR_SIZE_INSUFFICIENT;
  for (size_t i = 0; i < offered.size(); ++i) {
    if (properties[i].type != XR_TYPE_EXTENSION_PROPERTIES) return XR_ERROR_VALIDATION_FAILURE;
    std::memcpy(properties[i].extensionName, offered[i].extensionName, sizeof offered[i].extensionName);
    properties[i].extensionVersion = offered[i].extensionVersion;
  }
  return XR_SUCCESS;
}

XRSIM_ENTRY xrCreateInstance(const XrInstanceCreateInfo* info, XrInstance* instance) {
  if (!info || !instance || info->type != XR_TYPE_INSTANCE_CREATE_INFO) return XR_ERROR_VALIDATION_FAILURE;
  if (XR_VERSION_MAJOR(info->applicationInfo.apiVersion) != 1) return XR_ERROR_API_VERSION_UNSUPPORTED;
  if (info->enabledApiLayerCount > 0) return XR_ERROR_API_LAYER_NOT_PRESENT;  // the loader handles layers
  auto inst = std::make_unique<Instance>();
  auto offered = offeredExtensions();
  for (uint32_t i = 0; i < info->enabledExtensionCount; ++i) {
    std::string_view name = info->enabledExtensionNames[i];
    bool found = false;
    for (auto& p : offered) found = found || name == p.extensionName;
    if (!found) return XR_ERROR_EXTENSION_NOT_PRESENT;
    if (name == XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME) inst->depthExtension = true;
    if (name == XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME) inst->vulkanEnable2 = true;
  }
  Config& cfg = inst->config;
  cfg.noHmd = envFlag("CX_XRSIM_NO_HMD");
  cfg.noStage = envFlag("CX_XRSIM_NO_STAGE");
  cfg.noDepth = envFlag("CX_XRSIM_NO_DEPTH");
  cfg.window = envFlag("CX_XRSIM_WINDOW");
  if (const char* p = std::getenv("CX_XRSIM_PROFILE")) cfg.profile = p;
  if (const char* fps = std::getenv("CX_XRSIM_FPS"); fps && *fps) {
    char* end = nullptr;
    double v = std::strtod(fps, &end);
    if (*end != '\0' || v < 0.0 || v > 1000.0) {
      std::fprintf(stderr, "xrsim: CX_XRSIM_FPS='%s' is not a rate in [0, 1000]\n", fps);
      return XR_ERROR_INITIALIZATION_FAILED;
    }
    cfg.fps = v;
  }
  if (const char* script = std::getenv("CX_XRSIM_SCRIPT"); script && *script) {
    cfg.scriptPath = script;
    std::ifstream in(script, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "xrsim: %s: cannot open the script\n", script);
      return XR_ERROR_INITIALIZATION_FAILED;
    }
    std::stringstream text;
    text << in.rdbuf();
    if (auto error = parseScript(text.str(), script, inst->script)) {
      std::fprintf(stderr, "xrsim: %s\n", error->c_str());
      return XR_ERROR_INITIALIZATION_FAILED;
    }
  }
  inst->applicationName = info->applicationInfo.applicationName;
  *instance = reinterpret_cast<XrInstance>(inst.release());
  return XR_SUCCESS;
}

XRSIM_ENTRY xrDestroyInstance(XrInstance instance) {
  Instance* inst = toInstance(instance);
  if (!inst) return XR_ERROR_HANDLE_INVALID;
  {
    std::lock_guard lock(inst->mutex);
    for (auto& session : inst->sessions) destroySessionObjects(*session);
    inst->sessions.clear();
    if (inst->config.window) shutdownMirrorSystem();
    if (!inst->config.scriptPath.empty()) writeSummary(*inst);
  }
  delete inst;
  return XR_SUCCESS;
}

XRSIM_ENTRY xrGetInstanceProperties(XrInstance instance, XrInstanceProperties* properties) {
  if (!toInstance(instance)) return XR_ERROR_HANDLE_INVALID;
  if (!properties || properties->type != XR_TYPE_INSTANCE_PROPERTIES) return XR_ERROR_VALIDATION_FAILURE;
  properties->runtimeVersion = XR_MAKE_VERSION(0, 1, 0);
  std::snprintf(properties->runtimeName, sizeof properties->runtimeName, "%s",
                "CloudExpo XR simulator (test and development runtime)");
  return XR_SUCCESS;
}

XRSIM_ENTRY xrPollEvent(XrInstance instance, XrEventDataBuffer* eventData) {
  Instance* inst = toInstance(instance);
  if (!inst) return XR_ERROR_HANDLE_INVALID;
  if (!eventData) return XR_ERROR_VALIDATION_FAILURE;
  std::lock_guard lock(inst->mutex);
  if (inst->events.empty()) return XR_EVENT_UNAVAILABLE;
  *eventData = inst->events.front();
  inst->events.pop_front();
  return XR_SUCCESS;
}

XRSIM_ENTRY xrResultToString(XrInstance instance, XrResult value, char buffer[XR_MAX_RESULT_STRING_SIZE]) {
  if (!toInstance(instance)) return XR_ERROR_HANDLE_INVALID;
  if (const char* name = resultName(value)) {
    std::snprintf(buffer, XR_MAX_RESULT_STRING_SIZE, "%s", name);
  } else {
    std::snprintf(buffer, XR_MAX_RESULT_STRING_SIZE, "XR_%s_%d",
                  value < 0 ? "UNKNOWN_FAILURE" : "UNKNOWN_SUCCESS", static_cast<int>(value));
  }
  return XR_SUCCESS;
}

XRSIM_ENTRY xrStructureTypeToString(XrInstance instance, XrStructureType value,
                                    char buffer[XR_MAX_STRUCTURE_NAME_SIZE]) {
  if (!toInstance(instance)) return XR_ERROR_HANDLE_INVALID;
  const char* name = nullptr;
  switch (value) {
#define XRSIM_TYPE_CASE(n, v) \
  case n:                     \
    name = #n;                \
    break;
    XR_LIST_ENUM_XrStructureType(XRSIM_TYPE_CASE)
#undef XRSIM_TYPE_CASE
        default : break;
  }
  if (name)
    std::snprintf(buffer, XR_MAX_STRUCTURE_NAME_SIZE, "%s", name);
  else
    std::snprintf(buffer, XR_MAX_STRUCTURE_NAME_SIZE, "XR_UNKNOWN_STRUCTURE_TYPE_%d",
                  static_cast<int>(value));
  return XR_SUCCESS;
}

XRSIM_ENTRY xrStringToPath(XrInstance instance, const char* pathString, XrPath* path) {
  Instance* inst = toInstance(instance);
  if (!inst) return XR_ERROR_HANDLE_INVALID;
  if (!pathString || !path) return XR_ERROR_VALIDATION_FAILURE;
  std::lock_guard lock(inst->mutex);
  if (!validPathString(pathString)) return XRSIM_FAIL(*inst, XR_ERROR_PATH_FORMAT_INVALID, pathString);
  *path = internPath(*inst, pathString);
  return XR_SUCCESS;
}

XRSIM_ENTRY xrPathToString(XrInstance instance, XrPath path, uint32_t capacity, uint32_t* count,
                           char* buffer) {
  Instance* inst = toInstance(instance);
  if (!inst) return XR_ERROR_HANDLE_INVALID;
  if (!count) return XR_ERROR_VALIDATION_FAILURE;
  std::lock_guard lock(inst->mutex);
  const std::string* s = pathString(*inst, path);
  if (!s) return XRSIM_FAIL(*inst, XR_ERROR_PATH_INVALID);
  *count = static_cast<uint32_t>(s->size() + 1);
  if (capacity == 0) return XR_SUCCESS;
  if (capacity < *count) return XR_ERROR_SIZE_INSUFFICIENT;
  std::memcpy(buffer, s->c_str(), *count);
  return XR_SUCCESS;
}

}  // namespace cx::xrsim
