#pragma once
// Internal: one function per panel, sharing a PanelContext. Only ImGui and plain data here.
#include <imgui.h>

#include <string>

#include "cx/ui/floor_plan.h"
#include "cx/ui/ui.h"

namespace cx::ui::detail {

struct PanelContext {
  UiState& state;
  const UiFrameInput& input;
  UiActions& actions;
  const expo::Expo* expo = nullptr;        // null when nothing is loaded
  const expo::ExpoScene* scene = nullptr;  // null when absent or not matching the expo
};

void drawMenuBar(PanelContext& c);
void drawBoothPanel(PanelContext& c);
void drawDirectoryPanel(PanelContext& c);
void drawFloorPlanPanel(PanelContext& c);
void drawSchedulePanel(PanelContext& c);
void drawSettingsPanel(PanelContext& c);
void drawHud(PanelContext& c);
void drawHelpPanel(PanelContext& c);
void drawLinkModal(PanelContext& c);
void drawToast(PanelContext& c);

// Shared helpers.
ImU32 toImColor(Rgba8 color, uint8_t alpha = 255);
// "native (english)", or whichever exists.
std::string displayName(const expo::LocalizedText& text);
const expo::Exhibitor* boothExhibitor(const PanelContext& c, uint32_t booth);
// Sets goToBooth and selects the booth (the booth panel opens without taking focus).
void goToBooth(PanelContext& c, uint32_t booth);
void goToPlace(PanelContext& c, const Place& place);
void showToast(UiState& state, std::string text, double seconds = 2.5);
// A labelled link line with "Open" (asks for confirmation) and "Copy link"; nothing when empty.
void linkRow(PanelContext& c, const char* label, const std::string& url, const std::string& owner);
// Where a panel appears (UiLayout). Desktop: at desktopPos (fraction of the display), desktopSize
// pixels, on first use. Compact: at compactPos with compactSize (fractions of the display) on first
// use, then kept inside the display's free area every frame.
struct PanelPlacement {
  ImVec2 desktopPos;
  ImVec2 desktopSize;
  ImVec2 compactPos;
  ImVec2 compactSize;
};
// Call right before ImGui::Begin(windowName, ...).
void placeWindow(const PanelContext& c, const char* windowName, const PanelPlacement& placement);

}  // namespace cx::ui::detail
