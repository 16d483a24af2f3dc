#include "visit.h"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cmath>

#include <glm/gtc/constants.hpp>

#include "cx/core/file.h"
#include "cx/nav/camera.h"
#include "cx/ui/links.h"

#include <fmt/format.h>
#include <imgui.h>
#include <imgui_internal.h>

namespace cx::viewer {

int64_t nowUnix(const Visit& visit) {
  if (visit.hasNowOverride) return visit.nowOverride;
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void initVisit(Visit& visit) {
  auto& scene = visit.scene;
  visit.baseTints.clear();
  for (auto& inst : scene.instances) visit.baseTints.push_back(inst.tint);
  if (!scene.expo || !scene.expoScene) {
    // A single model: orbit it.
    glm::vec3 center = (scene.boundsMin + scene.boundsMax) * 0.5f;
    float radius = std::max(0.5f, glm::length(scene.boundsMax - scene.boundsMin) * 0.5f);
    nav::setMode(visit.navigator, nav::NavMode::Orbit, visit.navSettings);
    nav::setOrbitTarget(visit.navigator, center, radius * 2.5f);
    visit.navSettings.orbitMinDistance = radius * 0.2f;
    return;
  }
  const auto& expo = *scene.expo;
  const auto& es = *scene.expoScene;
  // Instances are pavilions first, then booths, in manifest order (render_scene.cpp).
  visit.boothInstance.assign(expo.booths.size(), UINT32_MAX);
  uint32_t cursor = 0;
  for (const auto& p : es.pavilions) {
    if (p.model != expo::kNoIndex && p.model < scene.models.size()) ++cursor;
  }
  for (size_t b = 0; b < es.booths.size(); ++b) {
    if (es.booths[b].model != expo::kNoIndex && es.booths[b].model < scene.models.size())
      visit.boothInstance[b] = cursor++;
  }
  visit.collision = nav::buildCollisionWorld(expo, es);
  applySettings(visit);
  // Start outside the first pavilion's first entrance, facing into the hall.
  auto& pose = visit.navigator.pose;
  pose.position = glm::vec3(0.0f, visit.navSettings.eyeHeight, 0.0f);
  if (!expo.pavilions.empty()) {
    const auto& pav = expo.pavilions.front();
    glm::vec2 centroid(0.0f);
    for (auto p : pav.floor) centroid += p;
    if (!pav.floor.empty()) centroid /= float(pav.floor.size());
    glm::vec2 door = pav.entrances.empty() ? centroid : pav.entrances.front().position;
    glm::vec2 inward = glm::length(centroid - door) > 1e-3f ? glm::normalize(centroid - door) : glm::vec2(0, -1);
    glm::vec2 start = door - inward * 4.0f;
    pose.position = glm::vec3(start.x, visit.navSettings.eyeHeight, start.y);
    pose.yaw = nav::yawFromDirection(inward);
    pose.pitch = 0.0f;
  }
}

std::optional<uint32_t> findBooth(const Visit& visit, std::string_view id) {
  if (!visit.scene.expo) return std::nullopt;
  const auto& booths = visit.scene.expo->booths;
  for (uint32_t i = 0; i < booths.size(); ++i) {
    if (booths[i].id == id) return i;
  }
  // Also accept an exhibitor id.
  for (const auto& ex : visit.scene.expo->exhibitors) {
    if (ex.id == id) {
      for (uint32_t i = 0; i < booths.size(); ++i) {
        if (booths[i].id == ex.booth) return i;
      }
    }
  }
  return std::nullopt;
}

std::optional<uint32_t> selectedBooth(const Visit& visit) {
  if (visit.ui.selectedBooth == expo::kNoIndex) return std::nullopt;
  return visit.ui.selectedBooth;
}

std::optional<uint32_t> directoryCursorBooth(const Visit& visit) {
  const auto& d = visit.ui.directory;
  if (!d.resultsValid || d.results.empty()) return std::nullopt;
  uint32_t exhibitor = d.results[size_t(std::clamp(d.cursor, 0, int(d.results.size()) - 1))];
  const auto& map = visit.ui.index.exhibitorBooth;
  if (exhibitor >= map.size() || map[exhibitor] == expo::kNoIndex) return std::nullopt;
  return map[exhibitor];
}

std::optional<ui::Panel> panelFromKeyName(std::string_view key) {
  if (key == "F1") return ui::Panel::Help;
  if (key == "F2") return ui::Panel::Directory;
  if (key == "F3") return ui::Panel::Hud;
  if (key == "F4") return ui::Panel::FloorPlan;
  if (key == "F5") return ui::Panel::Schedule;
  if (key == "F6") return ui::Panel::Settings;
  return std::nullopt;
}

void applySettings(Visit& visit) {
  const auto& s = visit.ui.settings;
  visit.navSettings.walkSpeed = s.moveSpeed;
  visit.navSettings.runMultiplier = s.runMultiplier;
  visit.navSettings.mouseSensitivity = s.mouseSensitivity;
  visit.navSettings.invertY = s.invertY;
  visit.fovDeg = s.fieldOfViewDeg;
}

void setNavMode(Visit& visit, nav::NavMode mode) {
  if (mode == nav::NavMode::Orbit) {
    glm::vec3 target = visit.navigator.pose.position + nav::forward(visit.navigator.pose) * 10.0f;
    float distance = 10.0f;
    if (auto b = selectedBooth(visit); b && visit.scene.expoScene && *b < visit.scene.expoScene->bounds.size()) {
      const auto& bounds = visit.scene.expoScene->bounds[*b];
      target = glm::vec3(bounds.center.x, bounds.height * 0.5f, bounds.center.y);
      distance = std::max(4.0f, glm::length(bounds.halfExtents) * 3.0f);
    }
    nav::setMode(visit.navigator, mode, visit.navSettings);
    nav::setOrbitTarget(visit.navigator, target, distance);
    return;
  }
  nav::setMode(visit.navigator, mode, visit.navSettings);
}

void goToBooth(Visit& visit, uint32_t booth) {
  if (!visit.scene.expo || !visit.collision) return;
  auto vp = nav::boothViewpoint(*visit.scene.expo, *visit.scene.expoScene, *visit.collision, booth,
                                visit.navSettings.eyeHeight, visit.navSettings.radius);
  ui::selectBooth(visit.ui, booth);
  if (!vp) {
    spdlog::warn("no free viewpoint in front of booth {}", visit.scene.expo->booths[booth].id);
    return;
  }
  if (visit.navigator.mode != nav::NavMode::Walk) nav::setMode(visit.navigator, nav::NavMode::Walk, visit.navSettings);
  nav::startGoTo(visit.navigator, *vp, 1.2f);
}

void applyHighlights(Visit& visit) {
  auto& instances = visit.scene.instances;
  for (size_t i = 0; i < instances.size() && i < visit.baseTints.size(); ++i) instances[i].tint = visit.baseTints[i];
  auto tint = [&](std::optional<uint32_t> booth, glm::vec4 factor) {
    if (!booth || *booth >= visit.boothInstance.size()) return;
    uint32_t inst = visit.boothInstance[*booth];
    if (inst < instances.size()) instances[inst].tint *= factor;
  };
  tint(visit.hovered, glm::vec4(1.25f, 1.25f, 1.1f, 1.0f));
  tint(selectedBooth(visit), glm::vec4(1.1f, 1.45f, 1.1f, 1.0f));
}

render::View currentView(const Visit& visit, float aspect) {
  render::View v;
  v.view = nav::viewMatrix(visit.navigator.pose);
  v.projection = render::perspectiveReverseZ(glm::radians(visit.fovDeg), aspect, 0.05f);
  v.eye = visit.navigator.pose.position;
  return v;
}

void handleUiActions(Visit& visit, const ui::UiActions& actions, std::string* clipboard) {
  if (actions.goToBooth) goToBooth(visit, *actions.goToBooth);
  if (actions.selectBooth) ui::selectBooth(visit.ui, *actions.selectBooth);
  if (actions.goToPoint && visit.collision) {
    glm::vec2 p = *actions.goToPoint;
    nav::Viewpoint vp{{p.x, visit.navSettings.eyeHeight, p.y}, visit.navigator.pose.yaw, 0.0f};
    if (visit.navigator.mode != nav::NavMode::Walk) nav::setMode(visit.navigator, nav::NavMode::Walk, visit.navSettings);
    nav::startGoTo(visit.navigator, vp, 1.2f);
  }
  if (actions.openUrl) {
    auto opened = ui::openUrlDetached(*actions.openUrl);
    if (!opened) spdlog::error("{}", opened.message());
  }
  if (actions.copyText && clipboard) *clipboard = *actions.copyText;
  if (actions.settingsChanged) applySettings(visit);
}

Status writeVisitState(const Visit& visit, const std::string& path) {
  nlohmann::json j;
  const auto& pose = visit.navigator.pose;
  j["camera"] = {{"position", {pose.position.x, pose.position.y, pose.position.z}},
                 {"yawDeg", glm::degrees(pose.yaw)},
                 {"pitchDeg", glm::degrees(pose.pitch)},
                 {"transitioning", nav::isTransitioning(visit.navigator)}};
  auto selected = selectedBooth(visit);
  if (selected && visit.scene.expo && *selected < visit.scene.expo->booths.size()) {
    const auto& booth = visit.scene.expo->booths[*selected];
    j["selectedBooth"] = booth.id;
    j["selectedExhibitor"] = booth.exhibitor;
  } else {
    j["selectedBooth"] = nullptr;
  }
  if (visit.hovered && visit.scene.expo) j["hoveredBooth"] = visit.scene.expo->booths[*visit.hovered].id;
  std::vector<std::string> panels;
  for (size_t i = 0; i < ui::kPanelCount; ++i) {
    if (visit.ui.open[i]) panels.emplace_back(ui::panelName(ui::Panel(i)));
  }
  j["panels"] = panels;
  j["directoryResults"] = visit.ui.directory.results.size();
  // Where ImGui last placed the booth panel (window pixels), for screenshot region checks.
  j["boothPanelRect"] = nullptr;
  if (ImGui::GetCurrentContext()) {
    if (ImGuiWindow* w = ImGui::FindWindowByName("Booth###cx-booth"); w && w->Active) {
      j["boothPanelRect"] = {w->Pos.x, w->Pos.y, w->Size.x, w->Size.y};
    }
  }
  j["social"] = socialStateJson(visit);
  j["loadErrors"] = visit.scene.errors;
  j["loading"] = visitLoadingJson(visit);
  // The largest on-screen name board (window pixels, clipped), for screenshot region checks.
  j["nearestSignRect"] = nullptr;
  if (ImGui::GetCurrentContext() && ImGui::GetIO().DisplaySize.x > 0 && ImGui::GetIO().DisplaySize.y > 0) {
    const ImVec2 size = ImGui::GetIO().DisplaySize;
    const render::View v = currentView(visit, size.x / size.y);
    const glm::mat4 viewProj = v.projection * v.view;
    const auto& sc = visit.gpu.scene;
    float bestArea = 0.0f;
    for (size_t i = 0; i < sc.signMin.size() && i < sc.signMax.size(); ++i) {
      glm::vec2 lo(1e30f), hi(-1e30f);
      bool inFront = true;
      for (int c = 0; c < 8 && inFront; ++c) {
        glm::vec3 p((c & 1) ? sc.signMax[i].x : sc.signMin[i].x, (c & 2) ? sc.signMax[i].y : sc.signMin[i].y,
                    (c & 4) ? sc.signMax[i].z : sc.signMin[i].z);
        glm::vec4 clip = viewProj * glm::vec4(p, 1.0f);
        if (clip.w <= 0.05f) inFront = false;
        glm::vec2 ndc = glm::vec2(clip) / clip.w;
        glm::vec2 px((ndc.x * 0.5f + 0.5f) * size.x, (ndc.y * 0.5f + 0.5f) * size.y);
        lo = glm::min(lo, px);
        hi = glm::max(hi, px);
      }
      if (!inFront) continue;
      lo = glm::max(lo, glm::vec2(0.0f));
      hi = glm::min(hi, glm::vec2(size.x, size.y));
      const float area = std::max(0.0f, hi.x - lo.x) * std::max(0.0f, hi.y - lo.y);
      if (area > bestArea) {
        bestArea = area;
        j["nearestSignRect"] = {lo.x, lo.y, hi.x - lo.x, hi.y - lo.y};
      }
    }
  }
  j["gpuScene"] = {{"builds", visit.gpu.builds},
                   {"updates", visit.gpu.updates},
                   {"signage", visit.gpu.signage != nullptr},
                   {"signFaces", visit.gpu.scene.signMin.size()},
                   {"glyphQuads", visit.gpu.scene.glyphCount}};
  editStateJson(visit, j["edit"]);
  return writeFileAtomic(path, j.dump(2) + "\n");
}

}  // namespace cx::viewer

namespace cx::viewer {

FrameRequests stepScript(Visit& visit, float /*dt*/) {
  FrameRequests req;
  auto& s = visit.script;
  if (!s.active) return req;
  if (s.waitFrames > 0) {
    --s.waitFrames;
    return req;
  }
  if (s.waitingForGoTo) {
    if (nav::isTransitioning(visit.navigator)) return req;
    s.waitingForGoTo = false;
  }
  auto& pose = visit.navigator.pose;
  while (s.next < s.commands.size()) {
    const ScriptCommand& cmd = s.commands[s.next++];
    auto fail = [&](const std::string& what) { spdlog::error("script line {}: {}", cmd.line, what); };
    switch (cmd.op) {
      case ScriptOp::Size:
        req.resize = std::make_pair(int(cmd.numbers[0]), int(cmd.numbers[1]));
        s.waitFrames = 2;  // let the resize reach the swapchain
        return req;
      case ScriptOp::Wait:
        s.waitFrames = std::max(0, int(cmd.numbers[0]) - 1);
        return req;
      case ScriptOp::WaitLoad:
        // Models, then the booth signage (prepared on a worker thread once they are in).
        if (!visitLoadingComplete(visit) || (visit.scene.expo && visit.scene.expoScene && !visit.gpu.signage))
          --s.next;  // ask again next frame
        return req;
      case ScriptOp::WaitVisitors: {
        double now = std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
        if (s.waitDeadline == 0.0) s.waitDeadline = now + cmd.numbers[1];
        size_t ready = 0;
        if (visit.social.session)
          for (const auto& v : visit.social.session->presence().visitors()) ready += !v.name.empty() && v.opacity >= 0.999f;
        if (ready >= size_t(cmd.numbers[0])) {
          s.waitDeadline = 0.0;
        } else if (now > s.waitDeadline) {
          s.waitDeadline = 0.0;
          fail(fmt::format("waitvisitors: {} of {} visitors after {} s", ready, cmd.numbers[0], cmd.numbers[1]));
        } else {
          --s.next;  // ask again next frame
        }
        return req;
      }
      case ScriptOp::Move:
        pose.position = glm::vec3(cmd.numbers[0], visit.navSettings.eyeHeight, cmd.numbers[1]);
        if (cmd.numbers.size() > 2) pose.yaw = glm::radians(cmd.numbers[2]);
        break;
      case ScriptOp::Walk: {
        glm::vec2 fwd = nav::forwardXZ(pose.yaw), right = nav::rightXZ(pose.yaw);
        glm::vec2 dir = cmd.text == "forward" ? fwd : cmd.text == "back" ? -fwd : cmd.text == "right" ? right : -right;
        glm::vec2 p(pose.position.x, pose.position.z);
        glm::vec2 delta = dir * cmd.numbers[0];
        p = visit.collision ? nav::moveWithCollision(*visit.collision, p, delta, visit.navSettings.radius) : p + delta;
        pose.position.x = p.x;
        pose.position.z = p.y;
        break;
      }
      case ScriptOp::Look:
        pose.yaw = glm::radians(cmd.numbers[0]);
        pose.pitch = nav::clampPitch(glm::radians(cmd.numbers[1]));
        break;
      case ScriptOp::Mode:
        if (cmd.text == "walk") setNavMode(visit, nav::NavMode::Walk);
        else if (cmd.text == "fly") setNavMode(visit, nav::NavMode::Fly);
        else if (cmd.text == "orbit") setNavMode(visit, nav::NavMode::Orbit);
        else fail("mode: expected walk, fly or orbit");
        break;
      case ScriptOp::Select:
        if (auto b = findBooth(visit, cmd.text)) {
          ui::selectBooth(visit.ui, *b);
        } else {
          fail("select: no booth or exhibitor \"" + cmd.text + "\"");
        }
        break;
      case ScriptOp::Goto:
        if (auto b = findBooth(visit, cmd.text)) {
          goToBooth(visit, *b);
          s.waitingForGoTo = true;
          return req;
        }
        fail("goto: no booth or exhibitor \"" + cmd.text + "\"");
        break;
      case ScriptOp::Open:
      case ScriptOp::Close:
        if (auto panel = ui::panelFromName(cmd.text)) {
          if (cmd.op == ScriptOp::Open) ui::openPanel(visit.ui, *panel);
          else ui::closePanel(visit.ui, *panel);
        } else {
          fail("unknown panel \"" + cmd.text + "\"");
        }
        break;
      case ScriptOp::Search:
        ui::openPanel(visit.ui, ui::Panel::Directory);
        ui::setDirectoryQuery(visit.ui, cmd.text);
        s.waitFrames = 1;  // let the directory draw its results
        return req;
      case ScriptOp::Enter:
        if (auto b = directoryCursorBooth(visit)) {
          goToBooth(visit, *b);
          s.waitingForGoTo = true;
          return req;
        }
        fail("enter: the directory has no result");
        break;
      case ScriptOp::Key:
        if (cmd.text == "F12") {
          req.screenshot = fmt::format("cloudexpo-{:04d}.png", visit.screenshotCounter++);
          return req;
        } else if (auto panel = panelFromKeyName(cmd.text)) {
          ui::togglePanel(visit.ui, *panel);
        } else {
          fail("key: unsupported key \"" + cmd.text + "\"");
        }
        break;
      case ScriptOp::Screenshot:
        req.screenshot = cmd.text;
        return req;
      case ScriptOp::State:
        if (auto w = writeVisitState(visit, cmd.text); !w) fail(w.message());
        break;
      case ScriptOp::Drag:
        if (!editMoveTo(visit, {cmd.numbers[0], cmd.numbers[1]})) fail("drag: edit mode is off (--edit ID)");
        break;
      case ScriptOp::Rotate:
        if (!editRotateBy(visit, cmd.numbers[0])) fail("rotate: edit mode is off (--edit ID)");
        break;
      case ScriptOp::Undo:
        if (!editUndo(visit)) fail("undo: nothing to undo");
        break;
      case ScriptOp::Redo:
        if (!editRedo(visit)) fail("redo: nothing to redo");
        break;
      case ScriptOp::Save:
        if (auto saved = editSave(visit, cmd.text == "force"); !saved) fail(saved.message());
        break;
      case ScriptOp::Quit:
        req.quit = true;
        s.active = false;
        return req;
    }
  }
  s.active = false;
  return req;
}

}  // namespace cx::viewer
