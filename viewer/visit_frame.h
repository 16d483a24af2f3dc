#pragma once
// Per-frame steps of a visit that every run mode shares: loading, navigation, hover and click
// picking, and the UI.
#include <string>

#include <glm/glm.hpp>

#include "cx/render/renderer.h"
#include "options.h"
#include "visit.h"

namespace cx::viewer {

// Loads the scene named by the options (or the bundled sample), the script, and prepares the
// visit. Returns an error line, empty on success.
std::string loadVisit(const render::Context& ctx, const render::Renderer& renderer, const ViewerOptions& options,
                      Visit& visit);

// Loads UI fonts covering every name in the expo (CJK, Hangul, kana, Cyrillic, Latin).
void setupUiFonts(Visit& visit, float contentScale);

// Next free screenshot file name in the screenshot folder.
std::string screenshotPath(const ViewerOptions& options, Visit& visit);

void updateNavigation(Visit& visit, const nav::NavInput& input);

// Picks the booth under the mouse (window coordinates, `windowSize` in the same units).
void updateHover(Visit& visit, const render::View& view, glm::vec2 mouse, glm::vec2 windowSize);
void clickSelect(Visit& visit);

// Builds this frame's UI (between ImGui::NewFrame and ImGui::Render).
ui::UiActions drawVisitUi(Visit& visit, float dt);

}  // namespace cx::viewer
