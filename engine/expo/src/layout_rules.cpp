// The layout rules of cx/expo/layout_rules.h. Neighbouring booths are found with a uniform grid:
// each booth is entered in the cells its box (grown by half the widest aisle) covers, and a pair
// is examined only in the one cell holding the low corner of the overlap of their grown boxes.
#include "cx/expo/layout_rules.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <unordered_map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cx/assets/gltf.h"
#include "cx/core/path.h"
#include "layout_rules_geometry.h"

namespace cx::expo {

using rules::Rect;

namespace {

constexpr float kAisleEpsilon = 1e-3f;  // float noise allowance under minAisleWidth

std::string fmtMetres(float v) {
  return fmt::format("{:.2f} m", v);
}

struct ModelInfo {
  bool loaded = false;
  ModelStats stats;
};

class RuleRunner {
 public:
  RuleRunner(const Expo& expo, const LayoutRuleOptions& options) : expo_(expo), o_(options) {
    pavilionOf_.reserve(expo.pavilions.size());
    styleOf_.reserve(expo.styles.size());
    exhibitorOf_.reserve(expo.exhibitors.size());
    boothOf_.reserve(expo.booths.size());
    for (size_t i = 0; i < expo.pavilions.size(); ++i) pavilionOf_.emplace(expo.pavilions[i].id, i);
    for (size_t i = 0; i < expo.styles.size(); ++i) styleOf_.emplace(expo.styles[i].id, i);
    for (size_t i = 0; i < expo.exhibitors.size(); ++i) exhibitorOf_.emplace(expo.exhibitors[i].id, i);
    for (size_t i = 0; i < expo.booths.size(); ++i) boothOf_.emplace(expo.booths[i].id, i);
    rects_.reserve(expo.booths.size());
    boothPavilion_.assign(expo.booths.size(), -1);
    for (size_t i = 0; i < expo.booths.size(); ++i) {
      rects_.push_back(rules::makeRect(expo.booths[i]));
      auto it = pavilionOf_.find(expo.booths[i].pavilion);
      if (it != pavilionOf_.end()) boothPavilion_[i] = int(it->second);
    }
  }

  LayoutReport& report() { return report_; }

  void add(const char* rule, const char* severity, std::string path, std::string message) {
    bool error = std::string_view(severity) == "error";
    (error ? report_.errors : report_.warnings)++;
    size_t& count = perRule_[rule];
    if (o_.maxViolationsPerRule != 0 && count >= o_.maxViolationsPerRule) return;
    ++count;
    report_.violations.push_back({rule, severity, std::move(path), std::move(message)});
  }

  static std::string boothPath(size_t i) { return fmt::format("booths[{}]", i); }
  std::string boothName(size_t i) const { return fmt::format("booth {}", expo_.booths[i].id); }

  // References that the geometry needs; a booth failing them is skipped by the geometric rules.
  void references() {
    for (size_t i = 0; i < expo_.booths.size(); ++i) {
      const Booth& b = expo_.booths[i];
      if (boothPavilion_[i] < 0)
        add("unknown-pavilion", "error", boothPath(i) + ".pavilion",
            fmt::format("{} names pavilion \"{}\", which does not exist", boothName(i), b.pavilion));
      if (!styleOf_.contains(b.style))
        add("unknown-style", "error", boothPath(i) + ".style",
            fmt::format("{} names style \"{}\", which does not exist", boothName(i), b.style));
      if (b.exhibitor.empty())
        add("booth-without-exhibitor", "warning", boothPath(i),
            fmt::format("{} is a free plot (no exhibitor)", boothName(i)));
      else if (!exhibitorOf_.contains(b.exhibitor))
        add("unknown-exhibitor", "error", boothPath(i) + ".exhibitor",
            fmt::format("{} names exhibitor \"{}\", which does not exist", boothName(i), b.exhibitor));
    }
    for (size_t i = 0; i < expo_.exhibitors.size(); ++i) {
      const Exhibitor& x = expo_.exhibitors[i];
      if (x.booth.empty())
        add("exhibitor-without-booth", "error", fmt::format("exhibitors[{}].booth", i),
            fmt::format("exhibitor {} ({}) has no booth", x.id, x.name.english));
      else if (!boothOf_.contains(x.booth))
        add("exhibitor-without-booth", "error", fmt::format("exhibitors[{}].booth", i),
            fmt::format("exhibitor {} ({}) names booth \"{}\", which does not exist", x.id, x.name.english,
                        x.booth));
    }
  }

