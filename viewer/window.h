#pragma once
// The GLFW window and the input it collects between frames. Only viewer/ includes GLFW.
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "cx/core/result.h"

struct GLFWwindow;

namespace cx::viewer {

struct WindowDesc {
  std::string title = "CloudExpo";
  int width = 1280;
  int height = 720;
  bool fullscreen = false;
  bool visible = true;
};

// Per-frame input, accumulated by GLFW callbacks and consumed once a frame.
struct InputState {
  bool keys[512] = {};         // held, by GLFW key code
  bool pressed[512] = {};      // went down this frame
  bool mouseButtons[8] = {};
  bool mouseClicked[8] = {};   // released without dragging this frame
  glm::vec2 mousePos{0.0f};    // window pixels
  glm::vec2 mouseDelta{0.0f};
  float scroll = 0.0f;
  bool resized = false;
};

struct Window {
  GLFWwindow* handle = nullptr;
  InputState input;
  glm::vec2 contentScale{1.0f};
  bool fullscreen = false;
  int windowedPos[2] = {0, 0};
  int windowedSize[2] = {1280, 720};
  float dragDistance = 0.0f;
};

Result<void> initGlfw();
void terminateGlfw();
// The instance extensions GLFW needs to make a Vulkan surface.
std::vector<std::string> requiredInstanceExtensions();

Result<Window*> createWindow(const WindowDesc& desc);
void destroyWindow(Window* window);
bool windowShouldClose(const Window& window);
void requestClose(Window& window);
// Clears per-frame edges (pressed, clicked, deltas) and polls events.
void pollInput(Window& window);
void framebufferSize(const Window& window, int& width, int& height);
void toggleFullscreen(Window& window);
void setCursorCaptured(Window& window, bool captured);
void setWindowSize(Window& window, int width, int height);

}  // namespace cx::viewer
