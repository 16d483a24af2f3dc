// Exhibitor edit mode; see edit_mode.h.
#include "edit_mode.h"

#include <imgui.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include <cmath>

#include <fmt/format.h>

#include "cx/expo/manifest.h"
#include "cx/expo/scene.h"
#include "cx/ui/ui.h"
#include "visit.h"

namespace cx::viewer {

namespace {

constexpr size_t kMaxUndo = 256;

expo::Booth* editedBooth(Visit& visit) {
  EditState& e = visit.edit;
  if (!e.active || !visit.scene.expo || e.booth >= visit.scene.expo->booths.size()) return nullptr;
  return &visit.scene.expo->booths[e.booth];
}

void recheck(Visit& visit) {
  EditState& e = visit.edit;
  e.report = expo::checkPlot(*visit.scene.expo, e.booth, nullptr);
  ++e.revision;
}

// Puts the pose into the expo, the flat scene, the render instance and the collision world.
void applyPose(Visit& visit, const BoothPose& pose) {
  expo::Booth* b = editedBooth(visit);
  if (!b) return;
  EditState& e = visit.edit;
  b->position = pose.position;
  b->rotationDeg = pose.rotationDeg;
  if (visit.scene.expoScene && e.booth < visit.scene.expoScene->booths.size()) {
    expo::ExpoScene& es = *visit.scene.expoScene;
    glm::mat4 oldWorld = es.booths[e.booth].world;
    glm::mat4 newWorld = expo::boothWorldTransform(pose.position, pose.rotationDeg);
    es.booths[e.booth].world = newWorld;
    if (e.booth < es.bounds.size())
      es.bounds[e.booth] =
          expo::makeBoothBounds(pose.position, b->footprint, pose.rotationDeg, es.bounds[e.booth].height);
    for (expo::FasciaInstance& f : es.fascias)
      if (f.booth == e.booth) f.world = newWorld * glm::inverse(oldWorld) * f.world;
    // The booth's draw instance: same relative transform, new place (the public DrawInstance list).
    if (e.booth < visit.boothInstance.size() && visit.boothInstance[e.booth] < visit.scene.instances.size()) {
      render::DrawInstance& inst = visit.scene.instances[visit.boothInstance[e.booth]];
      inst.transform = newWorld * glm::inverse(oldWorld) * inst.transform;
    }
    visit.collision = nav::buildCollisionWorld(*visit.scene.expo, es);
  }
  e.dirty = true;
  recheck(visit);
}

void pushUndo(EditState& e, const BoothPose& pose) {
  e.undo.push_back(pose);
  if (e.undo.size() > kMaxUndo) e.undo.erase(e.undo.begin());
  e.redo.clear();
}

glm::vec2 snapped(const EditState& e, glm::vec2 p) {
  if (!e.snap || e.snapMetres <= 0.0f) return p;
  return glm::round(p / e.snapMetres) * e.snapMetres;
}

// World point on the floor (y = 0) under window coordinates `mouse`.
std::optional<glm::vec2> floorUnderMouse(const render::View& view, glm::vec2 mouse, glm::vec2 size) {
  if (size.x <= 0 || size.y <= 0) return std::nullopt;
  glm::vec2 ndc = mouse / size * 2.0f - 1.0f;
  glm::mat4 inv = glm::inverse(view.projection * view.view);
  glm::vec4 n = inv * glm::vec4(ndc, 1.0f, 1.0f);  // reverse-Z: depth 1 is near
  glm::vec4 f = inv * glm::vec4(ndc, 0.01f, 1.0f);
  glm::vec3 a = glm::vec3(n) / n.w, b = glm::vec3(f) / f.w;
  glm::vec3 dir = b - a;
  if (std::abs(dir.y) < 1e-6f) return std::nullopt;
  float t = -a.y / dir.y;
  if (t < 0.0f) return std::nullopt;
  glm::vec3 hit = a + dir * t;
  return glm::vec2(hit.x, hit.z);
}

bool toScreen(const render::View& view, glm::vec2 display, glm::vec3 world, ImVec2& out) {
  glm::vec4 clip = view.projection * view.view * glm::vec4(world, 1.0f);
  if (clip.w <= 1e-4f) return false;
  glm::vec2 ndc = glm::vec2(clip) / clip.w;
  out = ImVec2((ndc.x * 0.5f + 0.5f) * display.x, (ndc.y * 0.5f + 0.5f) * display.y);
  return true;
}

}  // namespace

Status startEditMode(Visit& visit, const std::string& exhibitorId, const std::filesystem::path& manifest) {
  if (!visit.scene.expo) return makeError("--edit: needs an expo, not a single model");
  auto booth = expo::findExhibitorBooth(*visit.scene.expo, exhibitorId);
  if (!booth)
    return makeError(fmt::format("--edit: exhibitor \"{}\" does not exist or has no booth", exhibitorId));
  EditState& e = visit.edit;
  e = EditState{};
  e.active = true;
  e.exhibitor = exhibitorId;
  e.booth = uint32_t(*booth);
  e.manifest = manifest;
  recheck(visit);
  ui::selectBooth(visit.ui, e.booth);
  spdlog::info("edit mode: booth {} of exhibitor {}; other booths are locked",
               visit.scene.expo->booths[e.booth].id, exhibitorId);
  return {};
}

BoothPose currentPose(const Visit& visit) {
  const EditState& e = visit.edit;
  if (!e.active || !visit.scene.expo || e.booth >= visit.scene.expo->booths.size()) return {};
  const expo::Booth& b = visit.scene.expo->booths[e.booth];
  return {b.position, b.rotationDeg};
}

bool editMoveTo(Visit& visit, glm::vec2 position) {
  if (!editedBooth(visit) || !std::isfinite(position.x) || !std::isfinite(position.y)) return false;
  BoothPose now = currentPose(visit);
  BoothPose next{snapped(visit.edit, position), now.rotationDeg};
  if (next == now) return true;
  pushUndo(visit.edit, now);
  applyPose(visit, next);
  return true;
}

bool editRotateBy(Visit& visit, float degrees) {
  if (!editedBooth(visit) || !std::isfinite(degrees)) return false;
  BoothPose now = currentPose(visit);
  BoothPose next = now;
  next.rotationDeg = std::fmod(now.rotationDeg + degrees, 360.0f);
  if (next.rotationDeg < 0.0f) next.rotationDeg += 360.0f;
  pushUndo(visit.edit, now);
  applyPose(visit, next);
  return true;
}

bool editUndo(Visit& visit) {
  EditState& e = visit.edit;
  if (!editedBooth(visit) || e.undo.empty()) return false;
  e.redo.push_back(currentPose(visit));
  BoothPose p = e.undo.back();
  e.undo.pop_back();
  applyPose(visit, p);
  return true;
}

bool editRedo(Visit& visit) {
  EditState& e = visit.edit;
  if (!editedBooth(visit) || e.redo.empty()) return false;
  e.undo.push_back(currentPose(visit));
  BoothPose p = e.redo.back();
  e.redo.pop_back();
  applyPose(visit, p);
  return true;
}

Status editSave(Visit& visit, bool force) {
  EditState& e = visit.edit;
  if (!editedBooth(visit)) return makeError("save: edit mode is off");
  if (!e.report.ok() && !force) {
    e.confirmForce = true;
    e.status = fmt::format("not saved: {} rule(s) fail (save force / \"Save anyway\" to save regardless)",
                           e.report.failed());
    return makeError(e.status);
  }
  if (Status s = expo::saveExpoManifest(*visit.scene.expo, e.manifest); !s) {
    e.status = "not saved: " + s.message();
    return makeError(e.status);
  }
  e.confirmForce = false;
  e.dirty = false;
  e.status = fmt::format("saved {}{}", e.manifest.string(), e.report.ok() ? "" : " (forced, rules fail)");
  spdlog::info("edit mode: {}", e.status);
  return {};
}

bool boothIsEditable(const Visit& visit, uint32_t booth) {
  return visit.edit.active && booth == visit.edit.booth;
}

void handleEditInput(Visit& visit, const render::View& view, const EditInput& in) {
  EditState& e = visit.edit;
  if (!editedBooth(visit)) return;
  if (in.undo) editUndo(visit);
  if (in.redo) editRedo(visit);
  if (in.rotate90) editRotateBy(visit, 90.0f);
  if (in.rotateFine) editRotateBy(visit, 15.0f);
  if (in.toggleSnap) e.snap = !e.snap;
  if (in.save) (void)editSave(visit, false);
  auto floor = floorUnderMouse(view, in.mouse, in.windowSize);
  const bool pressed = in.mouseDown && !e.wasMouseDown && !in.mouseOverUi;
  e.wasMouseDown = in.mouseDown;
  if (pressed && floor && visit.hovered) {
    if (boothIsEditable(visit, *visit.hovered)) {
      e.dragging = true;
      e.dragStart = currentPose(visit);
      e.dragOffset = e.dragStart.position - *floor;
    } else {
      e.status = fmt::format("booth {} is locked (only {}'s booth can move)",
                             visit.scene.expo->booths[*visit.hovered].id, e.exhibitor);
    }
  }
  if (e.dragging && in.mouseDown && floor) {
    // While dragging, the pose changes without undo entries; the whole drag is one undo step.
    BoothPose next{snapped(e, *floor + e.dragOffset), currentPose(visit).rotationDeg};
    if (!(next == currentPose(visit))) applyPose(visit, next);
  }
  if (e.dragging && !in.mouseDown) {
    e.dragging = false;
    if (!(currentPose(visit) == e.dragStart)) pushUndo(e, e.dragStart);
  }
}

void drawEditOverlay(const Visit& visit, const render::View& view, glm::vec2 display) {
  const EditState& e = visit.edit;
  if (!e.active || !visit.scene.expoScene || e.booth >= visit.scene.expoScene->bounds.size()) return;
  ImDrawList* dl = ImGui::GetForegroundDrawList();
  auto outline = [&](const expo::BoothBounds& b, ImU32 color, float thickness) {
    glm::vec2 az = expo::axisZ(b);
    glm::vec2 c[4] = {b.center - b.axisX * b.halfExtents.x - az * b.halfExtents.y,
                      b.center + b.axisX * b.halfExtents.x - az * b.halfExtents.y,
                      b.center + b.axisX * b.halfExtents.x + az * b.halfExtents.y,
                      b.center - b.axisX * b.halfExtents.x + az * b.halfExtents.y};
    ImVec2 p[4];
    for (int k = 0; k < 4; ++k)
      if (!toScreen(view, display, {c[k].x, 0.03f, c[k].y}, p[k])) return;
    dl->AddPolyline(p, 4, color, ImDrawFlags_Closed, thickness);
  };
  const auto& bounds = visit.scene.expoScene->bounds;
  for (size_t j : e.report.overlapping)
    if (j < bounds.size()) outline(bounds[j], IM_COL32(255, 60, 60, 255), 2.0f);
  outline(bounds[e.booth], e.report.ok() ? IM_COL32(255, 210, 0, 255) : IM_COL32(255, 30, 30, 255), 3.0f);
  for (const expo::AisleGap& g : e.report.narrowGaps) {
    ImVec2 a, b;
    if (!toScreen(view, display, {g.from.x, 0.05f, g.from.y}, a) ||
        !toScreen(view, display, {g.to.x, 0.05f, g.to.y}, b))
      continue;
    dl->AddLine(a, b, IM_COL32(255, 30, 30, 255), 3.0f);
    std::string label = fmt::format("{:.2f} m < {:.2f} m", g.width, g.required);
    ImVec2 mid((a.x + b.x) * 0.5f + 4.0f, (a.y + b.y) * 0.5f - 16.0f);
    dl->AddText(mid, IM_COL32(255, 255, 255, 255), label.c_str());
  }
}

void drawEditPanelAndApply(Visit& visit) {
  EditState& e = visit.edit;
  expo::Booth* b = editedBooth(visit);
  if (!b) return;
  ui::EditPanelInput in;
  in.boothId = b->id;
  for (const auto& x : visit.scene.expo->exhibitors)
    if (x.id == e.exhibitor) in.exhibitorName = x.name.native.empty() ? x.name.english : x.name.native;
  in.position = b->position;
  in.rotationDeg = b->rotationDeg;
  for (const auto& c : e.report.checks)
    in.rules.push_back({c.rule, c.passed,
                        c.passed ? fmt::format("{} (limit {})", c.measured, c.limit)
                                 : fmt::format("{} (limit {}); {}", c.measured, c.limit, c.detail)});
  in.canUndo = !e.undo.empty();
  in.canRedo = !e.redo.empty();
  in.dirty = e.dirty;
  in.snap = e.snap;
  in.snapMetres = e.snapMetres;
  in.confirmForce = e.confirmForce;
  in.status = e.status;
  ui::EditPanelActions a = ui::drawEditPanel(in);
  if (a.undo) editUndo(visit);
  if (a.redo) editRedo(visit);
  if (a.rotate90) editRotateBy(visit, 90.0f);
  if (a.toggleSnap) e.snap = !e.snap;
  if (a.save) (void)editSave(visit, false);
  if (a.forceSave) (void)editSave(visit, true);
  if (a.cancelForce) e.confirmForce = false;
}

void editStateJson(const Visit& visit, nlohmann::json& out) {
  const EditState& e = visit.edit;
  if (!e.active || !visit.scene.expo || e.booth >= visit.scene.expo->booths.size()) {
    out = nullptr;
    return;
  }
  const expo::Booth& b = visit.scene.expo->booths[e.booth];
  nlohmann::json violations = nlohmann::json::array();
  nlohmann::json rules = nlohmann::json::array();
  for (const auto& c : e.report.checks) {
    rules.push_back({{"rule", c.rule}, {"passed", c.passed}, {"measured", c.measured}, {"limit", c.limit}});
    if (!c.passed) violations.push_back({{"rule", c.rule}, {"detail", c.detail}});
  }
  nlohmann::json gaps = nlohmann::json::array();
  for (const auto& g : e.report.narrowGaps) gaps.push_back({{"width", g.width}, {"required", g.required}});
  nlohmann::json overlapping = nlohmann::json::array();
  for (size_t j : e.report.overlapping) overlapping.push_back(visit.scene.expo->booths[j].id);
  glm::vec3 inst(0.0f);
  if (e.booth < visit.boothInstance.size() && visit.boothInstance[e.booth] < visit.scene.instances.size())
    inst = glm::vec3(visit.scene.instances[visit.boothInstance[e.booth]].transform[3]);
  out = {{"exhibitor", e.exhibitor},
         {"booth", b.id},
         {"position", {b.position.x, b.position.y}},
         {"rotationDeg", b.rotationDeg},
         {"instancePosition", {inst.x, inst.y, inst.z}},
         {"valid", e.report.ok()},
         {"violations", violations},
         {"rules", rules},
         {"narrowGaps", gaps},
         {"overlapping", overlapping},
         {"undo", e.undo.size()},
         {"redo", e.redo.size()},
         {"dirty", e.dirty},
         {"snap", e.snap},
         {"status", e.status}};
}

}  // namespace cx::viewer