  // outside-floor and the wall side of narrow-aisle, per booth.
  void floor(size_t i) {
    if (boothPavilion_[i] < 0 || !rects_[i].valid) return;
    const Pavilion& p = expo_.pavilions[size_t(boothPavilion_[i])];
    if (p.floor.size() < 3) return;
    const Rect& r = rects_[i];
    bool outside = false;
    for (glm::vec2 c : r.corner)
      if (!expo::pointInPolygon(p.floor, c) && rules::distanceToOutline(p.floor, c) > o_.touchTolerance)
        outside = true;
    for (size_t k = 0, j = p.floor.size() - 1; !outside && k < p.floor.size(); j = k++)
      outside = rules::segmentEntersRect(p.floor[j], p.floor[k], r, o_.touchTolerance);
    if (outside) {
      outside_[i] = true;
      add("outside-floor", "error", boothPath(i),
          fmt::format("{} at ({}, {}) is not inside the floor of pavilion {}", boothName(i),
                      expo_.booths[i].position.x, expo_.booths[i].position.y, p.id));
      return;
    }
    float wall = std::numeric_limits<float>::infinity();
    for (size_t k = 0, j = p.floor.size() - 1; k < p.floor.size(); j = k++)
      wall = std::min(wall, rules::segmentRectDistance(p.floor[j], p.floor[k], r));
    if (wall > o_.touchTolerance && wall < p.minAisleWidth - kAisleEpsilon)
      add("narrow-aisle", "error", boothPath(i),
          fmt::format("{} is {} from the wall of pavilion {}; the aisle must be at least {} wide (or 0)",
                      boothName(i), fmtMetres(wall), p.id, fmtMetres(p.minAisleWidth)));
  }

  // overlap and narrow-aisle between booths i < j.
  void pair(size_t i, size_t j) {
    const Rect &a = rects_[i], &b = rects_[j];
    float depth = rules::penetration(a, b);
    if (depth > o_.touchTolerance) {
      add("overlap", "error", boothPath(i),
          fmt::format("{} overlaps {} ({}) by {}", boothName(i), boothName(j), boothPath(j),
                      fmtMetres(depth)));
      return;
    }
    if (boothPavilion_[i] != boothPavilion_[j] || boothPavilion_[i] < 0) return;
    if (depth > 0.0f) return;  // touching within tolerance
    float minAisle = expo_.pavilions[size_t(boothPavilion_[i])].minAisleWidth;
    if (minAisle <= 0.0f) return;
    float gap = rules::rectDistance(a, b);
    if (gap > o_.touchTolerance && gap < minAisle - kAisleEpsilon)
      add("narrow-aisle", "error", boothPath(i),
          fmt::format("{} and {} ({}) are {} apart; the aisle must be at least {} wide (or 0)", boothName(i),
                      boothName(j), boothPath(j), fmtMetres(gap), fmtMetres(minAisle)));
  }

