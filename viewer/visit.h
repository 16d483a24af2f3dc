#pragma once
// What a visitor's session is made of, as plain data shared by the run modes: the loaded scene,
// picking and collision structures, navigation, UI state and the automation script. The device,
// window and swapchain are not here; each run mode owns its own.
#include <deque>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cx/expo/spatial_index.h"
#include "cx/nav/collision.h"
#include "cx/nav/navigator.h"
#include "cx/render/gpu_scene.h"
#include "cx/render/render_scene.h"
#include "cx/ui/fonts.h"
#include "cx/ui/ui.h"
#include "edit_mode.h"
#include "loading.h"
#include "script.h"
#include "social_view.h"

namespace cx::viewer {

struct ScriptRunner {
  std::vector<ScriptCommand> commands;
  size_t next = 0;
  int waitFrames = 0;
  bool waitingForGoTo = false;
  double waitDeadline = 0.0;  // waitvisitors: steady-clock seconds; 0 when not waiting
  bool active = false;
};

struct FrameRequests {
  std::optional<std::string> screenshot;  // write this frame to PNG
  std::optional<std::pair<int, int>> resize;
  bool quit = false;
};

// The booths' name boards, prepared on a worker thread (the glyph atlas takes a second or two).
struct VisitSignage {
  render::SignageInput input;
  render::GlyphAtlas atlas;
};

// The persistent GpuScene the visit is drawn from (visit_frame.h, prepareVisitGpuScene).
struct VisitGpu {
  render::GpuScene scene;
  bool built = false;
  std::vector<render::DrawInstance> drawn;  // the instances `scene` currently holds
  std::future<std::shared_ptr<VisitSignage>> signageJob;
  std::shared_ptr<VisitSignage> signage;  // attached to `scene` once ready
  bool signageStarted = false;
  render::LogoLoader logos;     // for re-laying the boards out after an edit
  uint64_t signRevision = 0;    // EditState::revision the boards were laid out for
  uint32_t modelsReady = 0;  // stream progress when built: arrived models are filled in place
  uint32_t builds = 0;   // full (re)builds
  uint32_t updates = 0;  // in-place instance rewrites (hover, selection, moves)
};

struct Visit {
  render::RenderScene scene;
  VisitGpu gpu;  // drawn from; rebuilt or updated only when scene.instances change
  VisitLoading loading;  // streams models into `scene` after the first frame (loading.h)
  std::vector<uint32_t> boothInstance;  // booth index -> index into scene.instances
  std::vector<glm::vec4> baseTints;     // per instance, before highlighting
  std::optional<nav::CollisionWorld> collision;
  nav::Navigator navigator;
  nav::NavSettings navSettings;
  ui::UiState ui;
  ScriptRunner script;
  std::optional<uint32_t> hovered;
  int64_t nowOverride = 0;
  bool hasNowOverride = false;
  float fovDeg = 70.0f;
  bool cursorCaptured = false;
  double smoothedFrameMs = 16.0;
  render::FrameStats lastStats;
  ui::FontInfo fonts;
  int screenshotCounter = 0;
  std::string modeName = "window";
  EditState edit;  // --edit: exhibitor edit mode (edit_mode.h)
  VisitSocial social;  // --social: other visitors (social_view.h)
};

// Builds picking/collision structures and puts the visitor at the first pavilion's entrance
// (or frames a single model).
void initVisit(Visit& visit);

// Index of a booth by its manifest id.
std::optional<uint32_t> findBooth(const Visit& visit, std::string_view id);

std::optional<uint32_t> selectedBooth(const Visit& visit);
// The booth of the exhibitor under the directory's keyboard cursor.
std::optional<uint32_t> directoryCursorBooth(const Visit& visit);
std::optional<ui::Panel> panelFromKeyName(std::string_view key);
// Copies UI settings (speeds, sensitivity, field of view) into navigation and the camera.
void applySettings(Visit& visit);

// Switches walk / fly / orbit; orbit circles the selected booth (or the point ahead).
void setNavMode(Visit& visit, nav::NavMode mode);

// Starts the smooth move to a booth's aisle viewpoint and selects it.
void goToBooth(Visit& visit, uint32_t booth);

// Runs script commands until one needs frames to pass. Returns what the frame must do.
FrameRequests stepScript(Visit& visit, float dt);

// Applies per-instance tints: hovered and selected booths are highlighted.
void applyHighlights(Visit& visit);

// The current camera as a render view.
render::View currentView(const Visit& visit, float aspect);

// Handles what the UI asked for this frame (go to, select, open a link, copy).
void handleUiActions(Visit& visit, const ui::UiActions& actions, std::string* clipboard);

// Writes the state JSON for `state PATH` script commands and tests.
Status writeVisitState(const Visit& visit, const std::string& path);

int64_t nowUnix(const Visit& visit);

}  // namespace cx::viewer
