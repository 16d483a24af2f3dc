// The conference schedule: days, LIVE NOW / NEXT badges, "Go there" and the stream link.
#include <fmt/format.h>

#include "panels.h"

namespace cx::ui::detail {
namespace {

std::string offsetLabel(int minutes) {
  const char sign = minutes < 0 ? '-' : '+';
  const int m = minutes < 0 ? -minutes : minutes;
  return fmt::format("UTC{}{:02}:{:02}", sign, m / 60, m % 60);
}

void badge(const char* text, ImU32 bg) {
  const ImVec2 size = ImGui::CalcTextSize(text);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(pos.x - 2, pos.y),
                                            ImVec2(pos.x + size.x + 2, pos.y + size.y), bg, 3.0f);
  ImGui::TextColored(ImVec4(1, 1, 1, 1), "%s", text);
}

}  // namespace

void drawSchedulePanel(PanelContext& c) {
  UiState& s = c.state;
  static constexpr const char* kTitle = "Schedule (F5)###cx-schedule";
  placeWindow(c, kTitle,
              {ImVec2(0.35f, 0.10f), ImVec2(620.0f, 520.0f), ImVec2(0.1f, 0.05f), ImVec2(0.8f, 0.9f)});
  bool open = true;
  if (!ImGui::Begin(kTitle, &open)) {
    ImGui::End();
    if (!open) closePanel(s, Panel::Schedule);
    return;
  }
  if (!c.expo) {
    ImGui::TextDisabled("No expo loaded.");
    ImGui::End();
    if (!open) closePanel(s, Panel::Schedule);
    return;
  }
  const expo::Expo& e = *c.expo;
  const ScheduleView view = buildSchedule(e, c.input.nowUnix);
  const int offset = view.utcOffsetMinutes;
  ImGui::TextDisabled("Now %s %s (%s%s%s)", formatLocalDate(localDayOf(c.input.nowUnix, offset)).c_str(),
                      formatLocalTime(c.input.nowUnix, offset).c_str(), offsetLabel(offset).c_str(),
                      e.venue.timeZone.empty() ? "" : ", ", e.venue.timeZone.c_str());
  if (view.days.empty()) ImGui::TextDisabled("No conferences.");

  for (const ScheduleDay& day : view.days) {
    ImGui::Spacing();
    ImGui::Text("%s  (%s)", day.label.c_str(), day.date.c_str());
    ImGui::Separator();
    for (const ScheduleEntry& entry : day.entries) {
      const expo::Event& ev = e.events[entry.event];
      ImGui::PushID(static_cast<int>(entry.event));
      const bool past = entry.status == EventStatus::Past;
      if (past) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
      ImGui::Text("%s-%s%s", entry.startLocal.c_str(), entry.endLocal.c_str(),
                  entry.endDayOffset > 0 ? " (+1)" : "");
      ImGui::SameLine(120.0f);
      if (entry.status == EventStatus::LiveNow) {
        badge("LIVE NOW", IM_COL32(200, 30, 30, 255));
        ImGui::SameLine();
      } else if (entry.status == EventStatus::Next) {
        badge("NEXT", IM_COL32(30, 140, 60, 255));
        ImGui::SameLine();
      }
      ImGui::TextUnformatted(ev.title.native.empty() ? ev.title.english.c_str() : ev.title.native.c_str());
      ImGui::Indent(120.0f);
      if (!ev.title.english.empty() && ev.title.english != ev.title.native)
        ImGui::TextDisabled("%s", ev.title.english.c_str());
      const Place place = resolvePlace(e, ev.location);
      std::string where = ev.locationLabel;
      if (where.empty() && place.kind == Place::Kind::Pavilion)
        where = displayName(e.pavilions[place.index].name);
      if (where.empty()) where = ev.location;
      if (!where.empty()) {
        ImGui::TextUnformatted(where.c_str());
        if (place.kind != Place::Kind::None) {
          ImGui::SameLine();
          if (ImGui::SmallButton("Go there")) goToPlace(c, place);
        }
      }
      if (!ev.stream.empty()) {
        if (!where.empty()) ImGui::SameLine();
        if (ImGui::SmallButton(entry.status == EventStatus::LiveNow ? "Watch live" : "Stream link"))
          requestOpenLink(
              s, ev.stream,
              fmt::format("Stream of \"{}\"", ev.title.english.empty() ? ev.title.native : ev.title.english));
      }
      ImGui::Unindent(120.0f);
      if (past) ImGui::PopStyleColor();
      ImGui::PopID();
    }
  }
  ImGui::End();
  if (!open) closePanel(s, Panel::Schedule);
}

}  // namespace cx::ui::detail
