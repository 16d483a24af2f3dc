#pragma once
// The floor plan ("plane display"): geometry shared by the ImGui map panel and the SVG/PNG
// exports. Map convention: world +X goes right and world +Z goes DOWN on the map (we look at the
// floor from above with -Z, "north", at the top). SVG files use world metres directly as user units
// (SVG x = world x, SVG y = world z), so ids and positions can be checked against the manifest.
#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <glm/glm.hpp>

#include "cx/core/result.h"
#include "cx/expo/expo.h"
#include "cx/expo/scene.h"

namespace cx::ui {

// A view of the floor on a canvas of pixels.
struct MapView {
  glm::vec2 center{0.0f};  // world (x, z) shown at the middle of the canvas
  float pixelsPerMetre = 1.0f;
  glm::vec2 canvasMin{0.0f};  // top-left of the canvas, in screen (or image) pixels
  glm::vec2 canvasSize{1.0f};
};

glm::vec2 worldToMap(const MapView& view, glm::vec2 world);
glm::vec2 mapToWorld(const MapView& view, glm::vec2 map);

// The view that shows [worldMin, worldMax] whole and centred with `marginPx` on each side.
MapView fitMapView(glm::vec2 worldMin, glm::vec2 worldMax, glm::vec2 canvasMin, glm::vec2 canvasSize,
                   float marginPx);
// Zooms by `factor` keeping the world point under `mapPoint` fixed; the scale is clamped.
void zoomMapAt(MapView& view, glm::vec2 mapPoint, float factor, float minPixelsPerMetre = 0.05f,
               float maxPixelsPerMetre = 400.0f);
// Moves the map content by `deltaPixels` (a mouse drag).
void panMap(MapView& view, glm::vec2 deltaPixels);

// Bounds of all pavilion floors and booth footprints; false when the expo has neither.
bool expoBounds(const expo::Expo& expo, const expo::ExpoScene& scene, glm::vec2& min, glm::vec2& max);

// The four world corners of a footprint: (-x,-z), (+x,-z), (+x,+z), (-x,+z) in its local frame.
std::array<glm::vec2, 4> footprintCorners(const expo::BoothBounds& bounds);

// The booth whose footprint contains `world` (the smallest one if several); kNoIndex when none.
uint32_t hitTestBooth(const expo::ExpoScene& scene, glm::vec2 world);
// The pavilion whose floor contains `world`; kNoIndex when none.
uint32_t hitTestPavilion(const expo::Expo& expo, glm::vec2 world);

// World (x, z) direction the camera faces for a yaw about +Y: yaw 0 looks along -Z, positive yaw
// turns counter-clockwise seen from above (towards -X), like Booth::rotationDeg. (-sin y, -cos y).
glm::vec2 headingDirection(float yawRad);

// Floor-plan colours (sRGB, 8 bits, alpha 255), shared by the panel and the exports.
using Rgba8 = std::array<uint8_t, 4>;
inline constexpr Rgba8 kHighlightColor{255, 0, 0, 255};
inline constexpr Rgba8 kFreePlotColor{200, 200, 200, 255};
inline constexpr Rgba8 kOutlineColor{60, 60, 60, 255};
inline constexpr Rgba8 kBackgroundColor{255, 255, 255, 255};
Rgba8 linearToRgba8(glm::vec3 linearRgb);
Rgba8 pavilionColor(const expo::Pavilion& pavilion);  // its colour, lightened so booths stand out
// The booth's primary colour, or kFreePlotColor for a plot without an exhibitor.
Rgba8 boothColor(const expo::Expo& expo, const expo::ExpoScene& scene, uint32_t booth);

struct RgbaImage {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> rgba;  // row-major, top row first
};

// Fills a polygon (pixel coordinates, any winding, even-odd rule) on pixel centres. No
// anti-aliasing. Colours with alpha < 255 are blended over the image.
void fillPolygon(RgbaImage& image, const std::vector<glm::vec2>& points, Rgba8 color);

struct FloorPlanExportOptions {
  int width = 2000;  // pixels (PNG size; SVG width attribute), 16 .. 16384
  int height = 0;    // 0: from the expo's aspect ratio
  float marginPx = 16.0f;
  uint32_t highlightBooth = expo::kNoIndex;  // index into Expo::booths, drawn in kHighlightColor
  bool labels = true;                        // SVG: pavilion names as <text>
};

// The image transform the exports use (the fit view for the options' size).
MapView exportMapView(const expo::Expo& expo, const expo::ExpoScene& scene,
                      const FloorPlanExportOptions& options, int& width, int& height);

// CPU rasterisation: background, pavilion floors, booth footprints with an outline, entrances.
RgbaImage rasterizeFloorPlan(const expo::Expo& expo, const expo::ExpoScene& scene,
                             const FloorPlanExportOptions& options = {});

// One <polygon id="pavilion-ID"> per pavilion and one <polygon id="booth-ID"> per booth, each with
// a <title> (pavilion name, exhibitor name), in world metres. Written atomically.
std::string floorPlanSvg(const expo::Expo& expo, const expo::ExpoScene& scene,
                         const FloorPlanExportOptions& options = {});
Status exportFloorPlanSvg(const expo::Expo& expo, const expo::ExpoScene& scene,
                          const std::filesystem::path& path, const FloorPlanExportOptions& options = {});
// rasterizeFloorPlan encoded as PNG, written atomically.
Status exportFloorPlanPng(const expo::Expo& expo, const expo::ExpoScene& scene,
                          const std::filesystem::path& path, const FloorPlanExportOptions& options = {});

// Text for XML content and attribute values: & < > " ' escaped, control characters other than
// tab and newline dropped.
std::string xmlEscape(std::string_view text);

}  // namespace cx::ui
