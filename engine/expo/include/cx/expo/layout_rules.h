#pragma once
// Layout rules of an expo: where booths stand, how much room visitors have between them, and
// whether each booth's model fits its plot and its budget. `expo-tool check` runs them on a whole
// expo; the viewer's exhibitor edit mode runs them after every nudge.
//
// Rules (RuleViolation::rule), with their severity:
//   outside-floor       error    a footprint corner lies outside its pavilion's floor polygon, or
//                                the floor's outline cuts into the footprint
//   unknown-pavilion    error    booth.pavilion names no pavilion (so nothing else is checked)
//   overlap             error    two footprints share area deeper than `touchTolerance`
//   narrow-aisle        error    two booths of the same pavilion, or a booth and its pavilion's
//                                wall, are apart by more than `touchTolerance` (they do not touch)
//                                but by less than the pavilion's minAisleWidth. Distance is the
//                                Euclidean distance between the footprint rectangles, so booths
//                                facing each other across an aisle are measured straight across,
//                                and diagonal neighbours at an aisle crossing corner to corner.
//                                Booths that touch (shared walls in a row, back to back) are fine.
//   too-tall            error    the booth's model (its bounds, or the style height when the model
//                                was not loaded) is higher than the booth's heightLimit, or the
//                                pavilion's when the booth has none
//   model-exceeds-plot  error    the model's x/z extent is larger than the booth's footprint
//   unreachable         error    no walkable path leads from any pavilion entrance to the booth
//                                (flood fill over a grid of `reachCellSize`, booths block)
//   exhibitor-without-booth error an exhibitor has no booth, or names one that does not exist
//   booth-without-exhibitor warning  a free plot (no exhibitor); allowed, but listed
//   unknown-exhibitor   error    booth.exhibitor names no exhibitor
//   unknown-style       error    booth.style names no style
//   model-load          error    a booth, style or pavilion model cannot be loaded
//   over-budget         error    a booth model over maxTriangles / maxTextureSize / maxMaterials
//   no-entrance         warning  a pavilion with booths but without entrances (reachability skipped)
// Booth models are loaded once per distinct path; a failing or over-budget model is reported once
// at its first user, with the number of booths using it.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "cx/assets/model.h"
#include "cx/expo/expo.h"

namespace cx::expo {

struct RuleViolation {
  std::string rule;      // e.g. "overlap"
  std::string severity;  // "error" or "warning"
  std::string path;      // manifest path, e.g. "booths[12]" or "styles[2].model"
  std::string message;   // one line, names the ids involved
};

struct LayoutRuleOptions {
  // Expo root that model paths are relative to. Empty: models are not loaded (no model-load,
  // over-budget or model-exceeds-plot checks; too-tall uses style heights).
  std::filesystem::path root;
  bool checkModels = true;
  bool checkReachability = true;
  uint64_t maxTriangles = 50'000;  // per booth model
  uint32_t maxTextureSize = 2048;  // largest image side
  uint32_t maxMaterials = 32;
  float touchTolerance = 0.01f;     // metres: closer than this counts as touching
  float reachCellSize = 0.5f;       // metres; grown automatically for very large pavilions
  size_t maxViolationsPerRule = 0;  // 0: no cap; otherwise further ones are only counted
};

// Triangle, material and texture counts of a loaded model.
struct ModelStats {
  uint64_t triangles = 0;  // over all instances
  uint32_t materials = 0;
  uint32_t largestTexture = 0;  // max(width, height) over the images
  glm::vec3 boundsMin{0.0f};
  glm::vec3 boundsMax{0.0f};
};
ModelStats measureModel(const assets::Model& model);

struct LayoutReport {
  std::vector<RuleViolation> violations;  // pavilion order, then booths, exhibitors, models
  size_t errors = 0;                      // counted even when capped by maxViolationsPerRule
  size_t warnings = 0;
  size_t pavilions = 0, booths = 0, exhibitors = 0, modelsChecked = 0;
  bool clean() const { return errors == 0; }
};

// Runs every rule. Never throws on bad data (dangling ids, degenerate polygons, NaNs are
// reported or skipped). About linear in the number of booths: a grid finds neighbours.
LayoutReport checkLayout(const Expo& expo, const LayoutRuleOptions& options = {});

// Geometric rules (outside-floor, overlap, narrow-aisle, too-tall from style heights) for one
// booth against the others, for interactive editing. Brute force over the booths.
std::vector<RuleViolation> checkBoothPlacement(const Expo& expo, size_t booth,
                                               const LayoutRuleOptions& options = {});

}  // namespace cx::expo
