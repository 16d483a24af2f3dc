#pragma once
// Placing one exhibitor's booth: importing its model, checking the per-booth budget and the plot
// rules with their numbers, finding a free plot, and naming the model's copy inside the expo.
// `expo-tool place` and the viewer's edit mode both use these, so they agree on every verdict.
//
// Rules (PlacementCheck::rule), each always reported, passed or failed, with its numbers:
//   model-load         the model loads and validates (cx/assets)
//   units              the model's size is plausible in metres: a footprint ~100x (cm) or ~1000x (mm)
//                      the plot fails, with the fix `--scale 0.01` / `--scale 0.001`
//   budget-triangles   triangles <= BoothBudget::maxTriangles
//   budget-textures    largest image side <= maxTextureSize
//   budget-materials   materials <= maxMaterials
//   budget-file-size   source file bytes <= maxFileBytes
//   inside-floor       the footprint lies inside its pavilion's floor polygon
//   no-overlap         the footprint shares no area with another booth
//   aisle-clearance    every gap to a booth of the same pavilion or to the wall is 0 (touching) or
//                      >= the pavilion's minAisleWidth
//   height-limit       the model (or style) height <= the booth's or the pavilion's heightLimit
//   model-fits-plot    the model's x/z extent fits the booth's footprint (its local frame)
//   paths-reachable    every booth of the pavilion is reachable from an entrance (flood fill)
// The geometric rules are the same as cx/expo/layout_rules.h (same geometry, same tolerances).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <glm/glm.hpp>

#include "cx/assets/model.h"
#include "cx/core/result.h"
#include "cx/expo/expo.h"
#include "cx/expo/layout_rules.h"

