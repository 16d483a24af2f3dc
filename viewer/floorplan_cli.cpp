// --export-floorplan PREFIX: the floor plan of an expo as PNG and SVG, with no GPU and no display.
#include <cstdio>
#include <filesystem>

#include "cx/core/paths.h"
#include "cx/expo/manifest.h"
#include "cx/expo/scene.h"
#include "cx/ui/floor_plan.h"
#include "run_modes.h"

namespace cx::viewer {

int exportFloorplanAndExit(const ViewerOptions& options) {
  namespace fs = std::filesystem;
  fs::path input = options.input.empty() ? defaultExpoPath() : fs::path(options.input);
  if (fs::is_directory(input)) input /= "expo.json";
  auto expo = expo::loadExpoManifest(input);
  if (!expo) {
    std::fprintf(stderr, "%s\n", expo.message().c_str());
    return 1;
  }
  auto scene = expo::buildScene(*expo);
  ui::FloorPlanExportOptions png;
  for (const auto& [path, write] :
       {std::pair{options.exportFloorplan + ".svg", true}, std::pair{options.exportFloorplan + ".png", false}}) {
    auto status = write ? ui::exportFloorPlanSvg(*expo, scene, path, png) : ui::exportFloorPlanPng(*expo, scene, path, png);
    if (!status) {
      std::fprintf(stderr, "cloudexpo: %s\n", status.message().c_str());
      return 1;
    }
    std::printf("wrote %s\n", path.c_str());
  }
  return 0;
}

}  // namespace cx::viewer
