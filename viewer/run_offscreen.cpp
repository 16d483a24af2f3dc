// Offscreen mode: no display at all. Runs the script (or N frames) against an offscreen target
// with the same renderer and UI as the window; screenshots read the target back.
#include <imgui.h>
#include <spdlog/spdlog.h>

#include "cx/core/shutdown.h"
#include "cx/render/offscreen.h"
#include "overlay.h"
#include "run_modes.h"
#include "visit.h"
#include "visit_frame.h"

namespace cx::viewer {

int runOffscreenMode(const ViewerOptions& options) {
  render::ContextDesc cd;
  cd.validation = options.validation;
  auto ctx = render::createContext(cd);
  if (!ctx) {
    std::fprintf(stderr, "cloudexpo: %s\n", ctx.message().c_str());
    return 3;
  }
  int exitCode = 0;
  {
    auto renderer = render::createRenderer(**ctx);
    Visit visit;
    std::string loadError = loadVisit(**ctx, *renderer, options, visit);
    if (!loadError.empty()) {
      std::fprintf(stderr, "%s\n", loadError.c_str());
      exitCode = 1;
    } else {
      beginVisitUi(visit, 1.0f);
      ImGuiIO& io = ImGui::GetIO();
      const VkFormat format = VK_FORMAT_R8G8B8A8_UNORM;  // ImGui colours are sRGB-authored
      Overlay overlay;
      createOverlay(**ctx, nullptr, format, 2, overlay);
      VkExtent2D extent{uint32_t(options.width), uint32_t(options.height)};
      auto target = render::createOffscreenTarget(**ctx, extent, 1, format);
      // A fixed simulated step: results do not depend on how fast this machine renders.
      const float dt = 1.0f / 30.0f;
      int framesLeft = options.script.empty() ? std::max(1, options.frames) : 1 << 30;
      while (framesLeft-- > 0) {
        if (shutdownRequested()) {
          spdlog::info("{}: stopping", signalName(shutdownSignal()));
          break;
        }
        pollVisitLoading(**ctx, *renderer, visit);  // models that arrived become drawable
        FrameRequests req = stepScript(visit, dt);
        if (req.resize) {
          render::waitIdle(*renderer);
          resetOverlayTargets(**ctx, overlay);
          render::destroyOffscreenTarget(**ctx, target);
          extent = {uint32_t(std::max(1, req.resize->first)), uint32_t(std::max(1, req.resize->second))};
          target = render::createOffscreenTarget(**ctx, extent, 1, format);
        }
        updateNavigation(visit, nav::NavInput{glm::vec3(0.0f), glm::vec2(0.0f), 0.0f, false, dt});
        io.DisplaySize = ImVec2(float(extent.width), float(extent.height));
        io.DeltaTime = dt;
        beginOverlayFrame(false);
        ui::UiActions actions = drawVisitUi(visit, dt);
        ImGui::Render();
        handleUiActions(visit, actions, nullptr);
        applyHighlights(visit);
        render::View view = currentView(visit, float(extent.width) / float(extent.height));
        tickVisitSocial(visit);
        std::vector<render::DrawInstance> extras;
        appendSocialInstances(**ctx, *renderer, visit, view.eye, extras);
        render::RenderTarget rt = target.target();
        render::FrameSync sync;
        sync.afterScene = [&](VkCommandBuffer cmd) { recordOverlay(**ctx, overlay, cmd, rt.view, rt.extent); };
        visit.lastStats = render::render(*renderer, {&view, 1}, rt, prepareVisitGpuScene(**ctx, *renderer, visit, extras),
                                         render::Lighting{}, sync);
        if (req.screenshot) {
          render::Pixels pixels = render::readPixels(**ctx, *renderer, target, 0);
          for (size_t i = 3; i < pixels.rgba.size(); i += 4) pixels.rgba[i] = 255;
          auto written = render::writePng(*req.screenshot, pixels);
          if (written) {
            spdlog::info("screenshot written to {}", *req.screenshot);
          } else {
            spdlog::error("{}", written.message());
          }
        }
        if (req.quit || (!options.script.empty() && !visit.script.active && !req.screenshot)) break;
      }
      render::waitIdle(*renderer);
      render::destroyOffscreenTarget(**ctx, target);
      destroyOverlay(**ctx, overlay);
      ImGui::DestroyContext();
    }
    endVisit(**ctx, *renderer, visit);
  }
  exitCode = closeContext(**ctx, exitCode);
  return exitCode;
}

}  // namespace cx::viewer
