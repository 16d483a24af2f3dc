// The exhibitor edit panel: the booth's pose, every plot rule passed or failed, undo/redo and save
// (a failing layout is saved only after "Save anyway" is confirmed).
#include <fmt/format.h>
#include <imgui.h>

#include "cx/ui/ui.h"

namespace cx::ui {

EditPanelActions drawEditPanel(const EditPanelInput& in) {
  EditPanelActions a;
  ImGui::SetNextWindowPos(ImVec2(12.0f, 40.0f), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(420.0f, 0.0f), ImGuiCond_FirstUseEver);
  if (!ImGui::Begin("Edit booth###cx-edit")) {
    ImGui::End();
    return a;
  }
  ImGui::Text("Booth %s  (%s)", in.boothId.c_str(), in.exhibitorName.c_str());
  ImGui::Text("at (%.2f, %.2f) m, %.1f deg%s", in.position.x, in.position.y, in.rotationDeg,
              in.dirty ? "  - unsaved" : "");
  ImGui::TextDisabled(
      "Drag on the floor; R: 90 deg, Shift+R: 15 deg; Ctrl+Z / Ctrl+Y; other booths are locked");
  ImGui::Separator();
  size_t failed = 0;
  for (const EditRuleLine& r : in.rules) {
    failed += r.passed ? 0 : 1;
    ImVec4 color = r.passed ? ImVec4(0.45f, 0.85f, 0.45f, 1.0f) : ImVec4(1.0f, 0.3f, 0.3f, 1.0f);
    ImGui::TextColored(color, "%s %s", r.passed ? "PASS" : "FAIL", r.rule.c_str());
    ImGui::SameLine();
    ImGui::TextWrapped("%s", r.text.c_str());
  }
  ImGui::Separator();
  ImGui::BeginDisabled(!in.canUndo);
  a.undo = ImGui::Button("Undo");
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!in.canRedo);
  a.redo = ImGui::Button("Redo");
  ImGui::EndDisabled();
  ImGui::SameLine();
  a.rotate90 = ImGui::Button("Rotate 90");
  ImGui::SameLine();
  bool snap = in.snap;
  if (ImGui::Checkbox(fmt::format("Snap {:.1f} m", in.snapMetres).c_str(), &snap)) a.toggleSnap = true;
  a.save = ImGui::Button(failed ? "Save (rules fail)" : "Save");
  if (in.confirmForce) {
    ImGui::TextColored(ImVec4(1.0f, 0.6f, 0.2f, 1.0f), "%zu rule(s) fail. Save anyway?", failed);
    a.forceSave = ImGui::Button("Save anyway");
    ImGui::SameLine();
    a.cancelForce = ImGui::Button("Cancel");
  }
  if (!in.status.empty()) ImGui::TextWrapped("%s", in.status.c_str());
  ImGui::End();
  return a;
}

}  // namespace cx::ui
