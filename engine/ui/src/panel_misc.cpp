// Settings, HUD and help.
#include <algorithm>

#include <fmt/format.h>

#include "panels.h"

namespace cx::ui::detail {

void drawSettingsPanel(PanelContext& c) {
  UiState& s = c.state;
  Settings& st = s.settings;
  static constexpr const char* kTitle = "Settings (F6)###cx-settings";
  placeWindow(c, kTitle,
              {ImVec2(0.55f, 0.30f), ImVec2(380.0f, 330.0f), ImVec2(0.25f, 0.12f), ImVec2(0.5f, 0.6f)});
  bool open = true;
  if (!ImGui::Begin(kTitle, &open)) {
    ImGui::End();
    if (!open) closePanel(s, Panel::Settings);
    return;
  }
  bool changed = false;
  ImGui::TextDisabled("Movement");
  changed |= ImGui::SliderFloat("Move speed (m/s)", &st.moveSpeed, 0.5f, 10.0f, "%.1f");
  changed |= ImGui::SliderFloat("Run multiplier", &st.runMultiplier, 1.0f, 5.0f, "%.1fx");
  float milli = st.mouseSensitivity * 1000.0f;
  if (ImGui::SliderFloat("Mouse sensitivity", &milli, 0.5f, 10.0f, "%.1f mrad/px")) {
    st.mouseSensitivity = milli / 1000.0f;
    changed = true;
  }
  changed |= ImGui::Checkbox("Invert Y", &st.invertY);
  changed |= ImGui::Checkbox("Comfort vignette while moving", &st.comfortVignette);
  ImGui::Separator();
  ImGui::TextDisabled("Display");
  changed |= ImGui::SliderFloat("Field of view", &st.fieldOfViewDeg, 50.0f, 110.0f, "%.0f deg");
  changed |= ImGui::Checkbox("VSync", &st.vsync);
  int quality = static_cast<int>(st.quality);
  if (ImGui::Combo("Quality", &quality, "Low\0Medium\0High\0")) {
    st.quality = static_cast<Quality>(std::clamp(quality, 0, 2));
    changed = true;
  }
  static constexpr int kSamples[] = {1, 2, 4, 8};
  int aa = static_cast<int>(std::find(std::begin(kSamples), std::end(kSamples), st.msaaSamples) -
                            std::begin(kSamples));
  if (aa >= 4) aa = 2;
  if (ImGui::Combo("Anti-aliasing", &aa, "Off\0MSAA 2x\0MSAA 4x\0MSAA 8x\0")) {
    st.msaaSamples = kSamples[std::clamp(aa, 0, 3)];
    changed = true;
  }
  ImGui::Separator();
  if (ImGui::Button("Reset to defaults")) {
    st = Settings{};
    changed = true;
  }
  ImGui::SameLine();
  if (ImGui::Button("Quit")) c.actions.quit = true;
  if (changed) c.actions.settingsChanged = true;
  ImGui::End();
  if (!open) closePanel(s, Panel::Settings);
}

void drawHud(PanelContext& c) {
  UiState& s = c.state;
  const float menuHeight = s.showMenuBar ? ImGui::GetFrameHeight() : 0.0f;
  ImGui::SetNextWindowPos(ImVec2(8.0f, 8.0f + menuHeight), ImGuiCond_Always);
  ImGui::SetNextWindowBgAlpha(0.45f);
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                      ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                      ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoInputs;
  if (ImGui::Begin("##cx-hud", nullptr, kFlags)) {
    const UiFrameInput& in = c.input;
    ImGui::Text("%.0f fps  %.2f ms  [%.*s]", in.fps, in.frameMs, static_cast<int>(in.modeName.size()),
                in.modeName.data());
    const size_t n = s.frameMsHistory.size();
    float maxMs = 1.0f;
    for (float v : s.frameMsHistory) maxMs = std::max(maxMs, v);
    const std::string overlay = fmt::format("frame ms (max {:.1f})", maxMs);
    ImGui::PlotLines("##frametime", s.frameMsHistory.data(), static_cast<int>(n),
                     static_cast<int>(s.frameMsCursor % n), overlay.c_str(), 0.0f, maxMs * 1.1f,
                     ImVec2(260.0f, 50.0f));
    ImGui::Text("pos %.1f %.1f %.1f  heading %.0f deg", in.cameraPosition.x, in.cameraPosition.y,
                in.cameraPosition.z, in.cameraYawRad * 57.29578f);
    if (c.expo) {
      const auto describe = [&](const char* what, uint32_t booth) {
        if (booth >= c.expo->booths.size()) return;
        const expo::Exhibitor* ex = boothExhibitor(c, booth);
        ImGui::Text("%s %s %s", what, c.expo->booths[booth].id.c_str(),
                    ex ? ex->name.native.c_str() : "(free plot)");
      };
      describe("hover", s.hoveredBooth);
      describe("selected", s.selectedBooth);
    }
    if (!in.hudExtra.empty())
      ImGui::TextUnformatted(in.hudExtra.data(), in.hudExtra.data() + in.hudExtra.size());
  }
  ImGui::End();
}

void drawHelpPanel(PanelContext& c) {
  UiState& s = c.state;
  static constexpr const char* kTitle = "Help (F1)###cx-help";
  placeWindow(c, kTitle,
              {ImVec2(0.25f, 0.20f), ImVec2(440.0f, 380.0f), ImVec2(0.2f, 0.1f), ImVec2(0.6f, 0.75f)});
  bool open = true;
  if (ImGui::Begin(kTitle, &open)) {
    static constexpr const char* kKeys[][2] = {
        {"F1", "this help"},
        {"F2", "directory: search exhibitors"},
        {"F3", "HUD: frame rate and position"},
        {"F4", "floor plan"},
        {"F5", "conference schedule"},
        {"F6", "settings"},
        {"Esc", "close the last panel / cancel"},
        {"Up / Down", "directory: move the cursor"},
        {"PgUp / PgDn, Home / End", "directory: jump"},
        {"Enter", "directory: go to the booth"},
        {"Floor plan", "wheel zoom, drag pan, click go"},
    };
    if (ImGui::BeginTable("##keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) {
      for (const auto& row : kKeys) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::TextUnformatted(row[0]);
        ImGui::TableSetColumnIndex(1);
        ImGui::TextUnformatted(row[1]);
      }
      ImGui::EndTable();
    }
    ImGui::Spacing();
    ImGui::TextWrapped(
        "Links open in your browser only after you confirm them. Only http and https links are offered.");
  }
  ImGui::End();
  if (!open) closePanel(s, Panel::Help);
}

}  // namespace cx::ui::detail
