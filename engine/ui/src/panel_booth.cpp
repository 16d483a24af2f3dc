// The booth panel: who is at the selected booth, and how to reach them.
#include <algorithm>

#include <fmt/format.h>

#include "cx/ui/text.h"
#include "panels.h"

namespace cx::ui::detail {
namespace {

std::string joinList(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) {
    if (!out.empty()) out += ", ";
    out += s;
  }
  return out;
}

void labelled(const char* label, const std::string& value) {
  if (value.empty()) return;
  ImGui::TextDisabled("%s", label);
  ImGui::SameLine(110.0f);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(value.c_str());
  ImGui::PopTextWrapPos();
}

}  // namespace

void drawBoothPanel(PanelContext& c) {
  UiState& s = c.state;
  static constexpr const char* kTitle = "Booth###cx-booth";
  placeWindow(c, kTitle,
              {ImVec2(0.62f, 0.08f), ImVec2(440.0f, 460.0f), ImVec2(0.5f, 0.05f), ImVec2(0.49f, 0.9f)});
  bool open = true;
  // The booth panel appears on selection without taking keyboard focus from the directory.
  if (!ImGui::Begin(kTitle, &open, ImGuiWindowFlags_NoFocusOnAppearing)) {
    ImGui::End();
    if (!open) closePanel(s, Panel::Booth);
    return;
  }
  if (!c.expo || s.selectedBooth >= c.expo->booths.size()) {
    ImGui::TextDisabled("No booth selected. Click a booth, or find one in the directory (F2).");
  } else {
    const uint32_t boothIndex = s.selectedBooth;
    const expo::Booth& booth = c.expo->booths[boothIndex];
    const expo::Exhibitor* ex = boothExhibitor(c, boothIndex);
    const uint32_t pav =
        s.index.boothPavilion.size() > boothIndex ? s.index.boothPavilion[boothIndex] : expo::kNoIndex;

    if (ex) {
      ImGui::TextUnformatted(ex->name.native.empty() ? ex->name.english.c_str() : ex->name.native.c_str());
      if (!ex->name.english.empty() && ex->name.english != ex->name.native)
        ImGui::TextDisabled("%s", ex->name.english.c_str());
    } else {
      ImGui::TextUnformatted("Free plot");
    }
    ImGui::Separator();
    if (ex && !ex->country.empty())
      labelled("Country/region", fmt::format("{} ({})", countryName(ex->country), ex->country));
    if (pav != expo::kNoIndex) labelled("Pavilion", displayName(c.expo->pavilions[pav].name));
    labelled("Booth", fmt::format("{}  {}  {:g} x {:g} m", booth.id, booth.style, booth.footprint.x,
                                  booth.footprint.y));

    if (ex) {
      if (!ex->description.empty()) {
        ImGui::Spacing();
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(ex->description.c_str());
        ImGui::PopTextWrapPos();
        ImGui::Spacing();
      }
      labelled("Products", joinList(ex->products));
      labelled("Tags", joinList(ex->tags));
      labelled("Contact", ex->contact.person);
      labelled("E-mail", ex->contact.email);
      labelled("Phone", ex->contact.phone);
      const std::string owner = ex->name.english.empty() ? ex->name.native : ex->name.english;
      if (!ex->links.website.empty() || !ex->links.livestream.empty() || !ex->links.shop.empty()) {
        ImGui::Separator();
        linkRow(c, "Website", ex->links.website, owner);
        linkRow(c, "Livestream", ex->links.livestream, owner);
        linkRow(c, "Shop", ex->links.shop, owner);
      }
    }
    ImGui::Separator();
    if (ImGui::Button("Go to")) goToBooth(c, boothIndex);
    ImGui::SameLine();
    if (ImGui::Button("Show on map")) {
      s.floorPlan.center = booth.position;
      s.floorPlan.pixelsPerMetre = std::max(s.floorPlan.pixelsPerMetre, 8.0f);
      s.floorPlan.followCamera = false;
      openPanel(s, Panel::FloorPlan);
    }
    ImGui::SameLine();
    if (ImGui::Button("Close")) open = false;
  }
  ImGui::End();
  if (!open) closePanel(s, Panel::Booth);
}

}  // namespace cx::ui::detail
