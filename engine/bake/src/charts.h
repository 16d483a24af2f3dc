#pragma once
// Lightmap UVs: a primitive's triangles grouped into nearly planar charts, each projected onto its
// plane at the bake's density and packed with the others into one atlas (shelf packing, tallest
// first). Private to the baker.
#include <cstdint>
#include <vector>

#include <glm/glm.hpp>

#include "cx/assets/model.h"

namespace cx::bake::detail {

// Texels of border around every chart: the bilinear footprint and the dilation of the bake.
inline constexpr uint32_t kChartPadding = 2;

struct Chart {
  uint32_t primitive = 0;  // index into the list given to buildCharts
  glm::vec3 normal{0.0f};  // area-weighted, world space
  // Size in texels including the padding on every side, and the place in the atlas.
  uint32_t width = 0, height = 0;
  uint32_t x = 0, y = 0;
};

// One primitive to chart: its vertices are split where charts meet, so each vertex belongs to one
// chart; `local` holds each vertex's position in its chart in texels (padding included), and
// `chartOfVertex` which chart.
struct ChartedPrimitive {
  std::vector<assets::Vertex> vertices;  // the primitive's, split at chart seams
  std::vector<uint32_t> indices;
  std::vector<glm::vec2> local;
  std::vector<uint32_t> chartOfVertex;
};

struct ChartInput {
  const assets::Primitive* primitive = nullptr;
  glm::mat4 world{1.0f};
};

struct ChartSet {
  std::vector<Chart> charts;
  std::vector<ChartedPrimitive> primitives;
  float texelsPerMetre = 0.0f;
};

// Groups triangles into charts (connected through shared edges, normals within 30 degrees of the
// chart's first triangle) and measures them at `texelsPerMetre`.
ChartSet buildCharts(const std::vector<ChartInput>& inputs, float texelsPerMetre);

// Packs `charts[i]` for every i in `order` (all when empty) into an atlas `width` wide; returns its
// height, or 0 when a chart is wider than `width`.
uint32_t packCharts(std::vector<Chart>& charts, const std::vector<uint32_t>& order, uint32_t width);

// A width for packing `charts[order]` (all when empty) into a roughly square atlas (a multiple of 4).
uint32_t atlasWidthFor(const std::vector<Chart>& charts, const std::vector<uint32_t>& order);

// Sum of the charts' areas in texels, padding included.
uint64_t chartTexels(const std::vector<Chart>& charts);

}  // namespace cx::bake::detail
