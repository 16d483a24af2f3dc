#pragma once
// Per-frame steps of a visit that every run mode shares: loading, navigation, hover and click
// picking, and the UI.
#include <span>
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
// Creates the ImGui context of a visit: no imgui.ini written next to the user's files, and the
// fonts of setupUiFonts.
void beginVisitUi(Visit& visit, float contentScale);

// Next free screenshot file name in the screenshot folder.
std::string screenshotPath(const ViewerOptions& options, Visit& visit);

void updateNavigation(Visit& visit, const nav::NavInput& input);

// Picks the booth under the mouse (window coordinates, `windowSize` in the same units).
void updateHover(Visit& visit, const render::View& view, glm::vec2 mouse, glm::vec2 windowSize);
void clickSelect(Visit& visit);

// The GpuScene to draw this frame: built once, updated in place when instance data changes
// (highlights, a moved booth), rebuilt when instances are added or models arrive, and once more
// when the signage (started on a worker thread when loading completes) is ready.
// `extras` (XR controllers, pointer ray, teleport arc) are drawn after the scene's instances: a
// moving extra is updated in place, a change in their number rebuilds.
const render::GpuScene& prepareVisitGpuScene(const render::Context& ctx, render::Renderer& renderer, Visit& visit,
                                             std::span<const render::DrawInstance> extras = {});
// Frees the GpuScene (before the renderer) and waits for a signage job still running.
void destroyVisitGpu(render::Renderer& renderer, Visit& visit);
// The end of every run mode: waits for the GPU, frees the visit's GPU data, its scene and the
// renderer.
void endVisit(const render::Context& ctx, render::Renderer& renderer, Visit& visit);
// Reports Vulkan validation messages (exit code 4 unless it already failed) and destroys the
// context; returns the exit code.
int closeContext(render::Context& ctx, int exitCode);

// Builds this frame's UI (between ImGui::NewFrame and ImGui::Render).
ui::UiActions drawVisitUi(Visit& visit, float dt);

}  // namespace cx::viewer