  void pairs() {
    float maxAisle = 0.0f;
    for (const Pavilion& p : expo_.pavilions)
      if (std::isfinite(p.minAisleWidth)) maxAisle = std::max(maxAisle, p.minAisleWidth);
    const float grow = maxAisle * 0.5f + o_.touchTolerance;
    // Cell size: about two typical booths, never so small that big booths fill many cells.
    double sum = 0.0;
    size_t n = 0;
    for (const Rect& r : rects_)
      if (r.valid) {
        sum += double(std::max(r.aabbMax.x - r.aabbMin.x, r.aabbMax.y - r.aabbMin.y));
        ++n;
      }
    if (n < 2) return;
    const float cell = std::max(4.0f, float(sum / double(n)) * 2.0f + 2.0f * grow);
    auto cellOf = [&](float v) { return int64_t(std::floor(v / cell)); };
    std::vector<std::pair<uint64_t, uint32_t>> entries;
    entries.reserve(n * 4);
    auto key = [](int64_t x, int64_t z) {
      return (uint64_t(uint32_t(int32_t(x))) << 32) | uint32_t(int32_t(z));
    };
    for (size_t i = 0; i < rects_.size(); ++i) {
      const Rect& r = rects_[i];
      if (!r.valid) continue;
      int64_t x0 = cellOf(r.aabbMin.x - grow), x1 = cellOf(r.aabbMax.x + grow);
      int64_t z0 = cellOf(r.aabbMin.y - grow), z1 = cellOf(r.aabbMax.y + grow);
      if (x1 - x0 > 64 || z1 - z0 > 64) {  // absurdly large booth: compare with everything nearby anyway
        x1 = x0 + 64;
        z1 = z0 + 64;
      }
      for (int64_t z = z0; z <= z1; ++z)
        for (int64_t x = x0; x <= x1; ++x) entries.emplace_back(key(x, z), uint32_t(i));
    }
    std::sort(entries.begin(), entries.end());
    for (size_t s = 0; s < entries.size();) {
      size_t e = s;
      while (e < entries.size() && entries[e].first == entries[s].first) ++e;
      for (size_t u = s; u < e; ++u) {
        for (size_t v = u + 1; v < e; ++v) {
          size_t i = entries[u].second, j = entries[v].second;
          const Rect &a = rects_[i], &b = rects_[j];
          // Grown boxes must overlap, and this cell must hold the low corner of that overlap.
          float ox = std::max(a.aabbMin.x, b.aabbMin.x) - grow,
                oz = std::max(a.aabbMin.y, b.aabbMin.y) - grow;
          if (ox > std::min(a.aabbMax.x, b.aabbMax.x) + grow ||
              oz > std::min(a.aabbMax.y, b.aabbMax.y) + grow)
            continue;
          if (key(cellOf(ox), cellOf(oz)) != entries[s].first) continue;
          pair(std::min(i, j), std::max(i, j));
        }
      }
      s = e;
    }
  }

  // Distinct models, loaded once, with every user.
  struct ModelUse {
    std::string firstPath;  // manifest path of the first user
    size_t booths = 0;
    bool boothModel = false;  // used by booths (budgeted), not only by pavilions
    ModelInfo info;
  };

  std::string boothModelPath(size_t i) const {
    const Booth& b = expo_.booths[i];
    if (!b.model.empty()) return b.model;
    auto it = styleOf_.find(b.style);
    return it == styleOf_.end() ? std::string() : expo_.styles[it->second].model;
  }

  void models() {
    if (!o_.checkModels || o_.root.empty()) return;
    for (size_t s = 0; s < expo_.styles.size(); ++s)
      use(expo_.styles[s].model, fmt::format("styles[{}].model", s), true);
    for (size_t i = 0; i < expo_.booths.size(); ++i) {
      if (!expo_.booths[i].model.empty()) use(expo_.booths[i].model, boothPath(i) + ".model", true);
      std::string m = boothModelPath(i);
      if (!m.empty()) ++models_[m].booths;
    }
    for (size_t p = 0; p < expo_.pavilions.size(); ++p)
      if (!expo_.pavilions[p].model.empty())
        use(expo_.pavilions[p].model, fmt::format("pavilions[{}].model", p), false);
    for (const std::string& path : modelOrder_) {
      ModelUse& u = models_[path];
      auto resolved = resolveInsideRoot(o_.root, path);
      Result<assets::Model> model =
          resolved ? assets::loadGltf(*resolved) : Result<assets::Model>(resolved.error());
      ++report_.modelsChecked;
      if (!model) {
        add("model-load", "error", u.firstPath,
            fmt::format("model {} (used by {} booths) cannot be loaded: {}", path, u.booths,
                        model.message()));
        continue;
      }
      u.info.loaded = true;
      u.info.stats = measureModel(*model);
      if (!u.boothModel) continue;
      const ModelStats& st = u.info.stats;
      std::vector<std::string> over;
      if (st.triangles > o_.maxTriangles)
        over.push_back(fmt::format("{} triangles > {}", st.triangles, o_.maxTriangles));
      if (st.largestTexture > o_.maxTextureSize)
        over.push_back(fmt::format("a {} px texture > {}", st.largestTexture, o_.maxTextureSize));
      if (st.materials > o_.maxMaterials)
        over.push_back(fmt::format("{} materials > {}", st.materials, o_.maxMaterials));
      if (!over.empty())
        add("over-budget", "error", u.firstPath,
            fmt::format("model {} (used by {} booths) is over the booth budget: {}", path, u.booths,
                        fmt::join(over, ", ")));
    }
  }

