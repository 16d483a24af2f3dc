#pragma once
// Where the baker measures light: one point per lightmap texel (the texel centre on the chart's
// triangles, or the nearest point of a triangle that only grazes the texel) and per vertex of
// vertex-baked primitives. Also the per-chart texel grids the results go into, their filtering and
// their dilation into the padding. Private to the baker.
#include <cstdint>
#include <vector>

#include <glm/glm.hpp>

#include "charts.h"

namespace cx::bake::detail {

struct SamplePoint {
  glm::vec3 position{0.0f};  // on the surface, in the baked model's frame
  glm::vec3 normal{0.0f};    // shading normal, unit
  glm::vec3 geomNormal{0.0f};  // the triangle's, unit
  uint32_t tile = 0;         // group of nearby samples sharing a light-sampling distribution
};

// A chart's texels: the sample measured in each (-1: none, filled by dilation) and the values.
struct ChartGrid {
  uint32_t width = 0, height = 0;
  std::vector<int32_t> sample;
  std::vector<float> value;
};

// Samples for the texels of every chart whose primitive `textured[p]` is true, appended to
// `samples`; one grid per chart (empty for charts of other primitives). `worlds[p]` places
// primitive p. `tiles` counts the light tiles handed out so far and is advanced.
std::vector<ChartGrid> rasterizeCharts(const ChartSet& set, const std::vector<glm::mat4>& worlds,
                                       const std::vector<bool>& textured, std::vector<SamplePoint>& samples,
                                       uint32_t& tiles);

// Copies the values of `perSample` into the grids' measured texels.
void fillGrids(std::vector<ChartGrid>& grids, const std::vector<float>& perSample);

// A 3x3 tent filter over each grid's measured texels (unmeasured ones neither give nor take): the
// remaining Monte Carlo noise at one texel's scale.
void smoothGrids(std::vector<ChartGrid>& grids);

// Gives every unmeasured texel the mean of its measured (or already filled) neighbours, ring by
// ring, so bilinear filtering and mip levels never see the background.
void dilateGrids(std::vector<ChartGrid>& grids);

// The grid value at chart-local texel coordinates (clamped into the grid).
float gridValueAt(const ChartGrid& grid, glm::vec2 local);

}  // namespace cx::bake::detail
