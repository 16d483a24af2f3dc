#include <algorithm>

#include <fmt/format.h>
#include <imgui_internal.h>  // FindWindowByName: the compact layout keeps panels inside the display

#include "cx/ui/links.h"
#include "panels.h"

namespace cx::ui::detail {

ImU32 toImColor(Rgba8 c, uint8_t alpha) {
  return IM_COL32(c[0], c[1], c[2], alpha);
}

std::string displayName(const expo::LocalizedText& t) {
  if (t.native.empty()) return t.english;
  if (t.english.empty() || t.english == t.native) return t.native;
  return t.native + " (" + t.english + ")";
}

const expo::Exhibitor* boothExhibitor(const PanelContext& c, uint32_t booth) {
  if (!c.expo || booth >= c.state.index.boothExhibitor.size()) return nullptr;
  const uint32_t ex = c.state.index.boothExhibitor[booth];
  return ex == expo::kNoIndex ? nullptr : &c.expo->exhibitors[ex];
}

void goToBooth(PanelContext& c, uint32_t booth) {
  if (!c.expo || booth >= c.expo->booths.size()) return;
  c.actions.goToBooth = booth;
  c.actions.selectBooth = booth;
  selectBooth(c.state, booth);
}

void goToPlace(PanelContext& c, const Place& place) {
  if (place.kind == Place::Kind::Booth)
    goToBooth(c, place.index);
  else if (place.kind == Place::Kind::Pavilion)
    c.actions.goToPoint = place.point;
}

void showToast(UiState& s, std::string text, double seconds) {
  s.toast = std::move(text);
  s.toastUntil = ImGui::GetTime() + seconds;
}

void linkRow(PanelContext& c, const char* label, const std::string& url, const std::string& owner) {
  if (url.empty()) return;
  ImGui::PushID(label);
  ImGui::TextUnformatted(label);
  ImGui::SameLine(110.0f);
  if (ImGui::SmallButton("Open")) requestOpenLink(c.state, url, fmt::format("{} of {}", label, owner));
  ImGui::SameLine();
  if (ImGui::SmallButton("Copy link")) {
    c.actions.copyText = url;
    showToast(c.state, "Link copied");
  }
  ImGui::SameLine();
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextUnformatted(url.c_str());
  ImGui::PopStyleColor();
  ImGui::PopID();
}

void placeWindow(const PanelContext& c, const char* windowName, const PanelPlacement& p) {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  if (c.state.layout == UiLayout::Desktop) {
    ImGui::SetNextWindowPos(ImVec2(display.x * p.desktopPos.x, display.y * p.desktopPos.y),
                            ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(p.desktopSize, ImGuiCond_FirstUseEver);
    return;
  }
  // Compact: the free area is the display less a small margin and the menu bar.
  constexpr float kMargin = 4.0f;
  const float top = (c.state.showMenuBar ? ImGui::GetFrameHeight() : 0.0f) + kMargin;
  const ImVec2 areaMin(kMargin, top);
  const ImVec2 areaMax(std::max(areaMin.x + 1.0f, display.x - kMargin),
                       std::max(areaMin.y + 1.0f, display.y - kMargin));
  const ImVec2 room(areaMax.x - areaMin.x, areaMax.y - areaMin.y);
  auto inside = [&](ImVec2 pos, ImVec2 size) {
    return ImVec2(std::clamp(pos.x, areaMin.x, areaMax.x - std::min(size.x, room.x)),
                  std::clamp(pos.y, areaMin.y, areaMax.y - std::min(size.y, room.y)));
  };
  ImVec2 pos;
  if (const ImGuiWindow* w = ImGui::FindWindowByName(windowName)) {
    // Moved or resized past the edge (or the display shrank): back inside, this frame.
    pos = inside(w->Pos, w->SizeFull);
    if (pos.x != w->Pos.x || pos.y != w->Pos.y) ImGui::SetNextWindowPos(pos, ImGuiCond_Always);
  } else {
    const ImVec2 size(std::min(display.x * p.compactSize.x, room.x),
                      std::min(display.y * p.compactSize.y, room.y));
    pos = inside(ImVec2(display.x * p.compactPos.x, display.y * p.compactPos.y), size);
    ImGui::SetNextWindowPos(pos, ImGuiCond_Always);
    ImGui::SetNextWindowSize(size, ImGuiCond_Always);
  }
  // Resizing cannot reach past the area either.
  ImGui::SetNextWindowSizeConstraints(ImVec2(0.0f, 0.0f), ImVec2(areaMax.x - pos.x, areaMax.y - pos.y));
}

void drawMenuBar(PanelContext& c) {
  if (!c.state.showMenuBar || !ImGui::BeginMainMenuBar()) return;
  if (ImGui::BeginMenu("Panels")) {
    struct Item {
      Panel panel;
      const char* label;
      const char* key;
    };
    static constexpr Item kItems[] = {
        {Panel::Help, "Help", "F1"},         {Panel::Directory, "Directory", "F2"},
        {Panel::Hud, "HUD", "F3"},           {Panel::FloorPlan, "Floor plan", "F4"},
        {Panel::Schedule, "Schedule", "F5"}, {Panel::Settings, "Settings", "F6"},
    };
    for (const Item& item : kItems)
      if (ImGui::MenuItem(item.label, item.key, isPanelOpen(c.state, item.panel)))
        togglePanel(c.state, item.panel);
    ImGui::Separator();
    if (ImGui::MenuItem("Quit")) c.actions.quit = true;
    ImGui::EndMenu();
  }
  if (c.expo) {
    ImGui::TextDisabled("%s", displayName(c.expo->venue.name).c_str());
    // The first live conference, as a shortcut to the schedule.
    const int64_t now = c.input.nowUnix;
    for (const expo::Event& ev : c.expo->events) {
      if (ev.startUnix <= now && now < ev.endUnix) {
        ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 90, 90, 255));
        if (ImGui::MenuItem(
                fmt::format("LIVE: {}", ev.title.english.empty() ? ev.title.native : ev.title.english)
                    .c_str()))
          openPanel(c.state, Panel::Schedule);
        ImGui::PopStyleColor();
        break;
      }
    }
  }
  ImGui::EndMainMenuBar();
}

