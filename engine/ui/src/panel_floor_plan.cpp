// The floor plan: pavilions, booths and "you are here" drawn with ImDrawList; zoom, pan, click to go.
#include <algorithm>
#include <cmath>

#include "cx/ui/schedule.h"
#include "panels.h"

namespace cx::ui::detail {
namespace {

constexpr float kClickSlopPx = 4.0f;
constexpr float kZoomStep = 1.25f;

ImVec2 toIm(glm::vec2 v) {
  return ImVec2(v.x, v.y);
}

// Fills triangles without anti-aliasing fringes, so adjacent triangles show no seams.
void fillTriangles(ImDrawList* dl, const std::vector<ImVec2>& pts, const std::vector<uint32_t>& tris,
                   ImU32 col) {
  if (tris.empty()) return;
  for (uint32_t i : tris)
    if (i >= pts.size()) return;  // stale triangulation; the index is rebuilt on the next change
  const ImVec2 uv = ImGui::GetFontTexUvWhitePixel();
  dl->PrimReserve(static_cast<int>(tris.size()), static_cast<int>(tris.size()));
  for (uint32_t i : tris) {
    dl->PrimWriteIdx(static_cast<ImDrawIdx>(dl->_VtxCurrentIdx));
    dl->PrimWriteVtx(pts[i], uv, col);
  }
}

void drawYouAreHere(ImDrawList* dl, const MapView& view, const UiFrameInput& in) {
  const glm::vec2 pos = worldToMap(view, glm::vec2(in.cameraPosition.x, in.cameraPosition.z));
  const glm::vec2 dir = headingDirection(in.cameraYawRad);  // map space has the same axes (+Z down)
  const glm::vec2 side(-dir.y, dir.x);
  const ImU32 blue = IM_COL32(30, 110, 255, 255);
  dl->AddTriangleFilled(toIm(pos + dir * 18.0f), toIm(pos + side * 7.0f), toIm(pos - side * 7.0f), blue);
  dl->AddCircleFilled(toIm(pos), 7.0f, blue);
  dl->AddCircle(toIm(pos), 7.0f, IM_COL32(255, 255, 255, 255), 0, 2.0f);
}

void tooltipFor(PanelContext& c, uint32_t booth) {
  const expo::Booth& b = c.expo->booths[booth];
  ImGui::BeginTooltip();
  if (const expo::Exhibitor* ex = boothExhibitor(c, booth)) {
    ImGui::TextUnformatted(ex->name.native.c_str());
    if (ex->name.english != ex->name.native) ImGui::TextDisabled("%s", ex->name.english.c_str());
  } else {
    ImGui::TextUnformatted("Free plot");
  }
  ImGui::TextDisabled("Booth %s - click to go there", b.id.c_str());
  ImGui::EndTooltip();
}

}  // namespace

void drawFloorPlanPanel(PanelContext& c) {
  UiState& s = c.state;
  FloorPlanState& fp = s.floorPlan;
  static constexpr const char* kTitle = "Floor plan (F4)###cx-floorplan";
  placeWindow(c, kTitle,
              {ImVec2(0.30f, 0.12f), ImVec2(640.0f, 540.0f), ImVec2(0.1f, 0.05f), ImVec2(0.8f, 0.9f)});
  bool open = true;
  if (!ImGui::Begin(kTitle, &open,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse)) {
    ImGui::End();
    if (!open) closePanel(s, Panel::FloorPlan);
    return;
  }
  if (!c.expo || !c.scene) {
    ImGui::TextDisabled("No expo loaded.");
    ImGui::End();
    if (!open) closePanel(s, Panel::FloorPlan);
    return;
  }
  const expo::Expo& e = *c.expo;
  const expo::ExpoScene& scene = *c.scene;
  ImGuiIO& io = ImGui::GetIO();

  const bool fit = ImGui::Button("Fit");
  ImGui::SameLine();
  const bool zoomIn = ImGui::Button("+");
  ImGui::SameLine();
  const bool zoomOut = ImGui::Button("-");
  ImGui::SameLine();
  ImGui::Checkbox("Follow me", &fp.followCamera);
  ImGui::SameLine();
  ImGui::TextDisabled("wheel: zoom  drag: pan  click: go");

  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const glm::vec2 canvasMin(ImGui::GetCursorScreenPos().x, ImGui::GetCursorScreenPos().y);
  const glm::vec2 canvasSize(std::max(avail.x, 64.0f), std::max(avail.y, 64.0f));
  ImGui::InvisibleButton("##canvas", toIm(canvasSize),
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight |
                             ImGuiButtonFlags_MouseButtonMiddle);
  const bool hovered = ImGui::IsItemHovered();
  const bool active = ImGui::IsItemActive();

  MapView view{fp.center, fp.pixelsPerMetre, canvasMin, canvasSize};
  if (fit || fp.pixelsPerMetre <= 0.0f) {
    glm::vec2 min, max;
    expoBounds(e, scene, min, max);
    view = fitMapView(min, max, canvasMin, canvasSize, 12.0f);
    fp.followCamera = false;
  }
  if (fp.followCamera) view.center = glm::vec2(c.input.cameraPosition.x, c.input.cameraPosition.z);
  const glm::vec2 mouse(io.MousePos.x, io.MousePos.y);
  if (hovered && io.MouseWheel != 0.0f) zoomMapAt(view, mouse, std::pow(kZoomStep, io.MouseWheel));
  if (zoomIn) zoomMapAt(view, canvasMin + 0.5f * canvasSize, kZoomStep);
  if (zoomOut) zoomMapAt(view, canvasMin + 0.5f * canvasSize, 1.0f / kZoomStep);
  if (active &&
      (ImGui::IsMouseDragging(ImGuiMouseButton_Left, kClickSlopPx) ||
       ImGui::IsMouseDragging(ImGuiMouseButton_Right) || ImGui::IsMouseDragging(ImGuiMouseButton_Middle))) {
    panMap(view, glm::vec2(io.MouseDelta.x, io.MouseDelta.y));
    fp.followCamera = false;
  }
  fp.center = view.center;
  fp.pixelsPerMetre = view.pixelsPerMetre;
  fp.canvasMin = canvasMin;
  fp.canvasSize = canvasSize;

  const glm::vec2 mouseWorld = mapToWorld(view, mouse);
  fp.hoveredBooth = hovered ? hitTestBooth(scene, mouseWorld) : expo::kNoIndex;
  if (hovered && ImGui::IsMouseReleased(ImGuiMouseButton_Left) &&
      io.MouseDragMaxDistanceSqr[ImGuiMouseButton_Left] < kClickSlopPx * kClickSlopPx) {
    if (fp.hoveredBooth != expo::kNoIndex)
      goToBooth(c, fp.hoveredBooth);
    else if (hitTestPavilion(e, mouseWorld) != expo::kNoIndex)
      c.actions.goToPoint = mouseWorld;
  }

  // Drawing.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const glm::vec2 canvasMax = canvasMin + canvasSize;
  dl->PushClipRect(toIm(canvasMin), toIm(canvasMax), true);
  dl->AddRectFilled(toIm(canvasMin), toIm(canvasMax), IM_COL32(235, 235, 230, 255));

  std::vector<ImVec2> pts;
  for (size_t p = 0; p < e.pavilions.size(); ++p) {
    const expo::Pavilion& pav = e.pavilions[p];
    pts.clear();
    for (glm::vec2 q : pav.floor) pts.push_back(toIm(worldToMap(view, q)));
    if (p < s.index.pavilionTriangles.size())
      fillTriangles(dl, pts, s.index.pavilionTriangles[p], toImColor(pavilionColor(pav)));
    if (pts.size() >= 2)
      dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), toImColor(kOutlineColor), ImDrawFlags_Closed,
                      2.0f);
  }

  const bool outlines = view.pixelsPerMetre >= 2.0f;
  const bool names = view.pixelsPerMetre >= 14.0f;
  for (uint32_t i = 0; i < scene.bounds.size() && i < e.booths.size(); ++i) {
    const auto corners = footprintCorners(scene.bounds[i]);
    glm::vec2 q[4];
    glm::vec2 lo(1e30f), hi(-1e30f);
    for (int k = 0; k < 4; ++k) {
      q[k] = worldToMap(view, corners[size_t(k)]);
      lo = glm::min(lo, q[k]);
      hi = glm::max(hi, q[k]);
    }
    if (hi.x < canvasMin.x || hi.y < canvasMin.y || lo.x > canvasMax.x || lo.y > canvasMax.y) continue;
    dl->AddQuadFilled(toIm(q[0]), toIm(q[1]), toIm(q[2]), toIm(q[3]), toImColor(boothColor(e, scene, i)));
    if (outlines) dl->AddQuad(toIm(q[0]), toIm(q[1]), toIm(q[2]), toIm(q[3]), toImColor(kOutlineColor), 1.0f);
    if (names) {
      if (const expo::Exhibitor* ex = boothExhibitor(c, i)) {
        const ImVec4 clip(lo.x, lo.y, hi.x, hi.y);
        dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(),
                    ImVec2(lo.x + 2.0f, 0.5f * (lo.y + hi.y) - 0.5f * ImGui::GetFontSize()),
                    IM_COL32(20, 20, 20, 255), ex->name.native.c_str(), nullptr, 0.0f, &clip);
      }
    }
  }
  const auto ring = [&](uint32_t booth, ImU32 col, float thickness) {
    if (booth >= scene.bounds.size()) return;
    const auto corners = footprintCorners(scene.bounds[booth]);
    dl->AddQuad(toIm(worldToMap(view, corners[0])), toIm(worldToMap(view, corners[1])),
                toIm(worldToMap(view, corners[2])), toIm(worldToMap(view, corners[3])), col, thickness);
  };
  ring(fp.hoveredBooth, IM_COL32(255, 255, 255, 255), 2.0f);
  ring(s.selectedBooth, toImColor(kHighlightColor), 3.0f);

  // Pavilion names above the booths.
  for (const expo::Pavilion& pav : e.pavilions) {
    if (pav.floor.size() < 3) continue;
    const std::string& name = pav.name.english.empty() ? pav.name.native : pav.name.english;
    const glm::vec2 at = worldToMap(view, polygonCentroid(pav.floor));
    const ImVec2 size = ImGui::CalcTextSize(name.c_str());
    const ImVec2 pos(at.x - 0.5f * size.x, at.y - 0.5f * size.y);
    dl->AddRectFilled(ImVec2(pos.x - 3, pos.y - 1), ImVec2(pos.x + size.x + 3, pos.y + size.y + 1),
                      IM_COL32(255, 255, 255, 190), 3.0f);
    dl->AddText(pos, IM_COL32(10, 10, 10, 255), name.c_str());
  }
  drawYouAreHere(dl, view, c.input);
  dl->PopClipRect();

  if (fp.hoveredBooth != expo::kNoIndex && !active) tooltipFor(c, fp.hoveredBooth);
  ImGui::End();
  if (!open) closePanel(s, Panel::FloorPlan);
}

}  // namespace cx::ui::detail
