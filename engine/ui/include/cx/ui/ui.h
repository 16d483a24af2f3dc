#pragma once
// The Dear ImGui overlay: panels over the expo scene (plain data). The viewer owns the window, the
// ImGui backends, NewFrame and Render; between those it calls drawUi once per frame and carries
// out the returned UiActions (move the camera, open a confirmed link, copy text, apply settings).
//
// Keyboard map (UiKeyInput; keysFromImGui reads it from ImGui's key state):
//   F1 help   F2 directory   F3 HUD   F4 floor plan   F5 schedule   F6 settings
//   Esc       cancels a pending link confirmation, else closes the most recently opened panel
//   Up/Down, PageUp/PageDown, Home/End   move the directory cursor (directory focused)
//   Enter     directory: go to the booth under the cursor; link modal: open the link
// Every panel can also be opened by name (panelFromName / openPanel) from the viewer's scripts.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <glm/glm.hpp>

#include "cx/expo/expo.h"
#include "cx/expo/scene.h"
#include "cx/ui/directory.h"
#include "cx/ui/schedule.h"

namespace cx::ui {

enum class Panel : uint8_t { Booth, Directory, FloorPlan, Schedule, Settings, Hud, Help, Count };
inline constexpr size_t kPanelCount = static_cast<size_t>(Panel::Count);

// "booth", "directory", "floor-plan", "schedule", "settings", "hud", "help".
const char* panelName(Panel panel);
// The names above, case-insensitive; also "floorplan", "map", "plan", "search", "events". nullopt
// when unknown.
std::optional<Panel> panelFromName(std::string_view name);

enum class Quality : uint8_t { Low, Medium, High };
const char* qualityName(Quality quality);

// Viewer settings edited in the settings panel (UiActions::settingsChanged when any changes).
struct Settings {
  float moveSpeed = 3.0f;            // walking speed, m/s
  float runMultiplier = 2.5f;        // while Shift is held
  float mouseSensitivity = 0.0025f;  // radians per pixel of mouse motion
  bool invertY = false;
  float fieldOfViewDeg = 70.0f;  // vertical
  bool vsync = true;
  bool comfortVignette = false;  // darken the periphery while moving (motion comfort)
  Quality quality = Quality::High;
  int msaaSamples = 4;  // 1 (off), 2, 4 or 8
};

// Keys pressed this frame, as UI commands.
struct UiKeyInput {
  bool help = false;       // F1
  bool directory = false;  // F2
  bool hud = false;        // F3
  bool floorPlan = false;  // F4
  bool schedule = false;   // F5
  bool settings = false;   // F6
  bool escape = false;
  bool up = false, down = false, pageUp = false, pageDown = false, home = false, end = false;
  bool enter = false;
};

// Indices of F1..F6 in ImGuiIO::KeysDown. ImGui 1.86 has no ImGuiKey_F1; its GLFW backend stores
// GLFW key codes, which are the defaults (GLFW_KEY_F1 = 290 ... GLFW_KEY_F6 = 295).
struct FunctionKeyCodes {
  std::array<int, 6> f{290, 291, 292, 293, 294, 295};
};

// Reads this frame's presses from ImGui (call after ImGui::NewFrame): F-keys through `codes`,
// the others through io.KeyMap (ImGuiKey_Escape, _UpArrow, _Enter, _KeyPadEnter, ...).
UiKeyInput keysFromImGui(const FunctionKeyCodes& codes = {});

// Lookups derived from the expo, rebuilt by drawUi when the expo (pointer, revision or sizes)
// changes.
struct ExpoIndex {
  const expo::Expo* expo = nullptr;
  uint64_t revision = 0;
  size_t boothCount = 0, exhibitorCount = 0, pavilionCount = 0, eventCount = 0;
  std::vector<uint32_t> boothExhibitor;  // per booth: index into Expo::exhibitors, or kNoIndex
  std::vector<uint32_t> boothPavilion;   // per booth: index into Expo::pavilions, or kNoIndex
  std::vector<uint32_t> exhibitorBooth;  // per exhibitor: index into Expo::booths, or kNoIndex
  std::vector<std::vector<uint32_t>> pavilionTriangles;  // per pavilion: floor triangulation
  std::vector<std::string> countries;                    // distinct ISO codes, sorted by readable name
  ExhibitorSearch search;

