#include "visit_frame.h"

#include <imgui.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstring>
#include <filesystem>

#include "cx/core/paths.h"
#include "cx/nav/camera.h"
#include "cx/ui/fonts.h"

namespace cx::viewer {
namespace fs = std::filesystem;

std::string loadVisit(const render::Context& ctx, const render::Renderer& renderer, const ViewerOptions& options,
                      Visit& visit) {
  // A path or an http(s) URL; returns once the manifest and pavilions are in (loading.h).
  if (std::string error = startVisitLoading(ctx, renderer, options, visit); !error.empty()) return error;
  if (options.nowUnix) {
    visit.hasNowOverride = true;
    visit.nowOverride = *options.nowUnix;
  }
  initVisit(visit);
  if (!options.editExhibitor.empty()) {  // exhibitor edit mode (edit_mode.h)
    std::string where = options.input.empty() ? defaultExpoPath().string() : options.input;
    if (where.find("://") != std::string::npos) return "--edit: needs a local expo folder or expo.json, not a URL";
    fs::path manifest = where;
    if (std::error_code ec; fs::is_directory(manifest, ec)) manifest /= "expo.json";
    if (Status s = startEditMode(visit, options.editExhibitor, manifest); !s) return s.message();
  }
  if (std::string error = startVisitSocial(options, visit); !error.empty()) return error;
  if (!options.script.empty()) {
    auto script = loadScript(options.script);
    if (!script) return script.message();
    visit.script.commands = std::move(*script);
    visit.script.active = true;
  }
  return {};
}

void beginVisitUi(Visit& visit, float contentScale) {
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  setupUiFonts(visit, contentScale);
}

void setupUiFonts(Visit& visit, float contentScale) {
  std::vector<std::string> texts;
  if (visit.scene.expo) {
    const auto& e = *visit.scene.expo;
    texts.push_back(e.venue.name.native);
    for (const auto& p : e.pavilions) texts.push_back(p.name.native);
    for (const auto& p : e.pavilions) texts.push_back(p.theme);
    for (const auto& x : e.exhibitors) {
      texts.push_back(x.name.native);
      texts.push_back(x.description);
      texts.push_back(x.contact.person);
      for (const auto& p : x.products) texts.push_back(p);
      for (const auto& t : x.tags) texts.push_back(t);
    }
    for (const auto& b : e.booths) texts.push_back(b.fascia.text);
    for (const auto& ev : e.events) {
      texts.push_back(ev.title.native);
      texts.push_back(ev.locationLabel);
      texts.push_back(ev.description);
    }
  }
  auto fonts = ui::loadUiFonts(*ImGui::GetIO().Fonts, 16.0f * std::max(1.0f, contentScale), texts);
  if (!fonts) {
    spdlog::warn("UI fonts: {} (falling back to ImGui's built-in Latin font)", fonts.message());
    ImGui::GetIO().Fonts->AddFontDefault();
  } else {
    visit.fonts = std::move(*fonts);
  }
}

std::string screenshotPath(const ViewerOptions& options, Visit& visit) {
  for (;;) {
    fs::path p = fs::path(options.screenshotDir) / fmt::format("cloudexpo-{:04d}.png", visit.screenshotCounter++);
    if (!fs::exists(p)) return p.string();
  }
}

void updateNavigation(Visit& visit, const nav::NavInput& input) {
  nav::updateNavigator(visit.navigator, input, visit.navSettings, visit.collision ? &*visit.collision : nullptr);
}

void updateHover(Visit& visit, const render::View& view, glm::vec2 mouse, glm::vec2 windowSize) {
  visit.hovered.reset();
  if (!visit.collision || windowSize.x <= 0 || windowSize.y <= 0) return;
  glm::vec2 ndc = mouse / windowSize * 2.0f - 1.0f;
  glm::mat4 inv = glm::inverse(view.projection * view.view);
  glm::vec4 nearPoint = inv * glm::vec4(ndc, 1.0f, 1.0f);
  glm::vec4 farPoint = inv * glm::vec4(ndc, 0.01f, 1.0f);
  glm::vec3 a = glm::vec3(nearPoint) / nearPoint.w;
  glm::vec3 b = glm::vec3(farPoint) / farPoint.w;
  auto hit = visit.collision->booths.raycast(view.eye, glm::normalize(b - a), 300.0f);
  if (hit) visit.hovered = hit->booth;
}

void clickSelect(Visit& visit) {
  if (visit.hovered) {
    ui::selectBooth(visit.ui, *visit.hovered);
  }
}

namespace {

bool sameInstance(const render::DrawInstance& a, const render::DrawInstance& b) {
  return a.model == b.model && a.transform == b.transform && a.tint == b.tint && a.primaryColor == b.primaryColor &&
         a.secondaryColor == b.secondaryColor;
}

void startSignage(Visit& visit) {
  VisitGpu& gpu = visit.gpu;
  gpu.signageStarted = true;
  if (!visit.scene.expo || !visit.scene.expoScene) return;
  render::LogoLoader logos;
  const std::string& locator = visit.loading.locator;
  if (!locator.empty() && locator.find("://") == std::string::npos) logos = render::logoLoaderForExpo(locator);
  gpu.logos = logos;
  gpu.signRevision = visit.edit.revision;
  // Copies of the manifest data; the models are only read (loading is complete, nothing fills them).
  gpu.signageJob = std::async(
      std::launch::async, [expo = *visit.scene.expo, expoScene = *visit.scene.expoScene,
                           models = &visit.scene.models, logos = std::move(logos)]() {
        const auto start = std::chrono::steady_clock::now();
        auto out = std::make_shared<VisitSignage>();
        out->input = render::signageForExpo(expo, expoScene, *models, logos);
        out->atlas = render::buildSignageAtlas(out->input);
        spdlog::info("signage prepared on a worker thread: {} sign faces, {} codepoints, {:.0f} ms",
                     out->input.signs.size(), out->atlas.glyphs.size(),
                     std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        return out;
      });
}

}  // namespace

const render::GpuScene& prepareVisitGpuScene(const render::Context& ctx, render::Renderer& renderer, Visit& visit,
                                             std::span<const render::DrawInstance> extras) {
  VisitGpu& gpu = visit.gpu;
  std::vector<render::DrawInstance> withExtras;
  if (!extras.empty()) {
    withExtras.reserve(visit.scene.instances.size() + extras.size());
    withExtras.assign(visit.scene.instances.begin(), visit.scene.instances.end());
    withExtras.insert(withExtras.end(), extras.begin(), extras.end());
  }
  const std::vector<render::DrawInstance>& instances = extras.empty() ? visit.scene.instances : withExtras;
  bool rebuild = !gpu.built || gpu.drawn.size() != instances.size() ||
                 gpu.modelsReady != visit.loading.progress.modelsReady;
  if (!gpu.signageStarted && visitLoadingComplete(visit)) startSignage(visit);
  if (gpu.signageJob.valid() &&
      gpu.signageJob.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
    gpu.signage = gpu.signageJob.get();
    rebuild = true;
  }
  // The edit mode moved a booth: its name boards follow. The glyph atlas stays (same names); only
  // the boards are laid out again, which is cheap next to building the atlas.
  if (gpu.signage && gpu.signRevision != visit.edit.revision && visit.scene.expo && visit.scene.expoScene) {
    gpu.signage->input = render::signageForExpo(*visit.scene.expo, *visit.scene.expoScene, visit.scene.models, gpu.logos);
    gpu.signRevision = visit.edit.revision;
    rebuild = true;
  }
  if (!rebuild) {
    std::vector<uint32_t> changed;
    for (size_t i = 0; i < instances.size(); ++i)
      if (!sameInstance(instances[i], gpu.drawn[i])) changed.push_back(uint32_t(i));
    if (changed.empty()) return gpu.scene;
    if (render::updateGpuSceneInstances(renderer, gpu.scene, changed, instances)) {
      for (uint32_t i : changed) gpu.drawn[i] = instances[i];
      ++gpu.updates;
      return gpu.scene;
    }
  }
  if (gpu.built) render::destroyGpuScene(renderer, gpu.scene);
  render::GpuSceneDesc desc;
  if (gpu.signage) {
    desc.signage = &gpu.signage->input;
    desc.atlas = &gpu.signage->atlas;
  }
  gpu.scene = render::createGpuScene(ctx, renderer, instances, desc);
  gpu.built = true;
  gpu.drawn.assign(instances.begin(), instances.end());
  gpu.modelsReady = visit.loading.progress.modelsReady;
  ++gpu.builds;
  return gpu.scene;
}

void destroyVisitGpu(render::Renderer& renderer, Visit& visit) {
  VisitGpu& gpu = visit.gpu;
  if (gpu.signageJob.valid()) gpu.signageJob.wait();
  gpu.signageJob = {};
  if (gpu.built) render::destroyGpuScene(renderer, gpu.scene);
  gpu.built = false;
  gpu.drawn.clear();
}

void endVisit(const render::Context& ctx, render::Renderer& renderer, Visit& visit) {
  stopVisitSocial(visit);
  render::waitIdle(renderer);
  destroyVisitGpu(renderer, visit);
  destroyVisitSocialGpu(ctx, visit);
  render::destroyRenderScene(ctx, visit.scene);
  render::destroyRenderer(renderer);
}

int closeContext(render::Context& ctx, int exitCode) {
  if (ctx.validation && ctx.validation->count() > 0) {
    std::fprintf(stderr, "cloudexpo: %u Vulkan validation messages\n", ctx.validation->count());
    if (exitCode == 0) exitCode = 4;
  }
  render::destroyContext(ctx);
  return exitCode;
}

ui::UiActions drawVisitUi(Visit& visit, float dt) {
  visit.smoothedFrameMs = visit.smoothedFrameMs * 0.9 + double(dt) * 1000.0 * 0.1;
  ui::UiFrameInput in;
  in.expo = visit.scene.expo ? &*visit.scene.expo : nullptr;
  in.scene = visit.scene.expoScene ? &*visit.scene.expoScene : nullptr;
  in.cameraPosition = visit.navigator.pose.position;
  in.cameraYawRad = visit.navigator.pose.yaw;
  in.nowUnix = nowUnix(visit);
  in.frameMs = float(visit.smoothedFrameMs);
  in.fps = visit.smoothedFrameMs > 0 ? float(1000.0 / visit.smoothedFrameMs) : 0.0f;
  in.keys = ui::keysFromImGui();
  in.modeName = visit.modeName;
  std::string hud = fmt::format("{} draw calls, {} triangles, CPU {:.2f} ms\n{} instances drawn, {} culled",
                                visit.lastStats.drawCalls, visit.lastStats.trianglesSubmitted, visit.lastStats.cpuMs,
                                visit.lastStats.instancesDrawn, visit.lastStats.instancesCulled);
  if (!visit.scene.errors.empty()) hud += fmt::format("\n{} model(s) failed to load (placeholders)", visit.scene.errors.size());
  hud += "\n" + socialHudLine(visit);
  in.hudExtra = hud;
  in.loading = &visit.loading.info;
  if (visit.hovered) visit.ui.hoveredBooth = *visit.hovered; else visit.ui.hoveredBooth = expo::kNoIndex;
  in.expoRevision = visit.edit.revision;
  ui::UiActions actions = ui::drawUi(visit.ui, in);
  if (visit.edit.active) {
    glm::vec2 display(ImGui::GetIO().DisplaySize.x, ImGui::GetIO().DisplaySize.y);
    if (display.x > 0 && display.y > 0) drawEditOverlay(visit, currentView(visit, display.x / display.y), display);
    drawEditPanelAndApply(visit);
  }
  return actions;
}

}  // namespace cx::viewer
