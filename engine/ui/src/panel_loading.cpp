// The loading panel: a progress bar while an expo streams in (files, bytes, the file being
// loaded), then the list of files that failed and are shown as placeholders. Bottom-left, never
// taking focus; it disappears once loading is complete and nothing failed.
#include <fmt/format.h>

#include "panels.h"

namespace cx::ui::detail {
namespace {

std::string formatBytes(uint64_t bytes) {
  if (bytes >= (uint64_t(1) << 20)) return fmt::format("{:.1f} MB", double(bytes) / double(1 << 20));
  if (bytes >= 1024) return fmt::format("{:.0f} KB", double(bytes) / 1024.0);
  return fmt::format("{} B", bytes);
}

}  // namespace

void drawLoadingPanel(PanelContext& c) {
  const LoadingInfo& info = *c.input.loading;
  if (!info.active && info.errors.empty()) return;
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(8.0f, io.DisplaySize.y - 8.0f), ImGuiCond_Always, ImVec2(0.0f, 1.0f));
  ImGui::SetNextWindowSizeConstraints(ImVec2(320.0f, 0.0f), ImVec2(std::max(320.0f, io.DisplaySize.x - 16.0f), std::max(80.0f, io.DisplaySize.y * 0.4f)));
  ImGui::SetNextWindowBgAlpha(0.7f);
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                                      ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav |
                                      ImGuiWindowFlags_NoMove;
  const char* title = info.active ? "Loading expo###cx-loading" : "Load errors###cx-loading";
  if (ImGui::Begin(title, nullptr, kFlags)) {
    if (info.active) {
      const float fraction = info.filesTotal > 0 ? float(info.filesDone) / float(info.filesTotal) : 0.0f;
      const std::string overlay =
          fmt::format("{} / {} files, {}", info.filesDone, info.filesTotal, formatBytes(info.bytesDone));
      ImGui::ProgressBar(fraction, ImVec2(300.0f, 0.0f), overlay.c_str());
      if (!info.current.empty()) ImGui::Text("loading %s", info.current.c_str());
    }
    if (!info.errors.empty()) {
      ImGui::TextColored(ImVec4(1.0f, 0.55f, 0.45f, 1.0f), "%zu file(s) failed, shown as placeholders:",
                         info.errors.size());
      for (const std::string& e : info.errors) ImGui::BulletText("%s", e.c_str());
    }
  }
  ImGui::End();
}

}  // namespace cx::ui::detail
