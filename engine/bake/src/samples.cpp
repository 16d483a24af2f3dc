#include "samples.h"

#include <algorithm>
#include <cmath>

namespace cx::bake::detail {
namespace {

constexpr uint32_t kTileTexels = 8;  // light tiles are 8x8 texels of a chart

// Barycentric coordinates of `p` in the 2D triangle (a, b, c); false when it is degenerate.
bool barycentric(glm::vec2 p, glm::vec2 a, glm::vec2 b, glm::vec2 c, glm::vec3& out) {
  const glm::vec2 v0 = b - a, v1 = c - a, v2 = p - a;
  const float den = v0.x * v1.y - v1.x * v0.y;
  if (std::fabs(den) < 1e-12f) return false;
  const float w1 = (v2.x * v1.y - v1.x * v2.y) / den;
  const float w2 = (v0.x * v2.y - v2.x * v0.y) / den;
  out = glm::vec3(1.0f - w1 - w2, w1, w2);
  return true;
}

glm::vec2 closestOnSegment(glm::vec2 p, glm::vec2 a, glm::vec2 b) {
  const glm::vec2 ab = b - a;
  const float len2 = glm::dot(ab, ab);
  const float t = len2 > 0.0f ? std::clamp(glm::dot(p - a, ab) / len2, 0.0f, 1.0f) : 0.0f;
  return a + ab * t;
}

}  // namespace

std::vector<ChartGrid> rasterizeCharts(const ChartSet& set, const std::vector<glm::mat4>& worlds,
                                       const std::vector<bool>& textured, std::vector<SamplePoint>& samples,
                                       uint32_t& tiles) {
  std::vector<ChartGrid> grids(set.charts.size());
  std::vector<uint32_t> firstTile(set.charts.size(), 0);
  for (size_t c = 0; c < set.charts.size(); ++c) {
    const Chart& chart = set.charts[c];
    if (!textured[chart.primitive]) continue;
    grids[c].width = chart.width;
    grids[c].height = chart.height;
    grids[c].sample.assign(size_t(chart.width) * chart.height, -1);
    grids[c].value.assign(size_t(chart.width) * chart.height, 0.0f);
    firstTile[c] = tiles;
    tiles += ((chart.width + kTileTexels - 1) / kTileTexels) * ((chart.height + kTileTexels - 1) / kTileTexels);
  }
  for (size_t p = 0; p < set.primitives.size(); ++p) {
    if (!textured[p]) continue;
    const ChartedPrimitive& cp = set.primitives[p];
    const glm::mat4& world = worlds[p];
    const glm::mat3 normalMatrix = glm::transpose(glm::inverse(glm::mat3(world)));
    auto addSample = [&](size_t t, glm::vec3 b, uint32_t chart, uint32_t x, uint32_t y) {
      const uint32_t* idx = &cp.indices[t * 3];
      glm::vec3 pw[3], nw[3];
      for (int k = 0; k < 3; ++k) {
        pw[k] = glm::vec3(world * glm::vec4(cp.vertices[idx[k]].position, 1.0f));
        nw[k] = normalMatrix * cp.vertices[idx[k]].normal;
      }
      const glm::vec3 cr = glm::cross(pw[1] - pw[0], pw[2] - pw[0]);
      const float len = glm::length(cr);
      if (!(len > 1e-12f)) return;
      SamplePoint s;
      s.geomNormal = cr / len;
      s.position = pw[0] * b.x + pw[1] * b.y + pw[2] * b.z;
      const glm::vec3 n = nw[0] * b.x + nw[1] * b.y + nw[2] * b.z;
      const float nl = glm::length(n);
      s.normal = nl > 1e-12f ? n / nl : s.geomNormal;
      if (glm::dot(s.normal, s.geomNormal) < 0.0f) s.normal = s.geomNormal;  // normals against the winding
      const uint32_t tilesWide = (set.charts[chart].width + kTileTexels - 1) / kTileTexels;
      s.tile = firstTile[chart] + (y / kTileTexels) * tilesWide + x / kTileTexels;
      grids[chart].sample[size_t(y) * grids[chart].width + x] = int32_t(samples.size());
      samples.push_back(s);
    };
    const size_t triangleCount = cp.indices.size() / 3;
    // Texel centres inside a triangle first, then texels a triangle only grazes (its nearest point).
    for (int pass = 0; pass < 2; ++pass) {
      for (size_t t = 0; t < triangleCount; ++t) {
        const uint32_t* idx = &cp.indices[t * 3];
        const uint32_t chart = cp.chartOfVertex[idx[0]];
        ChartGrid& grid = grids[chart];
        const glm::vec2 a = cp.local[idx[0]], b = cp.local[idx[1]], c = cp.local[idx[2]];
        const glm::vec2 lo = glm::min(a, glm::min(b, c)), hi = glm::max(a, glm::max(b, c));
        const float grow = pass == 0 ? 0.0f : 0.5f;
        const int x0 = std::max(0, int(std::floor(lo.x - grow))), y0 = std::max(0, int(std::floor(lo.y - grow)));
        const int x1 = std::min(int(grid.width) - 1, int(std::ceil(hi.x + grow)) - 1);
        const int y1 = std::min(int(grid.height) - 1, int(std::ceil(hi.y + grow)) - 1);
        for (int y = y0; y <= y1; ++y) {
          for (int x = x0; x <= x1; ++x) {
            if (grid.sample[size_t(y) * grid.width + size_t(x)] >= 0) continue;
            const glm::vec2 centre(float(x) + 0.5f, float(y) + 0.5f);
            glm::vec3 bary;
            if (!barycentric(centre, a, b, c, bary)) continue;
            const bool inside = bary.x >= -1e-5f && bary.y >= -1e-5f && bary.z >= -1e-5f;
            if (pass == 0) {
              if (inside) addSample(t, bary, chart, uint32_t(x), uint32_t(y));
              continue;
            }
            // The triangle's point nearest the centre, if the triangle reaches into this texel.
            glm::vec2 best = closestOnSegment(centre, a, b);
            for (glm::vec2 q : {closestOnSegment(centre, b, c), closestOnSegment(centre, c, a)})
              if (glm::dot(q - centre, q - centre) < glm::dot(best - centre, best - centre)) best = q;
            const glm::vec2 d = glm::abs(best - centre);
            if (d.x > 0.5f || d.y > 0.5f) continue;
            if (barycentric(best, a, b, c, bary))
              addSample(t, glm::clamp(bary, 0.0f, 1.0f) / std::max(1e-6f, bary.x + bary.y + bary.z), chart,
                        uint32_t(x), uint32_t(y));
          }
        }
      }
    }
  }
  return grids;
}

void fillGrids(std::vector<ChartGrid>& grids, const std::vector<float>& perSample) {
  for (ChartGrid& g : grids)
    for (size_t i = 0; i < g.sample.size(); ++i)
      if (g.sample[i] >= 0) g.value[i] = perSample[size_t(g.sample[i])];
}

void smoothGrids(std::vector<ChartGrid>& grids) {
  std::vector<float> out;
  for (ChartGrid& g : grids) {
    if (g.sample.empty()) continue;
    out = g.value;
    for (uint32_t y = 0; y < g.height; ++y)
      for (uint32_t x = 0; x < g.width; ++x) {
        if (g.sample[size_t(y) * g.width + x] < 0) continue;
        float sum = 0.0f, weight = 0.0f;
        for (int dy = -1; dy <= 1; ++dy)
          for (int dx = -1; dx <= 1; ++dx) {
            const int nx = int(x) + dx, ny = int(y) + dy;
            if (nx < 0 || ny < 0 || nx >= int(g.width) || ny >= int(g.height)) continue;
            const size_t n = size_t(ny) * g.width + size_t(nx);
            if (g.sample[n] < 0) continue;
            const float w = float((2 - std::abs(dx)) * (2 - std::abs(dy)));
            sum += g.value[n] * w;
            weight += w;
          }
        out[size_t(y) * g.width + x] = sum / weight;
      }
    g.value.swap(out);
  }
}

void dilateGrids(std::vector<ChartGrid>& grids) {
  std::vector<uint8_t> known, next;
  std::vector<float> values;
  for (ChartGrid& g : grids) {
    if (g.sample.empty()) continue;
    known.resize(g.sample.size());
    bool any = false;
    for (size_t i = 0; i < g.sample.size(); ++i) {
      known[i] = g.sample[i] >= 0;
      any = any || known[i];
    }
    if (!any) {  // a chart too thin to hold a texel centre or a grazing triangle: leave it open
      std::fill(g.value.begin(), g.value.end(), 1.0f);
      continue;
    }
    for (bool changed = true; changed;) {
      changed = false;
      next = known;
      values = g.value;
      for (uint32_t y = 0; y < g.height; ++y)
        for (uint32_t x = 0; x < g.width; ++x) {
          const size_t i = size_t(y) * g.width + x;
          if (known[i]) continue;
          float sum = 0.0f;
          int count = 0;
          for (int dy = -1; dy <= 1; ++dy)
            for (int dx = -1; dx <= 1; ++dx) {
              const int nx = int(x) + dx, ny = int(y) + dy;
              if (nx < 0 || ny < 0 || nx >= int(g.width) || ny >= int(g.height)) continue;
              const size_t n = size_t(ny) * g.width + size_t(nx);
              if (!known[n]) continue;
              sum += g.value[n];
              ++count;
            }
          if (count == 0) continue;
          values[i] = sum / float(count);
          next[i] = 1;
          changed = true;
        }
      known.swap(next);
      g.value.swap(values);
    }
  }
}

float gridValueAt(const ChartGrid& grid, glm::vec2 local) {
  if (grid.value.empty()) return 0.0f;
  const int x = std::clamp(int(std::floor(local.x)), 0, int(grid.width) - 1);
  const int y = std::clamp(int(std::floor(local.y)), 0, int(grid.height) - 1);
  return grid.value[size_t(y) * grid.width + size_t(x)];
}

}  // namespace cx::bake::detail