  void build(const expo::Expo& expo, uint64_t revision);
  bool isFor(const expo::Expo& expo, uint64_t revision) const;
};

struct DirectoryState {
  std::string query;
  SearchFilters filters;
  int cursor = 0;            // index into `results`
  bool focusSearch = false;  // give the search box keyboard focus on the next frame
  bool scrollToCursor = false;
  std::vector<uint32_t> results;  // exhibitor indices for `query` and `filters`
  std::string resultsQuery;       // what `results` was computed for
  SearchFilters resultsFilters;
  bool resultsValid = false;
};

struct FloorPlanState {
  glm::vec2 center{0.0f};       // world (x, z) at the canvas centre
  float pixelsPerMetre = 0.0f;  // 0: fit the whole expo on the next frame
  bool followCamera = false;
  uint32_t hoveredBooth = expo::kNoIndex;
  glm::vec2 canvasMin{0.0f};   // where the map was drawn last frame (screen pixels), for scripts
  glm::vec2 canvasSize{0.0f};  // and tests: MapView{center, pixelsPerMetre, canvasMin, canvasSize}
};

struct LinkConfirmation {
  std::string url;
  std::string label;  // what it is, e.g. "Livestream of <exhibitor>"
  int framesShown = 0;
};

// How panels are placed on the display.
//   Desktop: a panel first appears at a fraction of the display with a fixed size in pixels; the
//     user moves and resizes it freely (it may reach past the edge of a small window).
//   Compact: for small displays such as the 1024 x 768 VR panel texture: position and size are
//     fractions of the display, and every frame each panel is kept inside the display (below the
//     menu bar): moved back in, and never larger than the room there is.
enum class UiLayout : uint8_t { Desktop, Compact };

struct UiState {
  UiLayout layout = UiLayout::Desktop;
  std::array<bool, kPanelCount> open{};
  std::vector<Panel> openOrder;             // most recently opened last (Esc closes from the back)
  uint32_t selectedBooth = expo::kNoIndex;  // index into Expo::booths; the booth panel shows it
  uint32_t hoveredBooth = expo::kNoIndex;   // set by the viewer's 3D picking; shown in the HUD
  DirectoryState directory;
  FloorPlanState floorPlan;
  std::optional<LinkConfirmation> pendingLink;  // the modal is shown while set
  Settings settings;
  bool showMenuBar = true;
  std::array<float, 180> frameMsHistory{};
  uint32_t frameMsCursor = 0;
  std::string toast;        // a short message ("Link copied"), shown for a few seconds
  double toastUntil = 0.0;  // ImGui time
  ExpoIndex index;          // derived; drawUi keeps it current
};

struct UiActions {
  std::optional<uint32_t> goToBooth;    // index into Expo::booths: move the camera in front of it
  std::optional<uint32_t> selectBooth;  // index into Expo::booths: highlight it (state already updated)
  std::optional<glm::vec2> goToPoint;   // world (x, z): move there
  std::optional<std::string> openUrl;   // user-confirmed and isOpenableUrl: pass to openUrlDetached
  std::optional<std::string> copyText;  // put on the clipboard (the viewer owns the clipboard)
  bool settingsChanged = false;         // UiState::settings changed this frame
  bool escapeConsumed = false;          // Esc closed something; do not also use it in the viewer
  bool quit = false;
};

// Progress of the expo being streamed in, as plain data (the viewer copies it from its loader).
struct LoadingInfo {
  bool active = false;  // still loading
  uint64_t filesDone = 0, filesTotal = 0, filesFailed = 0;
  uint64_t bytesDone = 0;
  std::string current;              // the file being loaded, e.g. "studio.glb"
  std::vector<std::string> errors;  // one line per file that failed (drawn as a placeholder)
};

struct UiFrameInput {
  const expo::Expo* expo = nullptr;        // may be null (nothing loaded): panels say so
  const expo::ExpoScene* scene = nullptr;  // buildScene(*expo), same booth order
  uint64_t expoRevision = 0;               // bump when the expo is edited in place
  glm::vec3 cameraPosition{0.0f};          // world
  float cameraYawRad = 0.0f;               // 0 looks along -Z, positive turns left (headingDirection)
  int64_t nowUnix = 0;                     // wall clock (or a scripted "now")
  float fps = 0.0f;
  float frameMs = 0.0f;
  UiKeyInput keys;
  std::string_view modeName = "window";  // shown in the HUD
  std::string_view hudExtra;             // extra HUD lines (draw calls, GPU time, ...)
  const LoadingInfo* loading = nullptr;  // progress bar while active, and the list of failed files
};

// Draws every open panel with ImGui:: calls. Call between ImGui::NewFrame and ImGui::Render.
UiActions drawUi(UiState& state, const UiFrameInput& input);

// Panel control, also for scripts. Opening the directory focuses its search box.
void openPanel(UiState& state, Panel panel);
void closePanel(UiState& state, Panel panel);
void togglePanel(UiState& state, Panel panel);
bool isPanelOpen(const UiState& state, Panel panel);
// Selects a booth (kNoIndex clears) and opens the booth panel.
void selectBooth(UiState& state, uint32_t booth);
// Sets the directory's search text and moves the cursor to the first result.
void setDirectoryQuery(UiState& state, std::string_view query);
// Asks for confirmation before opening `url` (shows the modal).
void requestOpenLink(UiState& state, std::string url, std::string label);

// F-keys toggle panels; Esc cancels the link modal or closes the most recent panel. Directory
// navigation keys are handled by the directory panel itself. Called by drawUi.
void handlePanelKeys(UiState& state, const UiKeyInput& keys, UiActions& actions);

// Exhibitor edit mode panel (panel_edit.cpp), drawn by the viewer when `--edit` is on.
struct EditRuleLine {
  std::string rule;
  bool passed = true;
  std::string text;  // measured, limit and detail in one line
};
struct EditPanelInput {
  std::string boothId;
  std::string exhibitorName;
  glm::vec2 position{0.0f};
  float rotationDeg = 0.0f;
  std::vector<EditRuleLine> rules;
  bool canUndo = false, canRedo = false, dirty = false, snap = true;
  float snapMetres = 0.5f;
  bool confirmForce = false;  // show the "save anyway?" question
  std::string status;         // last save result
};
struct EditPanelActions {
  bool undo = false, redo = false, save = false, forceSave = false, cancelForce = false;
  bool rotate90 = false, toggleSnap = false;
};
EditPanelActions drawEditPanel(const EditPanelInput& input);

// Ear-clipping triangulation of a simple polygon (either winding): index triples into `polygon`.
// Empty for fewer than three points. Used to fill concave pavilion floors with ImDrawList.
std::vector<uint32_t> triangulatePolygon(const std::vector<glm::vec2>& polygon);

}  // namespace cx::ui
