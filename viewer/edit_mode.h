#pragma once
// Exhibitor edit mode (`cloudexpo EXPO --edit EXHIBITOR_ID`): the named exhibitor moves and turns
// its own booth on the floor; every other booth is locked. The plot rules of cx/expo/placement.h
// run after every change and are shown live (red footprint, narrow aisle gaps with their width,
// the list in the edit panel). Undo/redo keep every pose. Saving writes expo.json atomically, and
// only when every rule passes unless forced (the panel asks for a confirmation; a script says
// `save force`).
//
// Input (window mode): left-drag the booth on the floor (a ray from the mouse to y = 0); R turns
// 90 degrees, Shift+R 15 degrees; N toggles the 0.5 m snap; Ctrl+Z undo; Ctrl+Y redo; Ctrl+S save.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>
#include <nlohmann/json_fwd.hpp>

#include "cx/core/result.h"
#include "cx/expo/placement.h"
#include "cx/render/view.h"

namespace cx::viewer {

struct Visit;

struct BoothPose {
  glm::vec2 position{0.0f};
  float rotationDeg = 0.0f;
  bool operator==(const BoothPose&) const = default;
};

struct EditState {
  bool active = false;
  std::string exhibitor;
  uint32_t booth = 0xFFFFFFFFu;    // index into Expo::booths
  std::filesystem::path manifest;  // where `save` writes
  std::vector<BoothPose> undo, redo;
  expo::PlacementReport report;  // of the current pose
  float snapMetres = 0.5f;       // the plot grid
  bool snap = true;
  bool dragging = false;
  glm::vec2 dragOffset{0.0f};  // booth centre minus the grabbed floor point
  BoothPose dragStart;
  bool wasMouseDown = false;
  bool dirty = false;         // moved since the last save
  bool confirmForce = false;  // the panel's "save anyway?" question is open
  std::string status;         // last save / refusal, one line
  uint64_t revision = 0;      // bumped on every change (UiFrameInput::expoRevision)
};

// Finds the exhibitor's booth and starts edit mode. `manifest` is the expo.json to save to.
Status startEditMode(Visit& visit, const std::string& exhibitorId, const std::filesystem::path& manifest);

BoothPose currentPose(const Visit& visit);
// Moves the edited booth (snapped when snapping is on), records the previous pose for undo, moves
// its render instance and re-runs the rules. Returns false when edit mode is off.
bool editMoveTo(Visit& visit, glm::vec2 position);
bool editRotateBy(Visit& visit, float degrees);
bool editUndo(Visit& visit);
bool editRedo(Visit& visit);
// Writes the manifest when every rule passes, or when `force`. The message says what happened.
Status editSave(Visit& visit, bool force);

// The booth a drag may move: only the edited one. Other booths are locked (and say so).
bool boothIsEditable(const Visit& visit, uint32_t booth);

// Window input for one frame (the run mode translates its keys and mouse).
struct EditInput {
  glm::vec2 mouse{0.0f};
  glm::vec2 windowSize{0.0f};
  bool mouseDown = false;    // left button held
  bool mouseOverUi = false;  // ImGui wants the mouse: no new drag starts
  bool rotate90 = false, rotateFine = false, toggleSnap = false;
  bool undo = false, redo = false, save = false;
};
void handleEditInput(Visit& visit, const render::View& view, const EditInput& input);

// The live overlay: the footprint (red when a rule fails, else yellow), other booths nearby, and
// each narrow aisle gap as a red line with its width in metres. ImGui foreground draw list.
void drawEditOverlay(const Visit& visit, const render::View& view, glm::vec2 displaySize);
// The edit panel (engine/ui) fed from the state, and what the user asked for in it.
void drawEditPanelAndApply(Visit& visit);

// "edit" in the `state` JSON: booth, exhibitor, position, rotation, violations, dirty, status.
void editStateJson(const Visit& visit, nlohmann::json& out);

}  // namespace cx::viewer