  void use(const std::string& path, std::string manifestPath, bool boothModel) {
    if (path.empty()) return;
    auto [it, inserted] = models_.try_emplace(path);
    if (inserted) {
      it->second.firstPath = std::move(manifestPath);
      modelOrder_.push_back(path);
    }
    it->second.boothModel = it->second.boothModel || boothModel;
  }

  // too-tall and model-exceeds-plot, per booth, with the loaded model when there is one.
  void heights() {
    std::map<std::pair<std::string, std::pair<float, float>>, std::pair<size_t, size_t>> plotMisfits;
    for (size_t i = 0; i < expo_.booths.size(); ++i) {
      const Booth& b = expo_.booths[i];
      if (boothPavilion_[i] < 0) continue;
      const ModelInfo* info = nullptr;
      std::string path = boothModelPath(i);
      if (auto it = models_.find(path); it != models_.end() && it->second.info.loaded)
        info = &it->second.info;
      float height = -1.0f;
      if (info)
        height = info->stats.boundsMax.y;
      else if (auto st = styleOf_.find(b.style); st != styleOf_.end() && b.model.empty())
        height = expo_.styles[st->second].height;
      float limit =
          b.heightLimit > 0.0f ? b.heightLimit : expo_.pavilions[size_t(boothPavilion_[i])].heightLimit;
      if (height >= 0.0f && limit > 0.0f && height > limit + o_.touchTolerance)
        add("too-tall", "error", boothPath(i),
            fmt::format("{} is {} high; the limit there is {}", boothName(i), fmtMetres(height),
                        fmtMetres(limit)));
      if (info) {
        const ModelStats& st = info->stats;
        glm::vec2 h = b.footprint * 0.5f + o_.touchTolerance;
        if (st.boundsMin.x < -h.x || st.boundsMax.x > h.x || st.boundsMin.z < -h.y || st.boundsMax.z > h.y) {
          auto k = std::make_pair(path, std::make_pair(b.footprint.x, b.footprint.y));
          auto [it, inserted] = plotMisfits.try_emplace(k, i, 0);
          ++it->second.second;
        }
      }
    }
    std::vector<std::pair<size_t, std::string>> ordered;
    for (auto& [k, v] : plotMisfits) {
      const Booth& b = expo_.booths[v.first];
      const ModelStats& st = models_[k.first].info.stats;
      ordered.emplace_back(
          v.first,
          fmt::format("model {} spans x {:.2f}..{:.2f}, z {:.2f}..{:.2f} m, beyond the {}x{} m plot of {}{}",
                      k.first, st.boundsMin.x, st.boundsMax.x, st.boundsMin.z, st.boundsMax.z, b.footprint.x,
                      b.footprint.y, boothName(v.first),
                      v.second > 1 ? fmt::format(" and {} other booths", v.second - 1) : ""));
    }
    std::sort(ordered.begin(), ordered.end());
    for (auto& [i, message] : ordered) add("model-exceeds-plot", "error", boothPath(i), std::move(message));
  }

