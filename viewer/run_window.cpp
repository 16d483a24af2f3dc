// Window mode: GLFW window, swapchain, ImGui overlay, walkthrough. The same render() as offscreen.
#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstring>
#include <filesystem>

#include "cx/core/paths.h"
#include "cx/core/shutdown.h"
#include "cx/nav/camera.h"
#include "cx/render/offscreen.h"
#include "cx/render/vk_check.h"
#include "cx/ui/fonts.h"
#include "overlay.h"
#include "presenter.h"
#include "run_modes.h"
#include "visit.h"
#include "visit_frame.h"
#include "window.h"

namespace cx::viewer {
namespace {

nav::NavInput navInputFromKeys(const Window& window, bool keyboardFree, bool mouseLook, float dt) {
  nav::NavInput in;
  in.dt = dt;
  if (keyboardFree) {
    const bool* k = window.input.keys;
    in.move.z = float((k[GLFW_KEY_W] || k[GLFW_KEY_UP]) - (k[GLFW_KEY_S] || k[GLFW_KEY_DOWN]));
    in.move.x = float((k[GLFW_KEY_D] || k[GLFW_KEY_RIGHT]) - (k[GLFW_KEY_A] || k[GLFW_KEY_LEFT]));
    in.move.y = float(k[GLFW_KEY_E] || k[GLFW_KEY_PAGE_UP]) - float(k[GLFW_KEY_Q] || k[GLFW_KEY_PAGE_DOWN]);
    in.run = k[GLFW_KEY_LEFT_SHIFT] || k[GLFW_KEY_RIGHT_SHIFT];
  }
  if (mouseLook) in.lookDelta = window.input.mouseDelta;
  in.zoom = window.input.scroll;
  return in;
}

// Records the copy of the presented image into a host buffer (for F12 / script screenshots).
void recordScreenshotCopy(VkCommandBuffer cmd, VkImage image, VkExtent2D extent, const render::Buffer& buffer) {
  render::imageBarrier(cmd, image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                       VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                       VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT, VK_PIPELINE_STAGE_2_COPY_BIT,
                       VK_ACCESS_2_TRANSFER_READ_BIT);
  VkBufferImageCopy region{};
  region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
  region.imageExtent = {extent.width, extent.height, 1};
  vkCmdCopyImageToBuffer(cmd, image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, buffer.buffer, 1, &region);
  render::imageBarrier(cmd, image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                       VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, VK_PIPELINE_STAGE_2_COPY_BIT,
                       VK_ACCESS_2_TRANSFER_READ_BIT, VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                       VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT);
}

}  // namespace

int runWindowMode(const ViewerOptions& options) {
  if (auto glfw = initGlfw(); !glfw) {
    std::fprintf(stderr, "cloudexpo: %s\n", glfw.message().c_str());
    return 3;
  }
  WindowDesc wd;
  wd.width = options.width;
  wd.height = options.height;
  wd.fullscreen = options.fullscreen;
  auto window = createWindow(wd);
  if (!window) {
    std::fprintf(stderr, "cloudexpo: %s\n", window.message().c_str());
    terminateGlfw();
    return 3;
  }
  render::ContextDesc cd;
  cd.validation = options.validation;
  cd.instanceExtensions = requiredInstanceExtensions();
  cd.deviceExtensions = {VK_KHR_SWAPCHAIN_EXTENSION_NAME};
  auto ctx = render::createContext(cd);
  if (!ctx) {
    std::fprintf(stderr, "cloudexpo: %s\n", ctx.message().c_str());
    destroyWindow(*window);
    terminateGlfw();
    return 3;
  }
  int exitCode = 0;
  {
    Presenter presenter;
    if (auto p = createPresenter(**ctx, **window, presenter, options.vsync); !p) {
      std::fprintf(stderr, "cloudexpo: %s\n", p.message().c_str());
      exitCode = 3;
    } else {
      auto renderer = render::createRenderer(**ctx);
      Visit visit;
      std::string loadError = loadVisit(**ctx, *renderer, options, visit);
      if (!loadError.empty()) {
        std::fprintf(stderr, "%s\n", loadError.c_str());
        exitCode = 1;
      } else {
        beginVisitUi(visit, (*window)->contentScale.y);
        ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
        ImGui::GetStyle().ScaleAllSizes(std::max(1.0f, (*window)->contentScale.y));
        Overlay overlay;
        createOverlay(**ctx, *window, presenter.format, uint32_t(presenter.images.size()), overlay);
        uint64_t overlayGeneration = presenter.generation;
        render::Buffer screenshotBuffer;
        VkExtent2D screenshotExtent{0, 0};
        auto last = std::chrono::steady_clock::now();
        std::string clipboard;
        while (!windowShouldClose(**window)) {
          if (shutdownRequested()) {  // the last frame's work is in flight: waitIdle below finishes it
            spdlog::info("{}: closing the window", signalName(shutdownSignal()));
            break;
          }
          pollInput(**window);
          auto now = std::chrono::steady_clock::now();
          float dt = std::min(0.25f, std::chrono::duration<float>(now - last).count());
          last = now;
          Window& win = **window;

          pollVisitLoading(**ctx, *renderer, visit);  // models that arrived become drawable
          FrameRequests req = stepScript(visit, dt);
          if (req.quit) requestClose(win);
          if (req.resize) setWindowSize(win, req.resize->first, req.resize->second);

          // Global keys.
          const bool keyboardFree = !ImGui::GetIO().WantCaptureKeyboard;
          if (win.input.pressed[GLFW_KEY_F11]) toggleFullscreen(win);
          if (win.input.pressed[GLFW_KEY_F12]) req.screenshot = screenshotPath(options, visit);
          if (keyboardFree && win.input.pressed[GLFW_KEY_TAB]) {
            visit.cursorCaptured = !visit.cursorCaptured;
            setCursorCaptured(win, visit.cursorCaptured);
          }
          if (win.input.pressed[GLFW_KEY_ESCAPE] && visit.cursorCaptured) {
            visit.cursorCaptured = false;
            setCursorCaptured(win, false);
          }
          // Navigation modes: G walk on the ground, F fly, O orbit the selected booth.
          if (keyboardFree && win.input.pressed[GLFW_KEY_G]) setNavMode(visit, nav::NavMode::Walk);
          if (keyboardFree && win.input.pressed[GLFW_KEY_F]) setNavMode(visit, nav::NavMode::Fly);
          if (keyboardFree && win.input.pressed[GLFW_KEY_O]) setNavMode(visit, nav::NavMode::Orbit);
          const bool mouseFree = !ImGui::GetIO().WantCaptureMouse;
          const bool mouseLook = visit.cursorCaptured || (mouseFree && win.input.mouseButtons[GLFW_MOUSE_BUTTON_RIGHT]);
          updateNavigation(visit, navInputFromKeys(win, keyboardFree, mouseLook, dt));

          int fbw = 0, fbh = 0;
          framebufferSize(win, fbw, fbh);
          const float aspect = fbh > 0 ? float(fbw) / float(fbh) : 1.0f;
          if (mouseFree && !visit.cursorCaptured && fbw > 0 && fbh > 0) {
            updateHover(visit, currentView(visit, aspect), win.input.mousePos, glm::vec2(fbw, fbh) / win.contentScale);
            if (win.input.mouseClicked[GLFW_MOUSE_BUTTON_LEFT]) clickSelect(visit);
          }
          if (visit.edit.active && !visit.cursorCaptured && fbw > 0 && fbh > 0) {  // edit_mode.h
            const bool* k = win.input.keys;
            const bool ctrl = k[GLFW_KEY_LEFT_CONTROL] || k[GLFW_KEY_RIGHT_CONTROL];
            const bool shift = k[GLFW_KEY_LEFT_SHIFT] || k[GLFW_KEY_RIGHT_SHIFT];
            EditInput ei;
            ei.mouse = win.input.mousePos;
            ei.windowSize = glm::vec2(fbw, fbh) / win.contentScale;
            ei.mouseDown = win.input.mouseButtons[GLFW_MOUSE_BUTTON_LEFT];
            ei.mouseOverUi = !mouseFree;
            if (keyboardFree) {
              ei.rotate90 = !ctrl && !shift && win.input.pressed[GLFW_KEY_R];
              ei.rotateFine = !ctrl && shift && win.input.pressed[GLFW_KEY_R];
              ei.toggleSnap = !ctrl && win.input.pressed[GLFW_KEY_N];
              ei.undo = ctrl && win.input.pressed[GLFW_KEY_Z];
              ei.redo = ctrl && win.input.pressed[GLFW_KEY_Y];
              ei.save = ctrl && win.input.pressed[GLFW_KEY_S];
            }
            handleEditInput(visit, currentView(visit, aspect), ei);
          }

          beginOverlayFrame(true);
          ui::UiActions actions = drawVisitUi(visit, dt);
          ImGui::Render();
          handleUiActions(visit, actions, &clipboard);
          if (!clipboard.empty()) {
            glfwSetClipboardString(win.handle, clipboard.c_str());
            clipboard.clear();
          }
          if (actions.quit) requestClose(win);

          AcquiredImage image = acquireImage(**ctx, win, presenter);
          if (presenter.generation != overlayGeneration) {
            resetOverlayTargets(**ctx, overlay);
            overlayGeneration = presenter.generation;
          }
          if (!image.ok) continue;
          applyHighlights(visit);
          render::View view = currentView(visit, float(presenter.extent.width) / float(presenter.extent.height));
          render::RenderTarget target;
          target.image = presenter.images[image.index];
          target.view = presenter.views[image.index];
          target.format = presenter.format;
          target.extent = presenter.extent;
          target.layoutBefore = VK_IMAGE_LAYOUT_UNDEFINED;
          target.layoutAfter = VK_IMAGE_LAYOUT_PRESENT_SRC_KHR;
          const bool capture = req.screenshot.has_value() && presenter.transferSrc;
          if (capture && (screenshotExtent.width != presenter.extent.width ||
                          screenshotExtent.height != presenter.extent.height)) {
            render::waitIdle(*renderer);
            render::destroyBuffer(**ctx, screenshotBuffer);
            screenshotBuffer = render::createBuffer(
                **ctx, {VkDeviceSize(presenter.extent.width) * presenter.extent.height * 4,
                        VK_BUFFER_USAGE_TRANSFER_DST_BIT, render::MemoryUsage::Readback, "screenshot"});
            screenshotExtent = presenter.extent;
          }
          render::FrameSync sync;
          sync.wait = image.available;
          sync.signal = image.finished;
          sync.afterScene = [&](VkCommandBuffer cmd) {
            recordOverlay(**ctx, overlay, cmd, target.view, target.extent);
            if (capture) recordScreenshotCopy(cmd, target.image, target.extent, screenshotBuffer);
          };
          tickVisitSocial(visit);
          std::vector<render::DrawInstance> extras;
          appendSocialInstances(**ctx, *renderer, visit, view.eye, extras);
          render::FrameStats stats = render::render(*renderer, {&view, 1}, target,
                                                    prepareVisitGpuScene(**ctx, *renderer, visit, extras),
                                                    render::Lighting{}, sync);
          visit.lastStats = stats;
          presentImage(**ctx, win, presenter, image);
          if (req.screenshot && !presenter.transferSrc) {
            spdlog::error("screenshot: this swapchain cannot be copied from");
          } else if (capture) {
            render::waitIdle(*renderer);
            render::invalidateBuffer(**ctx, screenshotBuffer);
            render::Pixels pixels;
            pixels.width = screenshotExtent.width;
            pixels.height = screenshotExtent.height;
            pixels.rgba.resize(size_t(pixels.width) * pixels.height * 4);
            std::memcpy(pixels.rgba.data(), screenshotBuffer.mapped, pixels.rgba.size());
            if (presenter.format == VK_FORMAT_B8G8R8A8_UNORM || presenter.format == VK_FORMAT_B8G8R8A8_SRGB) {
              for (size_t i = 0; i < pixels.rgba.size(); i += 4) std::swap(pixels.rgba[i], pixels.rgba[i + 2]);
            }
            for (size_t i = 3; i < pixels.rgba.size(); i += 4) pixels.rgba[i] = 255;
            auto written = render::writePng(*req.screenshot, pixels);
            if (written) {
              spdlog::info("screenshot written to {}", *req.screenshot);
            } else {
              spdlog::error("{}", written.message());
            }
          }
        }
        render::waitIdle(*renderer);
        render::destroyBuffer(**ctx, screenshotBuffer);
        destroyOverlay(**ctx, overlay);
        ImGui::DestroyContext();
      }
      endVisit(**ctx, *renderer, visit);
    }
    destroyPresenter(**ctx, presenter);
  }
  exitCode = closeContext(**ctx, exitCode);
  destroyWindow(*window);
  terminateGlfw();
  return exitCode;
}

}  // namespace cx::viewer
