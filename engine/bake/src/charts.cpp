#include "charts.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <tuple>
#include <unordered_map>

namespace cx::bake::detail {
namespace {

// Triangles join a chart while their normal stays within this angle of the chart's first one:
// enough for the slight facets of a low-poly curve, little enough that the projection onto the
// chart's plane neither folds nor stretches much (at most 1 / cos 30 = 1.15).
const float kChartConeCos = std::cos(glm::radians(30.0f));

struct WeldKey {
  int64_t x, y, z;
  bool operator==(const WeldKey&) const = default;
};
struct WeldHash {
  size_t operator()(const WeldKey& k) const {
    uint64_t h = uint64_t(k.x) * 0x9e3779b97f4a7c15ull;
    h ^= uint64_t(k.y) * 0xc2b2ae3d27d4eb4full + (h << 6) + (h >> 2);
    h ^= uint64_t(k.z) * 0x165667b19e3779f9ull + (h << 6) + (h >> 2);
    return size_t(h);
  }
};

// An orthonormal frame of the chart's plane, aligned with the world axes where it can be (walls
// and floors of boxes then fill their rectangles).
void chartBasis(glm::vec3 n, glm::vec3& u, glm::vec3& v) {
  if (std::fabs(n.y) > 0.7f) {
    u = glm::vec3(1, 0, 0) - n * n.x;
  } else {
    u = glm::cross(glm::vec3(0, 1, 0), n);
  }
  const float len = glm::length(u);
  u = len > 1e-6f ? u / len : glm::vec3(1, 0, 0);
  v = glm::cross(n, u);
}

}  // namespace

ChartSet buildCharts(const std::vector<ChartInput>& inputs, float texelsPerMetre) {
  ChartSet out;
  out.texelsPerMetre = texelsPerMetre;
  out.primitives.resize(inputs.size());
  for (uint32_t p = 0; p < inputs.size(); ++p) {
    const assets::Primitive& prim = *inputs[p].primitive;
    const glm::mat4& world = inputs[p].world;
    const size_t triangleCount = prim.indices.size() / 3;
    std::vector<glm::vec3> positions(prim.vertices.size());
    for (size_t i = 0; i < positions.size(); ++i) positions[i] = glm::vec3(world * glm::vec4(prim.vertices[i].position, 1.0f));
    // Welded corner ids, so triangles that share an edge in space (not only by index) are neighbours.
    std::unordered_map<WeldKey, uint32_t, WeldHash> weldIds;
    std::vector<uint32_t> weld(positions.size());
    for (size_t i = 0; i < positions.size(); ++i) {
      const glm::vec3 q = positions[i] * 1e4f;
      WeldKey key{int64_t(std::llround(q.x)), int64_t(std::llround(q.y)), int64_t(std::llround(q.z))};
      weld[i] = weldIds.try_emplace(key, uint32_t(weldIds.size())).first->second;
    }
    std::vector<glm::vec3> faceNormal(triangleCount);
    std::vector<float> faceArea(triangleCount);
    std::map<std::pair<uint32_t, uint32_t>, std::vector<uint32_t>> edges;
    for (uint32_t t = 0; t < triangleCount; ++t) {
      const uint32_t* idx = &prim.indices[size_t(t) * 3];
      const glm::vec3 c = glm::cross(positions[idx[1]] - positions[idx[0]], positions[idx[2]] - positions[idx[0]]);
      const float len = glm::length(c);
      faceArea[t] = 0.5f * len;
      faceNormal[t] = len > 1e-12f ? c / len : glm::vec3(0.0f);
      for (int e = 0; e < 3; ++e) {
        uint32_t a = weld[idx[e]], b = weld[idx[(e + 1) % 3]];
        if (a > b) std::swap(a, b);
        if (a != b) edges[{a, b}].push_back(t);
      }
    }
    // Flood fill from each unassigned triangle, in index order (deterministic).
    std::vector<uint32_t> chartOf(triangleCount, UINT32_MAX);
    std::vector<uint32_t> stack;
    const uint32_t firstChart = uint32_t(out.charts.size());
    for (uint32_t seed = 0; seed < triangleCount; ++seed) {
      if (chartOf[seed] != UINT32_MAX) continue;
      const uint32_t chart = uint32_t(out.charts.size());
      out.charts.push_back({p});
      chartOf[seed] = chart;
      const glm::vec3 n0 = faceNormal[seed];
      if (n0 == glm::vec3(0.0f)) continue;  // degenerate: a chart of its own
      stack.assign(1, seed);
      while (!stack.empty()) {
        const uint32_t t = stack.back();
        stack.pop_back();
        const uint32_t* idx = &prim.indices[size_t(t) * 3];
        for (int e = 0; e < 3; ++e) {
          uint32_t a = weld[idx[e]], b = weld[idx[(e + 1) % 3]];
          if (a > b) std::swap(a, b);
          auto it = edges.find({a, b});
          if (it == edges.end()) continue;
          for (uint32_t nb : it->second) {
            if (chartOf[nb] != UINT32_MAX || glm::dot(faceNormal[nb], n0) < kChartConeCos) continue;
            chartOf[nb] = chart;
            stack.push_back(nb);
          }
        }
      }
    }
    // Chart normals, then the split vertices and their place in each chart's plane.
    for (uint32_t t = 0; t < triangleCount; ++t) out.charts[chartOf[t]].normal += faceNormal[t] * faceArea[t];
    const uint32_t chartCount = uint32_t(out.charts.size()) - firstChart;
    std::vector<glm::vec3> basisU(chartCount), basisV(chartCount);
    for (uint32_t c = 0; c < chartCount; ++c) {
      Chart& chart = out.charts[firstChart + c];
      const float len = glm::length(chart.normal);
      chart.normal = len > 1e-12f ? chart.normal / len : glm::vec3(0, 1, 0);
      chartBasis(chart.normal, basisU[c], basisV[c]);
    }
    ChartedPrimitive& cp = out.primitives[p];
    std::map<std::pair<uint32_t, uint32_t>, uint32_t> split;  // (vertex, chart) -> new vertex
    std::vector<glm::vec2> planar;
    cp.indices.resize(prim.indices.size());
    for (uint32_t t = 0; t < triangleCount; ++t) {
      for (int k = 0; k < 3; ++k) {
        const uint32_t v = prim.indices[size_t(t) * 3 + size_t(k)];
        auto [it, fresh] = split.try_emplace({v, chartOf[t]}, uint32_t(cp.vertices.size()));
        if (fresh) {
          cp.vertices.push_back(prim.vertices[v]);
          cp.chartOfVertex.push_back(chartOf[t]);
          const uint32_t c = chartOf[t] - firstChart;
          planar.push_back(glm::vec2(glm::dot(positions[v], basisU[c]), glm::dot(positions[v], basisV[c])) *
                           texelsPerMetre);
        }
        cp.indices[size_t(t) * 3 + size_t(k)] = it->second;
      }
    }
    std::vector<glm::vec2> lo(chartCount, glm::vec2(1e30f)), hi(chartCount, glm::vec2(-1e30f));
    for (size_t i = 0; i < planar.size(); ++i) {
      const uint32_t c = cp.chartOfVertex[i] - firstChart;
      lo[c] = glm::min(lo[c], planar[i]);
      hi[c] = glm::max(hi[c], planar[i]);
    }
    cp.local.resize(planar.size());
    const float pad = float(kChartPadding);
    for (size_t i = 0; i < planar.size(); ++i) {
      const uint32_t c = cp.chartOfVertex[i] - firstChart;
      cp.local[i] = planar[i] - lo[c] + glm::vec2(pad);
    }
    for (uint32_t c = 0; c < chartCount; ++c) {
      Chart& chart = out.charts[firstChart + c];
      const glm::vec2 extent = hi[c].x >= lo[c].x ? hi[c] - lo[c] : glm::vec2(0.0f);
      chart.width = uint32_t(std::max(1.0f, std::ceil(extent.x))) + 2 * kChartPadding;
      chart.height = uint32_t(std::max(1.0f, std::ceil(extent.y))) + 2 * kChartPadding;
    }
  }
  return out;
}

uint64_t chartTexels(const std::vector<Chart>& charts) {
  uint64_t sum = 0;
  for (const Chart& c : charts) sum += uint64_t(c.width) * c.height;
  return sum;
}

uint32_t atlasWidthFor(const std::vector<Chart>& charts, const std::vector<uint32_t>& order) {
  uint64_t area = 0;
  uint32_t widest = 1;
  std::vector<uint32_t> all;
  if (order.empty()) {
    all.resize(charts.size());
    std::iota(all.begin(), all.end(), 0u);
  }
  for (uint32_t i : order.empty() ? all : order) {
    area += uint64_t(charts[i].width) * charts[i].height;
    widest = std::max(widest, charts[i].width);
  }
  // Shelves waste some room; aim a little wider than the square root.
  uint32_t width = std::max(widest, uint32_t(std::ceil(std::sqrt(double(area) * 1.15))));
  return (width + 3) / 4 * 4;
}

uint32_t packCharts(std::vector<Chart>& charts, const std::vector<uint32_t>& order, uint32_t width) {
  std::vector<uint32_t> sorted = order;
  if (sorted.empty()) {
    sorted.resize(charts.size());
    std::iota(sorted.begin(), sorted.end(), 0u);
  }
  std::stable_sort(sorted.begin(), sorted.end(), [&](uint32_t a, uint32_t b) {
    return std::tie(charts[b].height, charts[b].width) < std::tie(charts[a].height, charts[a].width);
  });
  uint32_t x = 0, y = 0, shelf = 0;
  for (uint32_t i : sorted) {
    Chart& c = charts[i];
    if (c.width > width) return 0;
    if (x + c.width > width) {
      x = 0;
      y += shelf;
      shelf = 0;
    }
    c.x = x;
    c.y = y;
    x += c.width;
    shelf = std::max(shelf, c.height);
  }
  const uint32_t height = y + shelf;
  return (height + 3) / 4 * 4;
}

}  // namespace cx::bake::detail