  void reachability() {
    if (!o_.checkReachability) return;
    std::vector<std::vector<size_t>> byPavilion(expo_.pavilions.size());
    for (size_t i = 0; i < expo_.booths.size(); ++i)
      if (boothPavilion_[i] >= 0 && rects_[i].valid && !outside_[i])
        byPavilion[size_t(boothPavilion_[i])].push_back(i);
    for (size_t p = 0; p < expo_.pavilions.size(); ++p) {
      const Pavilion& pav = expo_.pavilions[p];
      if (byPavilion[p].empty() || pav.floor.size() < 3) continue;
      if (pav.entrances.empty()) {
        add("no-entrance", "warning", fmt::format("pavilions[{}].entrances", p),
            fmt::format("pavilion {} has booths but no entrance; reachability not checked", pav.id));
        continue;
      }
      std::vector<bool> ok = rules::reachableBooths(pav, byPavilion[p], rects_, o_.reachCellSize);
      for (size_t k = 0; k < ok.size(); ++k)
        if (!ok[k])
          add("unreachable", "error", boothPath(byPavilion[p][k]),
              fmt::format("{} cannot be reached from any entrance of pavilion {}",
                          boothName(byPavilion[p][k]), pav.id));
    }
  }

  LayoutReport run() {
    report_.pavilions = expo_.pavilions.size();
    report_.booths = expo_.booths.size();
    report_.exhibitors = expo_.exhibitors.size();
    outside_.assign(expo_.booths.size(), false);
    references();
    for (size_t i = 0; i < expo_.booths.size(); ++i) floor(i);
    pairs();
    models();
    heights();
    reachability();
    return std::move(report_);
  }

  std::vector<RuleViolation> placement(size_t i) {
    outside_.assign(expo_.booths.size(), false);
    floor(i);
    float reach = 0.0f;
    for (const Pavilion& p : expo_.pavilions)
      if (std::isfinite(p.minAisleWidth)) reach = std::max(reach, p.minAisleWidth);
    if (rects_[i].valid)
      for (size_t j = 0; j < rects_.size(); ++j) {
        if (j == i || !rects_[j].valid) continue;
        const Rect &a = rects_[i], &b = rects_[j];
        if (a.aabbMin.x > b.aabbMax.x + reach || b.aabbMin.x > a.aabbMax.x + reach ||
            a.aabbMin.y > b.aabbMax.y + reach || b.aabbMin.y > a.aabbMax.y + reach)
          continue;
        pair(i, j);
      }
    const Booth& b = expo_.booths[i];
    if (boothPavilion_[i] >= 0) {
      auto st = styleOf_.find(b.style);
      float limit =
          b.heightLimit > 0.0f ? b.heightLimit : expo_.pavilions[size_t(boothPavilion_[i])].heightLimit;
      if (st != styleOf_.end() && expo_.styles[st->second].height > limit + o_.touchTolerance)
        add("too-tall", "error", boothPath(i),
            fmt::format("{} is {} high; the limit there is {}", boothName(i),
                        fmtMetres(expo_.styles[st->second].height), fmtMetres(limit)));
    }
    return std::move(report_.violations);
  }

 private:
  const Expo& expo_;
  const LayoutRuleOptions& o_;
  LayoutReport report_;
  std::unordered_map<std::string, size_t> pavilionOf_, styleOf_, exhibitorOf_, boothOf_;
  std::vector<Rect> rects_;
  std::vector<int> boothPavilion_;
  std::vector<bool> outside_;
  std::map<std::string, size_t> perRule_;
  std::unordered_map<std::string, ModelUse> models_;
  std::vector<std::string> modelOrder_;
};

}  // namespace

ModelStats measureModel(const assets::Model& model) {
  ModelStats s;
  for (const assets::MeshInstance& inst : model.instances) {
    if (inst.mesh >= model.meshes.size()) continue;
    for (const assets::Primitive& p : model.meshes[inst.mesh].primitives) s.triangles += p.indices.size() / 3;
  }
  s.materials = uint32_t(model.materials.size());
  for (const assets::Image& img : model.images)
    s.largestTexture = std::max({s.largestTexture, img.width, img.height});
  s.boundsMin = model.boundsMin;
  s.boundsMax = model.boundsMax;
  return s;
}

LayoutReport checkLayout(const Expo& expo, const LayoutRuleOptions& options) {
  return RuleRunner(expo, options).run();
}

std::vector<RuleViolation> checkBoothPlacement(const Expo& expo, size_t booth,
                                               const LayoutRuleOptions& options) {
  if (booth >= expo.booths.size()) return {};
  return RuleRunner(expo, options).placement(booth);
}

}  // namespace cx::expo
