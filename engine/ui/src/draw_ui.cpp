#include "cx/ui/ui.h"
#include "panels.h"

namespace cx::ui {
namespace detail {
void drawLoadingPanel(PanelContext& c);  // panel_loading.cpp
}  // namespace detail

UiActions drawUi(UiState& state, const UiFrameInput& input) {
  UiActions actions;
  detail::PanelContext c{state, input, actions, input.expo, nullptr};
  if (input.expo) {
    if (!state.index.isFor(*input.expo, input.expoRevision)) {
      state.index.build(*input.expo, input.expoRevision);
      state.directory.resultsValid = false;
      if (state.selectedBooth >= input.expo->booths.size()) state.selectedBooth = expo::kNoIndex;
    }
    // The scene must match the expo booth for booth; otherwise the map and picking stay off.
    if (input.scene && input.scene->bounds.size() == input.expo->booths.size()) c.scene = input.scene;
  }

  state.frameMsHistory[state.frameMsCursor % state.frameMsHistory.size()] = input.frameMs;
  state.frameMsCursor = (state.frameMsCursor + 1) % static_cast<uint32_t>(state.frameMsHistory.size());

  handlePanelKeys(state, input.keys, actions);

  detail::drawMenuBar(c);
  if (isPanelOpen(state, Panel::Hud)) detail::drawHud(c);
  if (isPanelOpen(state, Panel::FloorPlan)) detail::drawFloorPlanPanel(c);
  if (isPanelOpen(state, Panel::Schedule)) detail::drawSchedulePanel(c);
  if (isPanelOpen(state, Panel::Settings)) detail::drawSettingsPanel(c);
  if (isPanelOpen(state, Panel::Directory)) detail::drawDirectoryPanel(c);
  if (isPanelOpen(state, Panel::Booth)) detail::drawBoothPanel(c);
  if (isPanelOpen(state, Panel::Help)) detail::drawHelpPanel(c);
  if (input.loading) detail::drawLoadingPanel(c);
  detail::drawLinkModal(c);
  detail::drawToast(c);
  return actions;
}

}  // namespace cx::ui