void drawLinkModal(PanelContext& c) {
  static constexpr const char* kId = "Open link?###cx-link-confirm";
  UiState& s = c.state;
  if (s.pendingLink && !ImGui::IsPopupOpen(kId)) ImGui::OpenPopup(kId);
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Appearing,
                          ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal(kId, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  if (!s.pendingLink) {  // cancelled from outside (Esc, a script)
    ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return;
  }
  const LinkConfirmation link = *s.pendingLink;
  ImGui::TextUnformatted(link.label.c_str());
  ImGui::Separator();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36.0f);
  ImGui::TextUnformatted(link.url.c_str());
  ImGui::PopTextWrapPos();
  std::string why;
  const bool openable = isOpenableUrl(link.url, &why);
  if (openable)
    ImGui::TextDisabled("Opens in your web browser.");
  else
    ImGui::TextColored(ImVec4(1.0f, 0.4f, 0.4f, 1.0f), "This link cannot be opened: %s", why.c_str());
  ImGui::Spacing();
  bool done = false;
  if (!openable) ImGui::BeginDisabled();
  // Enter confirms only once the modal has been on screen, so a held Enter cannot open a link.
  if ((ImGui::Button("Open in browser") || (c.input.keys.enter && link.framesShown > 0)) && openable) {
    c.actions.openUrl = link.url;
    done = true;
  }
  if (!openable) ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Copy link")) {
    c.actions.copyText = link.url;
    showToast(s, "Link copied");
    done = true;
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) done = true;
  if (done) {
    s.pendingLink.reset();
    ImGui::CloseCurrentPopup();
  } else {
    ++s.pendingLink->framesShown;
  }
  ImGui::EndPopup();
}

void drawToast(PanelContext& c) {
  if (c.state.toast.empty()) return;
  if (ImGui::GetTime() > c.state.toastUntil) {
    c.state.toast.clear();
    return;
  }
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y - 40.0f), ImGuiCond_Always, ImVec2(0.5f, 1.0f));
  ImGui::SetNextWindowBgAlpha(0.75f);
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                      ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                      ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoInputs;
  if (ImGui::Begin("##cx-toast", nullptr, kFlags)) ImGui::TextUnformatted(c.state.toast.c_str());
  ImGui::End();
}

}  // namespace cx::ui::detail
