#include "window.h"

#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>

#include <imgui.h>
#include <imgui_impl_glfw.h>

#include <cstring>

namespace cx::viewer {
namespace {

Window* owner(GLFWwindow* w) { return static_cast<Window*>(glfwGetWindowUserPointer(w)); }

void onKey(GLFWwindow* w, int key, int scancode, int action, int mods) {
  ImGui_ImplGlfw_KeyCallback(w, key, scancode, action, mods);
  Window* win = owner(w);
  if (!win || key < 0 || key >= 512) return;
  if (action == GLFW_PRESS) {
    win->input.keys[key] = true;
    win->input.pressed[key] = true;
  } else if (action == GLFW_RELEASE) {
    win->input.keys[key] = false;
  }
}

void onMouseButton(GLFWwindow* w, int button, int action, int mods) {
  ImGui_ImplGlfw_MouseButtonCallback(w, button, action, mods);
  Window* win = owner(w);
  if (!win || button < 0 || button >= 8) return;
  if (action == GLFW_PRESS) {
    win->input.mouseButtons[button] = true;
    win->dragDistance = 0.0f;
  } else if (action == GLFW_RELEASE) {
    win->input.mouseButtons[button] = false;
    if (win->dragDistance < 4.0f) win->input.mouseClicked[button] = true;
  }
}

void onCursor(GLFWwindow* w, double x, double y) {
  Window* win = owner(w);
  if (!win) return;
  glm::vec2 p{float(x), float(y)};
  glm::vec2 d = p - win->input.mousePos;
  win->input.mouseDelta += d;
  win->dragDistance += glm::length(d);
  win->input.mousePos = p;
}

void onScroll(GLFWwindow* w, double dx, double dy) {
  ImGui_ImplGlfw_ScrollCallback(w, dx, dy);
  if (Window* win = owner(w)) win->input.scroll += float(dy);
}

void onResize(GLFWwindow* w, int, int) {
  if (Window* win = owner(w)) win->input.resized = true;
}

void onContentScale(GLFWwindow* w, float x, float y) {
  if (Window* win = owner(w)) win->contentScale = {x, y};
}

}  // namespace

Result<void> initGlfw() {
  glfwSetErrorCallback([](int, const char*) {});
  if (!glfwInit()) {
    const char* description = nullptr;
    glfwGetError(&description);
    return makeError(std::string("no display: GLFW could not start (") +
                     (description ? description : "unknown reason") + ")");
  }
  if (!glfwVulkanSupported()) {
    glfwTerminate();
    return makeError("GLFW found no Vulkan loader");
  }
  return {};
}

void terminateGlfw() { glfwTerminate(); }

std::vector<std::string> requiredInstanceExtensions() {
  uint32_t count = 0;
  const char** names = glfwGetRequiredInstanceExtensions(&count);
  std::vector<std::string> out;
  for (uint32_t i = 0; i < count; ++i) out.emplace_back(names[i]);
  return out;
}

Result<Window*> createWindow(const WindowDesc& desc) {
  glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
  glfwWindowHint(GLFW_VISIBLE, desc.visible ? GLFW_TRUE : GLFW_FALSE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
  GLFWwindow* handle = glfwCreateWindow(desc.width, desc.height, desc.title.c_str(), nullptr, nullptr);
  if (!handle) return makeError("GLFW could not create a window");
  auto* win = new Window;
  win->handle = handle;
  win->windowedSize[0] = desc.width;
  win->windowedSize[1] = desc.height;
  glfwSetWindowUserPointer(handle, win);
  glfwGetWindowContentScale(handle, &win->contentScale.x, &win->contentScale.y);
  double x = 0, y = 0;
  glfwGetCursorPos(handle, &x, &y);
  win->input.mousePos = {float(x), float(y)};
  glfwSetKeyCallback(handle, onKey);
  glfwSetMouseButtonCallback(handle, onMouseButton);
  glfwSetCursorPosCallback(handle, onCursor);
  glfwSetScrollCallback(handle, onScroll);
  glfwSetFramebufferSizeCallback(handle, onResize);
  glfwSetWindowContentScaleCallback(handle, onContentScale);
  glfwSetCharCallback(handle, ImGui_ImplGlfw_CharCallback);
  glfwSetWindowFocusCallback(handle, ImGui_ImplGlfw_WindowFocusCallback);
  glfwSetCursorEnterCallback(handle, ImGui_ImplGlfw_CursorEnterCallback);
  if (desc.fullscreen) toggleFullscreen(*win);
  return win;
}

void destroyWindow(Window* window) {
  if (!window) return;
  glfwDestroyWindow(window->handle);
  delete window;
}

bool windowShouldClose(const Window& window) { return glfwWindowShouldClose(window.handle); }
void requestClose(Window& window) { glfwSetWindowShouldClose(window.handle, GLFW_TRUE); }

void pollInput(Window& window) {
  std::memset(window.input.pressed, 0, sizeof(window.input.pressed));
  std::memset(window.input.mouseClicked, 0, sizeof(window.input.mouseClicked));
  window.input.mouseDelta = glm::vec2(0.0f);
  window.input.scroll = 0.0f;
  window.input.resized = false;
  glfwPollEvents();
}

void framebufferSize(const Window& window, int& width, int& height) {
  glfwGetFramebufferSize(window.handle, &width, &height);
}

void toggleFullscreen(Window& window) {
  if (!window.fullscreen) {
    GLFWmonitor* monitor = glfwGetPrimaryMonitor();
    const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
    if (!mode) return;
    glfwGetWindowPos(window.handle, &window.windowedPos[0], &window.windowedPos[1]);
    glfwGetWindowSize(window.handle, &window.windowedSize[0], &window.windowedSize[1]);
    glfwSetWindowMonitor(window.handle, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
    window.fullscreen = true;
  } else {
    glfwSetWindowMonitor(window.handle, nullptr, window.windowedPos[0], window.windowedPos[1],
                         window.windowedSize[0], window.windowedSize[1], 0);
    window.fullscreen = false;
  }
}

void setCursorCaptured(Window& window, bool captured) {
  glfwSetInputMode(window.handle, GLFW_CURSOR, captured ? GLFW_CURSOR_DISABLED : GLFW_CURSOR_NORMAL);
}

void setWindowSize(Window& window, int width, int height) { glfwSetWindowSize(window.handle, width, height); }

}  // namespace cx::viewer
