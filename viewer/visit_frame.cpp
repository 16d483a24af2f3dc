#include "visit_frame.h"

#include <imgui.h>
#include <spdlog/spdlog.h>

#include <filesystem>

#include "cx/core/paths.h"
#include "cx/nav/camera.h"
#include "cx/ui/fonts.h"

namespace cx::viewer {
namespace fs = std::filesystem;

std::string loadVisit(const render::Context& ctx, const render::Renderer& renderer, const ViewerOptions& options,
                      Visit& visit) {
  fs::path input = options.input.empty() ? defaultExpoPath() : fs::path(options.input);
  auto scene = render::loadRenderScene(ctx, renderer, input);
  if (!scene) return scene.message();
  visit.scene = std::move(*scene);
  for (const auto& e : visit.scene.errors) spdlog::warn("{}", e);
  spdlog::info("loaded {} in {:.0f} ms: {} models, {} instances", input.string(), visit.scene.loadMs,
               visit.scene.models.size(), visit.scene.instances.size());
  if (options.nowUnix) {
    visit.hasNowOverride = true;
    visit.nowOverride = *options.nowUnix;
  }
  initVisit(visit);
  if (!options.script.empty()) {
    auto script = loadScript(options.script);
    if (!script) return script.message();
    visit.script.commands = std::move(*script);
    visit.script.active = true;
  }
  return {};
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
  in.hudExtra = hud;
  if (visit.hovered) visit.ui.hoveredBooth = *visit.hovered; else visit.ui.hoveredBooth = expo::kNoIndex;
  return ui::drawUi(visit.ui, in);
}

}  // namespace cx::viewer
