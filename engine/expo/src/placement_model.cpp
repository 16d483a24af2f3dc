// Model import, unit detection, budget, --auto plot choice and safe names of cx/expo/placement.h.
#include <algorithm>
#include <cmath>
#include <limits>
#include <system_error>

#include <fmt/format.h>
#include <glm/gtc/matrix_transform.hpp>

#include "cx/assets/gltf.h"
#include "cx/expo/placement.h"

namespace cx::expo {

namespace fs = std::filesystem;

Result<ImportedModel> importBoothModel(const fs::path& file, float scale) {
  if (!(scale > 0.0f) || !std::isfinite(scale) || scale > 1000.0f)
    return makeError(fmt::format("--scale: expected a number in (0, 1000], got {}", scale));
  std::error_code ec;
  if (!fs::is_regular_file(file, ec))
    return makeError(fmt::format("{}: no such file (or not a regular file)", file.string()));
  std::string ext = file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  if (ext != ".glb" && ext != ".gltf")
    return makeError(fmt::format("{}: expected a .glb or .gltf model", file.string()));
  ImportedModel out;
  out.source = file;
  out.fileBytes = fs::file_size(file, ec);
  if (ec) return makeError(fmt::format("{}: cannot read size: {}", file.string(), ec.message()));
  Result<assets::Model> model = assets::loadGltf(file);
  if (!model) return model.error();
  out.model = std::move(*model);
  if (out.model.instances.empty())
    return makeError(fmt::format("{}: the default scene has no mesh", file.string()));
  out.scale = scale;
  if (scale != 1.0f) {
    glm::mat4 s = glm::scale(glm::mat4(1.0f), glm::vec3(scale));
    for (assets::MeshInstance& inst : out.model.instances) inst.world = s * inst.world;
    assets::computeBounds(out.model);
  }
  out.stats = measureModel(out.model);
  if (!std::isfinite(out.stats.boundsMin.x) || !std::isfinite(out.stats.boundsMax.x))
    return makeError(fmt::format("{}: the model's bounds are not finite", file.string()));
  return out;
}

float suggestedUnitScale(const ModelStats& stats, glm::vec2 plotSize) {
  float extent = std::max(stats.boundsMax.x - stats.boundsMin.x, stats.boundsMax.z - stats.boundsMin.z);
  float plot = std::max(plotSize.x, plotSize.y);
  if (!(plot > 0.0f) || !(extent > 0.0f)) return 1.0f;
  float ratio = extent / plot;
  if (ratio >= 300.0f) return 0.001f;
  if (ratio >= 30.0f) return 0.01f;
  return 1.0f;
}

void appendModelChecks(PlacementReport& report, const ImportedModel& m, glm::vec2 plotSize,
                       const BoothBudget& budget) {
  const ModelStats& st = m.stats;
  float extent = std::max(st.boundsMax.x - st.boundsMin.x, st.boundsMax.z - st.boundsMin.z);
  float plot = std::max(plotSize.x, plotSize.y);
  report.checks.push_back({"model-load", true, fmt::format("{} bytes", m.fileBytes), "loads and validates",
                           fmt::format("{} loaded (scale {})", m.source.filename().string(), m.scale)});
  {
    PlacementCheck c{"units"};
    float suggested = suggestedUnitScale(st, plotSize);
    c.passed = suggested == 1.0f;
    c.measured = fmt::format("{:.2f} m across, {:.1f}x the plot", extent, plot > 0.0f ? extent / plot : 0.0f);
    c.limit = fmt::format("< 30x the plot's {:.2f} m", plot);
    c.detail = c.passed ? std::string("the model's size is plausible in metres")
                        : fmt::format("the model looks like it is in {}: rerun with --scale {}",
                                      suggested == 0.01f ? "centimetres" : "millimetres",
                                      suggested == 0.01f ? "0.01" : "0.001");
    report.checks.push_back(std::move(c));
  }
  auto add = [&](const char* rule, uint64_t value, uint64_t limit, const char* unit) {
    report.checks.push_back({rule, value <= limit, fmt::format("{} {}", value, unit),
                             fmt::format("<= {} {}", limit, unit),
                             value <= limit ? "within the per-booth budget" : "over the per-booth budget"});
  };
  add("budget-triangles", st.triangles, budget.maxTriangles, "triangles");
  add("budget-textures", st.largestTexture, budget.maxTextureSize, "px largest texture side");
  add("budget-materials", st.materials, budget.maxMaterials, "materials");
  add("budget-file-size", m.fileBytes, budget.maxFileBytes, "bytes");
}

std::optional<size_t> findExhibitorBooth(const Expo& expo, std::string_view exhibitorId) {
  for (const Exhibitor& x : expo.exhibitors) {
    if (x.id != exhibitorId) continue;
    for (size_t i = 0; i < expo.booths.size(); ++i)
      if (expo.booths[i].id == x.booth) return i;
    return std::nullopt;
  }
  return std::nullopt;
}

AutoPlot findBestPlot(const Expo& expo, size_t current, const ModelStats& model,
                      const PlacementOptions& options) {
  AutoPlot out;
  if (current >= expo.booths.size()) {
    out.why = "the exhibitor has no booth to start from";
    return out;
  }
  const Booth& cur = expo.booths[current];
  const Pavilion* pav = nullptr;
  for (const Pavilion& p : expo.pavilions)
    if (p.id == cur.pavilion) pav = &p;
  auto fits = [&](size_t i) {
    Expo trial = expo;
    moveExhibitorToPlot(trial, current, i);
    return checkPlot(trial, i, &model, options).ok();
  };
  out.candidates = 1;
  if (fits(current)) {
    out.booth = current;
    out.why =
        fmt::format("the current plot {} fits, so it is kept (the current plot is always preferred)", cur.id);
    return out;
  }
  float bestDist = std::numeric_limits<float>::infinity();
  for (size_t i = 0; i < expo.booths.size(); ++i) {
    const Booth& b = expo.booths[i];
    if (i == current || !b.exhibitor.empty() || b.pavilion != cur.pavilion) continue;
    ++out.candidates;
    if (!fits(i)) continue;
    float d = std::numeric_limits<float>::infinity();
    if (pav)
      for (const Entrance& e : pav->entrances) d = std::min(d, glm::distance(e.position, b.position));
    if (!out.booth || d < bestDist || (d == bestDist && b.id < expo.booths[*out.booth].id)) {
      out.booth = i;
      bestDist = d;
    }
  }
  if (out.booth) {
    out.why = fmt::format(
        "the current plot {} does not fit; free plot {} is the fitting free plot nearest to an entrance of "
        "pavilion {} ({:.2f} m, straight line from the entrance to the plot centre; {} candidates checked)",
        cur.id, expo.booths[*out.booth].id, cur.pavilion, bestDist, out.candidates);
  } else {
    out.why = fmt::format(
        "no plot fits: neither the current plot {} nor any of the {} free plots of pavilion {} passes every "
        "plot rule with this model",
        cur.id, out.candidates - 1, cur.pavilion);
  }
  return out;
}

void moveExhibitorToPlot(Expo& expo, size_t from, size_t to) {
  if (from == to || from >= expo.booths.size() || to >= expo.booths.size()) return;
  Booth& a = expo.booths[from];
  Booth& b = expo.booths[to];
  for (Exhibitor& x : expo.exhibitors)
    if (x.id == a.exhibitor) {
      x.booth = b.id;
      x.pavilion = b.pavilion;
    }
  b.exhibitor = std::move(a.exhibitor);
  a.exhibitor.clear();
  std::swap(a.fascia, b.fascia);
  b.model = std::move(a.model);
  a.model.clear();
}

std::string sanitizeFileName(std::string_view name) {
  size_t slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name = name.substr(slash + 1);
  std::string out;
  for (unsigned char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
              c == '_' || c == '-';
    out += ok ? char(c) : '_';
  }
  // No hidden files, no "..": drop leading dots and collapse runs of dots.
  while (!out.empty() && out.front() == '.') out.erase(out.begin());
  for (size_t p; (p = out.find("..")) != std::string::npos;) out.erase(p, 1);
  if (out.size() > 80) out.erase(0, out.size() - 80);
  while (!out.empty() && out.front() == '.') out.erase(out.begin());
  if (out.empty()) out = "model";
  return out;
}

std::string boothModelRelativePath(std::string_view exhibitorId, std::string_view sourceName) {
  std::string base = sanitizeFileName(sourceName);
  size_t dot = base.rfind('.');
  if (dot != std::string::npos && dot > 0) base.erase(dot);
  if (base.empty()) base = "model";
  return fmt::format("booths/{}-{}.glb", sanitizeFileName(exhibitorId), base);
}

}  // namespace cx::expo