namespace cx::expo {

// Per-booth budget for headsets. The manifest format has no budget fields yet, so these
// documented defaults apply (the same as LayoutRuleOptions).
struct BoothBudget {
  uint64_t maxTriangles = 50'000;
  uint32_t maxTextureSize = 2048;
  uint32_t maxMaterials = 32;
  uint64_t maxFileBytes = uint64_t(32) << 20;  // 32 MiB
};

struct PlacementOptions {
  BoothBudget budget;
  float touchTolerance = 0.01f;  // metres, as LayoutRuleOptions
  bool checkReachability = true;
  float reachCellSize = 0.5f;
};

// One rule's verdict. `measured` and `limit` are the numbers, `detail` one line naming the ids.
struct PlacementCheck {
  std::string rule;
  bool passed = true;
  std::string measured;
  std::string limit;
  std::string detail;
};

// A gap between the booth and a neighbour or wall narrower than the aisle (drawn by edit mode).
struct AisleGap {
  glm::vec2 from{0.0f};  // on the placed booth's footprint, world (x, z)
  glm::vec2 to{0.0f};    // on the neighbour or the wall
  float width = 0.0f;
  float required = 0.0f;
  int neighbour = -1;  // booth index, or -1 for the wall
};

struct PlacementReport {
  std::vector<PlacementCheck> checks;
  std::vector<AisleGap> narrowGaps;
  std::vector<size_t> overlapping;  // booth indices
  bool ok() const {
    for (const PlacementCheck& c : checks)
      if (!c.passed) return false;
    return true;
  }
  size_t failed() const {
    size_t n = 0;
    for (const PlacementCheck& c : checks) n += c.passed ? 0 : 1;
    return n;
  }
};

// A model file read, validated and measured for a booth.
struct ImportedModel {
  std::filesystem::path source;
  uint64_t fileBytes = 0;
  float scale = 1.0f;  // applied to `model` and `stats`
  assets::Model model;
  ModelStats stats;
};

// Loads and validates `file` (a .glb or .gltf), scales it uniformly by `scale` (> 0) about the
// origin, and measures it. Errors are bad input (one line naming the file).
Result<ImportedModel> importBoothModel(const std::filesystem::path& file, float scale = 1.0f);

// Unit detection: the ratio of the model's larger x/z extent to the plot's larger side. About 100x
// (>= 30) means centimetres (returns 0.01), about 1000x (>= 300) millimetres (0.001); else 1.
float suggestedUnitScale(const ModelStats& stats, glm::vec2 plotSize);

// The import rules (units and budget) of an imported model for a plot of `plotSize`.
void appendModelChecks(PlacementReport& report, const ImportedModel& model, glm::vec2 plotSize,
                       const BoothBudget& budget);

// The plot rules for booth `booth` as it stands in `expo`, against every other booth. `model` is
// the booth's measured model when known (height and plot fit); else the style height is used and
// model-fits-plot is left out.
void appendPlotChecks(PlacementReport& report, const Expo& expo, size_t booth, const ModelStats* model,
                      const PlacementOptions& options = {});

// appendPlotChecks into a fresh report.
PlacementReport checkPlot(const Expo& expo, size_t booth, const ModelStats* model,
                          const PlacementOptions& options = {});

// --auto. Candidates are the exhibitor's current plot and the free plots (no exhibitor) of the same
// pavilion. A candidate fits when every plot rule passes with the model on it. The current plot
// wins when it fits; otherwise the fitting free plot whose centre is nearest to an entrance of the
// pavilion (straight-line distance), ties broken by booth id. `why` says how it was chosen, or why
// nothing fits.
struct AutoPlot {
  std::optional<size_t> booth;  // index into expo.booths; nullopt: no plot fits
  std::string why;
  size_t candidates = 0;
};
AutoPlot findBestPlot(const Expo& expo, size_t currentBooth, const ModelStats& model,
                      const PlacementOptions& options = {});

// Hands booth `to` over to the exhibitor of booth `from` (exhibitor, fascia and model move;
// `from` becomes a free plot) and points the exhibitor at it. No-op when from == to.
void moveExhibitorToPlot(Expo& expo, size_t from, size_t to);

// A file name that is safe inside the expo: the last path component only (after '/' or '\'),
// characters other than [A-Za-z0-9._-] replaced by '_', leading dots and ".." removed, at most 80
// bytes, never empty. "../../etc/passwd" -> "passwd"; "a/b c.glb" -> "b_c.glb".
std::string sanitizeFileName(std::string_view name);

// Where a booth's model copy goes, relative to the expo root: "booths/<exhibitor>-<name>" with
// both parts sanitised and the extension forced to ".glb".
std::string boothModelRelativePath(std::string_view exhibitorId, std::string_view sourceName);

// Cameras of `expo-tool preview` (placement_views.cpp), as plain eye/target pairs.
struct PreviewCamera {
  std::string name;  // "aisle-1", "top", "turntable-0" ...
  glm::vec3 eye{0.0f};
  glm::vec3 target{0.0f};
  float fovDeg = 60.0f;
};
struct BoothPreviewCameras {
  // Approaches: mid-aisle points in front of each side of the footprint (pulled closer when a
  // neighbour is in the way), kept when they are on the pavilion floor and outside every booth, and
  // ordered by straight-line distance to the nearest entrance. The first two, at eye height.
  std::vector<PreviewCamera> aisle;
  // Straight down over the booth; shows the booth and its neighbours within an aisle and a plot.
  PreviewCamera top;
  glm::vec2 topMin{0.0f}, topMax{0.0f};  // world (x, z) square the top view is fitted to
  std::vector<PreviewCamera> turntable;  // 8 views, 45 degrees apart, from the booth's front (+Z)
};
BoothPreviewCameras boothPreviewCameras(const Expo& expo, size_t booth, float modelHeight,
                                        float eyeHeight = 1.6f);

// Index of the exhibitor's booth, or nullopt (no such exhibitor, or its booth is missing).
std::optional<size_t> findExhibitorBooth(const Expo& expo, std::string_view exhibitorId);

}  // namespace cx::expo
