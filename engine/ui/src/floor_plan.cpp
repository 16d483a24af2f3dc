#include <algorithm>
#include <cmath>
#include <limits>

#include "cx/expo/footprint.h"
#include "cx/ui/floor_plan.h"

namespace cx::ui {

glm::vec2 worldToMap(const MapView& v, glm::vec2 world) {
  return v.canvasMin + 0.5f * v.canvasSize + (world - v.center) * v.pixelsPerMetre;
}

glm::vec2 mapToWorld(const MapView& v, glm::vec2 map) {
  return v.center + (map - v.canvasMin - 0.5f * v.canvasSize) / v.pixelsPerMetre;
}

MapView fitMapView(glm::vec2 worldMin, glm::vec2 worldMax, glm::vec2 canvasMin, glm::vec2 canvasSize,
                   float marginPx) {
  MapView v;
  v.canvasMin = canvasMin;
  v.canvasSize = glm::max(canvasSize, glm::vec2(1.0f));
  v.center = 0.5f * (worldMin + worldMax);
  const glm::vec2 extent = glm::max(worldMax - worldMin, glm::vec2(1e-3f));
  const glm::vec2 usable = glm::max(v.canvasSize - 2.0f * marginPx, glm::vec2(1.0f));
  v.pixelsPerMetre = std::min(usable.x / extent.x, usable.y / extent.y);
  return v;
}

void zoomMapAt(MapView& v, glm::vec2 mapPoint, float factor, float minPpm, float maxPpm) {
  const glm::vec2 anchor = mapToWorld(v, mapPoint);
  v.pixelsPerMetre = std::clamp(v.pixelsPerMetre * factor, minPpm, maxPpm);
  // Keep `anchor` under `mapPoint`.
  v.center = anchor - (mapPoint - v.canvasMin - 0.5f * v.canvasSize) / v.pixelsPerMetre;
}

void panMap(MapView& v, glm::vec2 deltaPixels) {
  v.center -= deltaPixels / v.pixelsPerMetre;
}

std::array<glm::vec2, 4> footprintCorners(const expo::BoothBounds& b) {
  const glm::vec2 ax = b.axisX * b.halfExtents.x;
  const glm::vec2 az = expo::axisZ(b) * b.halfExtents.y;
  return {b.center - ax - az, b.center + ax - az, b.center + ax + az, b.center - ax + az};
}

bool expoBounds(const expo::Expo& expo, const expo::ExpoScene& scene, glm::vec2& min, glm::vec2& max) {
  min = glm::vec2(std::numeric_limits<float>::max());
  max = glm::vec2(std::numeric_limits<float>::lowest());
  bool any = false;
  for (const expo::Pavilion& p : expo.pavilions) {
    for (glm::vec2 q : p.floor) {
      min = glm::min(min, q);
      max = glm::max(max, q);
      any = true;
    }
  }
  for (const expo::BoothBounds& b : scene.bounds) {
    for (glm::vec2 q : footprintCorners(b)) {
      min = glm::min(min, q);
      max = glm::max(max, q);
      any = true;
    }
  }
  if (!any) min = max = glm::vec2(0.0f);
  return any;
}

uint32_t hitTestBooth(const expo::ExpoScene& scene, glm::vec2 world) {
  uint32_t best = expo::kNoIndex;
  float bestArea = std::numeric_limits<float>::max();
  for (uint32_t i = 0; i < scene.bounds.size(); ++i) {
    const expo::BoothBounds& b = scene.bounds[i];
    const glm::vec2 d = world - b.center;
    if (std::abs(glm::dot(d, b.axisX)) > b.halfExtents.x ||
        std::abs(glm::dot(d, expo::axisZ(b))) > b.halfExtents.y)
      continue;
    const float area = b.halfExtents.x * b.halfExtents.y;
    if (area < bestArea) {
      bestArea = area;
      best = i;
    }
  }
  return best;
}

uint32_t hitTestPavilion(const expo::Expo& expo, glm::vec2 world) {
  for (uint32_t i = 0; i < expo.pavilions.size(); ++i)
    if (expo.pavilions[i].floor.size() >= 3 && expo::pointInPolygon(expo.pavilions[i].floor, world)) return i;
  return expo::kNoIndex;
}

glm::vec2 headingDirection(float yawRad) {
  return {-std::sin(yawRad), -std::cos(yawRad)};
}

Rgba8 linearToRgba8(glm::vec3 c) {
  const auto channel = [](float v) {
    v = std::clamp(v, 0.0f, 1.0f);
    const float s = v <= 0.0031308f ? 12.92f * v : 1.055f * std::pow(v, 1.0f / 2.4f) - 0.055f;
    return static_cast<uint8_t>(std::lround(s * 255.0f));
  };
  return {channel(c.r), channel(c.g), channel(c.b), 255};
}

Rgba8 pavilionColor(const expo::Pavilion& p) {
  // Halfway to white (in linear light): the hall is a background for its booths.
  return linearToRgba8(glm::mix(p.color, glm::vec3(1.0f), 0.55f));
}

Rgba8 boothColor(const expo::Expo& expo, const expo::ExpoScene& scene, uint32_t booth) {
  if (booth >= expo.booths.size() || expo.booths[booth].exhibitor.empty()) return kFreePlotColor;
  if (booth < scene.booths.size()) return linearToRgba8(scene.booths[booth].primaryColor);
  return linearToRgba8(expo.booths[booth].fascia.primaryColor);
}

}  // namespace cx::ui
