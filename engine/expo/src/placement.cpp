// The plot rules of cx/expo/placement.h for one booth, with their numbers. Brute force over the
// booths (one booth against n others), on the same geometry as the layout rules.
#include "cx/expo/placement.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "layout_rules_geometry.h"

namespace cx::expo {

using rules::Rect;

namespace {

constexpr float kAisleEpsilon = 1e-3f;  // as layout_rules.cpp

std::string metres(float v) {
  return fmt::format("{:.2f} m", v);
}

glm::vec2 closestOnSegment(glm::vec2 p, glm::vec2 a, glm::vec2 b) {
  glm::vec2 ab = b - a;
  float len2 = glm::dot(ab, ab);
  float t = len2 > 0.0f ? std::clamp(glm::dot(p - a, ab) / len2, 0.0f, 1.0f) : 0.0f;
  return a + ab * t;
}

// Closest pair of points between two disjoint convex outlines given as closed polylines.
void closestPoints(const glm::vec2* a, size_t na, const glm::vec2* b, size_t nb, glm::vec2& pa,
                   glm::vec2& pb) {
  float best = std::numeric_limits<float>::infinity();
  auto consider = [&](glm::vec2 p, glm::vec2 q) {
    float d = glm::distance(p, q);
    if (d < best) {
      best = d;
      pa = p;
      pb = q;
    }
  };
  for (size_t i = 0; i < na; ++i)
    for (size_t j = 0; j < nb; ++j) {
      glm::vec2 b0 = b[j], b1 = b[(j + 1) % nb];
      consider(a[i], closestOnSegment(a[i], b0, b1));
    }
  for (size_t j = 0; j < nb; ++j)
    for (size_t i = 0; i < na; ++i) {
      glm::vec2 a0 = a[i], a1 = a[(i + 1) % na];
      consider(closestOnSegment(b[j], a0, a1), b[j]);
    }
}

int pavilionIndex(const Expo& expo, const std::string& id) {
  for (size_t p = 0; p < expo.pavilions.size(); ++p)
    if (expo.pavilions[p].id == id) return int(p);
  return -1;
}

const BoothStyle* findStyle(const Expo& expo, const std::string& id) {
  for (const BoothStyle& s : expo.styles)
    if (s.id == id) return &s;
  return nullptr;
}

}  // namespace

void appendPlotChecks(PlacementReport& report, const Expo& expo, size_t i, const ModelStats* model,
                      const PlacementOptions& o) {
  if (i >= expo.booths.size()) {
    report.checks.push_back({"inside-floor", false, "", "", fmt::format("booth index {} does not exist", i)});
    return;
  }
  const Booth& booth = expo.booths[i];
  const std::string name = fmt::format("booth {}", booth.id);
  std::vector<Rect> rects;
  rects.reserve(expo.booths.size());
  for (const Booth& b : expo.booths) rects.push_back(rules::makeRect(b));
  const Rect& r = rects[i];
  const int pav = pavilionIndex(expo, booth.pavilion);
  const Pavilion* p = pav >= 0 ? &expo.pavilions[size_t(pav)] : nullptr;

  // inside-floor
  bool outside = false;
  {
    PlacementCheck c{"inside-floor"};
    c.limit = p ? fmt::format("inside the floor of pavilion {}", p->id) : "inside a pavilion floor";
    if (!p) {
      c.passed = false;
      outside = true;
      c.detail = fmt::format("{} names pavilion \"{}\", which does not exist", name, booth.pavilion);
    } else if (!r.valid || p->floor.size() < 3) {
      c.passed = false;
      outside = true;
      c.detail = fmt::format("{} has no valid footprint or pavilion {} no floor", name, p->id);
    } else {
      float worst = 0.0f;
      for (glm::vec2 corner : r.corner)
        if (!expo::pointInPolygon(p->floor, corner))
          worst = std::max(worst, rules::distanceToOutline(p->floor, corner));
      bool cut = false;
      for (size_t k = 0, j = p->floor.size() - 1; k < p->floor.size(); j = k++)
        cut = cut || rules::segmentEntersRect(p->floor[j], p->floor[k], r, o.touchTolerance);
      outside = worst > o.touchTolerance || cut;
      c.passed = !outside;
      c.measured = cut && worst <= o.touchTolerance
                       ? "the floor outline cuts the footprint"
                       : fmt::format("farthest corner {} outside", metres(worst));
      c.detail = fmt::format("{} at ({:.2f}, {:.2f}), {:.2f}x{:.2f} m, rotated {:.0f} deg {} pavilion {}",
                             name, booth.position.x, booth.position.y, booth.footprint.x, booth.footprint.y,
                             booth.rotationDeg, c.passed ? "is inside" : "is not inside", p->id);
    }
    report.checks.push_back(std::move(c));
  }

  // no-overlap and aisle-clearance
  {
    PlacementCheck overlap{"no-overlap"};
    overlap.limit = fmt::format("0 m (touching within {} allowed)", metres(o.touchTolerance));
    PlacementCheck aisle{"aisle-clearance"};
    const float minAisle = p ? p->minAisleWidth : 0.0f;
    aisle.limit = fmt::format(">= {} or touching", metres(minAisle));
    float deepest = 0.0f;
    int deepestWith = -1;
    float narrowest = std::numeric_limits<float>::infinity();
    std::string narrowestWhat;
    if (r.valid) {
      for (size_t j = 0; j < rects.size(); ++j) {
        if (j == i || !rects[j].valid) continue;
        float depth = rules::penetration(r, rects[j]);
        if (depth > o.touchTolerance) {
          report.overlapping.push_back(j);
          if (depth > deepest) {
            deepest = depth;
            deepestWith = int(j);
          }
          continue;
        }
        if (depth > 0.0f || !p || expo.booths[j].pavilion != booth.pavilion || minAisle <= 0.0f) continue;
        float gap = rules::rectDistance(r, rects[j]);
        if (gap <= o.touchTolerance) continue;
        if (gap < narrowest) {
          narrowest = gap;
          narrowestWhat = fmt::format("booth {}", expo.booths[j].id);
        }
        if (gap < minAisle - kAisleEpsilon) {
          AisleGap g;
          closestPoints(r.corner, 4, rects[j].corner, 4, g.from, g.to);
          g.width = gap;
          g.required = minAisle;
          g.neighbour = int(j);
          report.narrowGaps.push_back(g);
        }
      }
      if (p && !outside && minAisle > 0.0f && p->floor.size() >= 3) {
        for (size_t k = 0, j = p->floor.size() - 1; k < p->floor.size(); j = k++) {
          float wall = rules::segmentRectDistance(p->floor[j], p->floor[k], r);
          if (wall <= o.touchTolerance) continue;
          if (wall < narrowest) {
            narrowest = wall;
            narrowestWhat = fmt::format("the wall of pavilion {}", p->id);
          }
          if (wall < minAisle - kAisleEpsilon) {
            AisleGap g;
            glm::vec2 seg[2] = {p->floor[j], p->floor[k]};
            closestPoints(r.corner, 4, seg, 2, g.from, g.to);
            g.width = wall;
            g.required = minAisle;
            report.narrowGaps.push_back(g);
          }
        }
      }
    }
    overlap.passed = report.overlapping.empty();
    overlap.measured = overlap.passed ? "no overlap" : fmt::format("overlaps by {}", metres(deepest));
    if (overlap.passed) {
      overlap.detail = fmt::format("{} shares no area with another booth", name);
    } else {
      std::string ids;
      for (size_t j : report.overlapping) ids += (ids.empty() ? "" : ", ") + expo.booths[j].id;
      overlap.detail = fmt::format("{} overlaps {} booth(s): {} (deepest: booth {})", name,
                                   report.overlapping.size(), ids, expo.booths[size_t(deepestWith)].id);
    }
    aisle.passed = report.narrowGaps.empty();
    if (std::isfinite(narrowest)) {
      aisle.measured = fmt::format("narrowest gap {}", metres(narrowest));
      aisle.detail =
          fmt::format("{}: narrowest gap is {} to {}{}", name, metres(narrowest), narrowestWhat,
                      aisle.passed ? "" : fmt::format(" ({} gap(s) too narrow)", report.narrowGaps.size()));
    } else {
      aisle.measured = "no open gap";
      aisle.detail = fmt::format("{} has no neighbour or wall at an open gap", name);
    }
    report.checks.push_back(std::move(overlap));
    report.checks.push_back(std::move(aisle));
  }

  // height-limit and model-fits-plot
  {
    PlacementCheck c{"height-limit"};
    float limit = booth.heightLimit > 0.0f ? booth.heightLimit : (p ? p->heightLimit : 0.0f);
    const BoothStyle* style = findStyle(expo, booth.style);
    float height = model ? model->boundsMax.y : (style ? style->height : 0.0f);
    c.limit = limit > 0.0f ? fmt::format("<= {}", metres(limit)) : "none";
    c.measured = metres(height);
    c.passed = limit <= 0.0f || height <= limit + o.touchTolerance;
    c.detail = fmt::format("{} is {} high ({}); the limit there is {}", name, metres(height),
                           model ? "model bounds" : "style height", limit > 0.0f ? metres(limit) : "none");
    report.checks.push_back(std::move(c));
    if (model) {
      PlacementCheck f{"model-fits-plot"};
      glm::vec2 h = booth.footprint * 0.5f + o.touchTolerance;
      f.passed = model->boundsMin.x >= -h.x && model->boundsMax.x <= h.x && model->boundsMin.z >= -h.y &&
                 model->boundsMax.z <= h.y;
      f.measured = fmt::format("x {:.2f}..{:.2f}, z {:.2f}..{:.2f} m", model->boundsMin.x, model->boundsMax.x,
                               model->boundsMin.z, model->boundsMax.z);
      f.limit = fmt::format("x {:.2f}..{:.2f}, z {:.2f}..{:.2f} m", -booth.footprint.x * 0.5f,
                            booth.footprint.x * 0.5f, -booth.footprint.y * 0.5f, booth.footprint.y * 0.5f);
      f.detail = fmt::format("the model {} the {:.2f}x{:.2f} m plot of {}",
                             f.passed ? "fits" : "does not fit", booth.footprint.x, booth.footprint.y, name);
      report.checks.push_back(std::move(f));
    }
  }

  // paths-reachable
  if (o.checkReachability) {
    PlacementCheck c{"paths-reachable"};
    c.limit = "every booth of the pavilion reachable from an entrance";
    if (!p || outside || p->floor.size() < 3) {
      c.passed = false;
      c.measured = "not checked";
      c.detail = fmt::format("{} is not inside a pavilion floor", name);
    } else if (p->entrances.empty()) {
      c.measured = "not checked";
      c.detail = fmt::format("pavilion {} has no entrance; reachability not checked", p->id);
    } else {
      std::vector<size_t> members;
      for (size_t j = 0; j < expo.booths.size(); ++j) {
        if (expo.booths[j].pavilion != booth.pavilion || !rects[j].valid) continue;
        // Booths outside the floor are another rule's problem (as in layout_rules).
        bool in = true;
        for (glm::vec2 corner : rects[j].corner)
          if (!expo::pointInPolygon(p->floor, corner) &&
              rules::distanceToOutline(p->floor, corner) > o.touchTolerance)
            in = false;
        if (in) members.push_back(j);
      }
      std::vector<bool> ok = rules::reachableBooths(*p, members, rects, o.reachCellSize);
      size_t reached = 0;
      std::string blocked;
      for (size_t k = 0; k < ok.size(); ++k) {
        if (ok[k]) {
          ++reached;
        } else if (blocked.size() < 200) {
          blocked += (blocked.empty() ? "" : ", ") + expo.booths[members[k]].id;
        }
      }
      c.passed = reached == members.size();
      c.measured = fmt::format("{} of {} booths reachable", reached, members.size());
      c.detail = c.passed ? fmt::format("every booth of pavilion {} is reachable from its {} entrance(s)",
                                        p->id, p->entrances.size())
                          : fmt::format("unreachable from the entrances of pavilion {}: {}", p->id, blocked);
    }
    report.checks.push_back(std::move(c));
  }
}

PlacementReport checkPlot(const Expo& expo, size_t booth, const ModelStats* model,
                          const PlacementOptions& options) {
  PlacementReport report;
  appendPlotChecks(report, expo, booth, model, options);
  return report;
}

}  // namespace cx::expo
