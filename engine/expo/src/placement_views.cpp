// Preview cameras of cx/expo/placement.h: aisle approaches, top-down and turntable.
#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "cx/expo/placement.h"
#include "layout_rules_geometry.h"

namespace cx::expo {

BoothPreviewCameras boothPreviewCameras(const Expo& expo, size_t i, float modelHeight, float eyeHeight) {
  BoothPreviewCameras out;
  if (i >= expo.booths.size()) return out;
  const Booth& b = expo.booths[i];
  const Pavilion* pav = nullptr;
  for (const Pavilion& p : expo.pavilions)
    if (p.id == b.pavilion) pav = &p;
  const float aisle = pav && pav->minAisleWidth > 0.0f ? pav->minAisleWidth : 3.0f;
  const float height = modelHeight > 0.0f ? modelHeight : 2.5f;
  const rules::Rect r = rules::makeRect(b);
  const glm::vec3 center(b.position.x, height * 0.45f, b.position.y);
  std::vector<rules::Rect> others;
  for (size_t j = 0; j < expo.booths.size(); ++j)
    if (j != i) others.push_back(rules::makeRect(expo.booths[j]));
  auto free = [&](glm::vec2 p) {
    if (pav && pav->floor.size() >= 3 && !expo::pointInPolygon(pav->floor, p)) return false;
    for (const rules::Rect& o : others)
      if (o.valid && rules::pointRectDistance(o, p) < 0.3f) return false;
    return true;
  };

  // Aisle approaches.
  struct Approach {
    glm::vec2 at;
    float entranceDistance;
    int side;
  };
  std::vector<Approach> approaches;
  for (int side = 0; side < 4; ++side) {
    glm::vec2 n = r.axis[side % 2] * (side < 2 ? 1.0f : -1.0f);
    glm::vec2 along = r.axis[(side + 1) % 2];
    float half = r.half[side % 2], halfAlong = r.half[(side + 1) % 2];
    // Across the aisle and a little along it (from either end), so the front and one side show;
    // closer when blocked. Every free spot at the farthest distance that has one is a candidate.
    bool found = false;
    for (float d : {std::max(aisle * 0.9f, 2.0f), std::max(aisle * 0.5f, 1.0f), 0.6f}) {
      for (float t : {halfAlong, -halfAlong, 0.0f}) {
        glm::vec2 p = b.position + n * (half + d) + along * t;
        if (!free(p)) continue;
        float e = std::numeric_limits<float>::infinity();
        if (pav)
          for (const Entrance& en : pav->entrances) e = std::min(e, glm::distance(en.position, p));
        approaches.push_back({p, e, side});
        found = true;
      }
      if (found) break;
    }
  }
  std::stable_sort(approaches.begin(), approaches.end(), [](const Approach& a, const Approach& c) {
    return a.entranceDistance < c.entranceDistance;
  });
  // The nearest approach, then the nearest one from another side; a booth open on one side only
  // gets its second view from the other end of the same aisle.
  std::vector<Approach> chosen;
  if (!approaches.empty()) chosen.push_back(approaches.front());
  for (const Approach& a : approaches)
    if (chosen.size() == 1 && a.side != chosen[0].side) chosen.push_back(a);
  for (const Approach& a : approaches)
    if (chosen.size() == 1 && glm::distance(a.at, chosen[0].at) > 1.0f) chosen.push_back(a);
  approaches = chosen;
  for (size_t k = 0; k < approaches.size() && out.aisle.size() < 2; ++k) {
    PreviewCamera c;
    c.name = fmt::format("aisle-{}", out.aisle.size() + 1);
    c.eye = {approaches[k].at.x, eyeHeight, approaches[k].at.y};
    c.target = center;
    c.fovDeg = 75.0f;
    out.aisle.push_back(c);
  }

  // Top-down: the footprint box grown by an aisle and a typical plot on every side, made square.
  glm::vec2 lo = r.valid ? r.aabbMin : b.position - 1.5f, hi = r.valid ? r.aabbMax : b.position + 1.5f;
  float grow = aisle + 3.0f;
  glm::vec2 mid = (lo + hi) * 0.5f;
  float half = std::max(hi.x - lo.x, hi.y - lo.y) * 0.5f + grow;
  out.topMin = mid - half;
  out.topMax = mid + half;
  out.top.name = "top";
  out.top.fovDeg = 40.0f;
  float up = half / std::tan(glm::radians(out.top.fovDeg) * 0.5f);
  out.top.eye = {mid.x, up, mid.y};
  out.top.target = {mid.x, 0.0f, mid.y};

  // Turntable: 8 views on a circle that frames the booth, from its front (+Z local) round.
  float radius = std::max(glm::length(b.footprint) * 0.5f, height * 0.5f);
  float dist = radius / std::tan(glm::radians(25.0f)) + 0.5f;
  for (int k = 0; k < 8; ++k) {
    float a = glm::radians(b.rotationDeg + 45.0f * float(k));
    // Local +Z turned by the booth's rotation: (sin a, cos a) in world (x, z).
    glm::vec2 dir(std::sin(a), std::cos(a));
    PreviewCamera c;
    c.name = fmt::format("turntable-{}", k);
    c.eye = glm::vec3(b.position.x + dir.x * dist, height * 0.5f + dist * 0.35f, b.position.y + dir.y * dist);
    c.target = center;
    c.fovDeg = 50.0f;
    out.turntable.push_back(c);
  }
  return out;
}

}  // namespace cx::expo
