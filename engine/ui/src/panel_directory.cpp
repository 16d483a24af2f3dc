// The directory: instant search over all exhibitors with keyboard navigation.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include <fmt/format.h>

#include "cx/ui/text.h"
#include "panels.h"

namespace cx::ui::detail {
namespace {

constexpr int kPageStep = 10;

bool sameFilters(const SearchFilters& a, const SearchFilters& b) {
  return a.pavilion == b.pavilion && a.country == b.country;
}

void refreshResults(UiState& s) {
  DirectoryState& d = s.directory;
  if (d.resultsValid && d.resultsQuery == d.query && sameFilters(d.resultsFilters, d.filters)) return;
  d.results = s.index.search.query(d.query, d.filters);
  d.resultsQuery = d.query;
  d.resultsFilters = d.filters;
  d.resultsValid = true;
  d.cursor = 0;
  d.scrollToCursor = true;
}

void filterCombos(PanelContext& c) {
  DirectoryState& d = c.state.directory;
  const expo::Expo& e = *c.expo;
  ImGui::SetNextItemWidth(200.0f);
  std::string pavLabel = "All pavilions";
  for (const expo::Pavilion& p : e.pavilions)
    if (p.id == d.filters.pavilion) pavLabel = p.name.english.empty() ? p.name.native : p.name.english;
  if (ImGui::BeginCombo("##pavilion", pavLabel.c_str())) {
    if (ImGui::Selectable("All pavilions", d.filters.pavilion.empty())) d.filters.pavilion.clear();
    for (const expo::Pavilion& p : e.pavilions) {
      ImGui::PushID(p.id.c_str());
      if (ImGui::Selectable(displayName(p.name).c_str(), p.id == d.filters.pavilion))
        d.filters.pavilion = p.id;
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(170.0f);
  const std::string countryLabel =
      d.filters.country.empty() ? "All countries" : countryName(d.filters.country);
  if (ImGui::BeginCombo("##country", countryLabel.c_str())) {
    if (ImGui::Selectable("All countries", d.filters.country.empty())) d.filters.country.clear();
    for (const std::string& iso : c.state.index.countries) {
      ImGui::PushID(iso.c_str());
      if (ImGui::Selectable(countryName(iso).c_str(), iso == d.filters.country)) d.filters.country = iso;
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
}

void handleDirectoryKeys(PanelContext& c) {
  DirectoryState& d = c.state.directory;
  const UiKeyInput& k = c.input.keys;
  const int count = static_cast<int>(d.results.size());
  if (count == 0) return;
  const int before = d.cursor;
  if (k.up) d.cursor -= 1;
  if (k.down) d.cursor += 1;
  if (k.pageUp) d.cursor -= kPageStep;
  if (k.pageDown) d.cursor += kPageStep;
  if (k.home) d.cursor = 0;
  if (k.end) d.cursor = count - 1;
  d.cursor = std::clamp(d.cursor, 0, count - 1);
  if (d.cursor != before) d.scrollToCursor = true;
  if (k.enter) {
    const uint32_t booth = c.state.index.exhibitorBooth[d.results[size_t(d.cursor)]];
    goToBooth(c, booth);
  }
}

}  // namespace

void drawDirectoryPanel(PanelContext& c) {
  UiState& s = c.state;
  DirectoryState& d = s.directory;
  static constexpr const char* kTitle = "Directory (F2)###cx-directory";
  placeWindow(c, kTitle,
              {ImVec2(0.02f, 0.08f), ImVec2(480.0f, 560.0f), ImVec2(0.01f, 0.05f), ImVec2(0.48f, 0.9f)});
  bool open = true;
  if (!ImGui::Begin(kTitle, &open)) {
    ImGui::End();
    if (!open) closePanel(s, Panel::Directory);
    return;
  }
  if (!c.expo) {
    ImGui::TextDisabled("No expo loaded.");
    ImGui::End();
    if (!open) closePanel(s, Panel::Directory);
    return;
  }
  const bool focused = ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows);

  if (d.focusSearch) {
    ImGui::SetKeyboardFocusHere();
    d.focusSearch = false;
  }
  ImGui::SetNextItemWidth(-1.0f);
  ImGui::InputTextWithHint("##search", "Search name (any script), product, tag...", &d.query);
  filterCombos(c);
  refreshResults(s);
  d.cursor = std::clamp(d.cursor, 0, std::max(0, static_cast<int>(d.results.size()) - 1));
  if (focused && !s.pendingLink) handleDirectoryKeys(c);

  ImGui::TextDisabled("%zu of %zu exhibitors   Up/Down, Enter: go to booth", d.results.size(),
                      c.expo->exhibitors.size());
  const float footer = ImGui::GetFrameHeightWithSpacing();
  if (ImGui::BeginChild("##results", ImVec2(0.0f, -footer), true)) {
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(d.results.size()));
    if (d.scrollToCursor && !d.results.empty()) clipper.ForceDisplayRangeByIndices(d.cursor, d.cursor + 1);
    while (clipper.Step()) {
      for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
        const uint32_t exIndex = d.results[size_t(row)];
        const expo::Exhibitor& ex = c.expo->exhibitors[exIndex];
        const std::string label =
            fmt::format("{}  ·  {}  [{}]##{}", ex.name.native, ex.name.english, ex.country, exIndex);
        const bool isCursor = row == d.cursor;
        if (ImGui::Selectable(label.c_str(), isCursor, ImGuiSelectableFlags_AllowDoubleClick)) {
          d.cursor = row;
          const uint32_t booth = s.index.exhibitorBooth[exIndex];
          if (ImGui::IsMouseDoubleClicked(0)) {
            goToBooth(c, booth);
          } else if (booth != expo::kNoIndex) {
            c.actions.selectBooth = booth;
            selectBooth(s, booth);
          }
        }
        if (isCursor && d.scrollToCursor) {
          ImGui::SetScrollHereY(0.5f);
          d.scrollToCursor = false;
        }
      }
    }
  }
  ImGui::EndChild();
  const bool haveCursor = !d.results.empty();
  if (!haveCursor) ImGui::BeginDisabled();
  if (ImGui::Button("Go to booth") && haveCursor)
    goToBooth(c, s.index.exhibitorBooth[d.results[size_t(d.cursor)]]);
  if (!haveCursor) ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Clear")) {
    setDirectoryQuery(s, "");
    d.filters = {};
  }
  ImGui::End();
  if (!open) closePanel(s, Panel::Directory);
}

}  // namespace cx::ui::detail
