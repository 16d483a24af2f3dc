#pragma once
// A coarser level of detail for far instances: the same vertices, fewer triangles. Built by
// meshoptimizer's edge-collapse simplifier over positions only (so flat-shading seams do not block
// it); each output corner then takes, among the vertices at its position, the one whose normal best
// matches its new face (or a copy with the face's normal when none is close), so far booths keep
// flat shading and their material's colours.
#include <cstdint>
#include <vector>

#include "cx/assets/model.h"

namespace cx::assets {

struct PrimitiveLod {
  // Into the primitive's vertices followed by `extraVertices`; may be empty (all collapsed).
  std::vector<uint32_t> indices;
  // Corners of new faces that no vertex at their position fits (a thin box collapsed onto its
  // back face): copies of a vertex there with the face's normal.
  std::vector<Vertex> extraVertices;
  float error = 0.0f;  // the largest geometric deviation, in model units
};

// Simplifies towards `targetRatio` of the triangles while the deviation stays within `maxError`
// (model units), then drops thin strips at most `maxError` and `maxStripWidth` across that meet
// their neighbours at a crease (the sides of slabs, boards and poles; not the strips of a smooth
// curved surface). A
// primitive of 12 triangles or fewer (a single box) is not simplified, since flattening a booth
// floor would sink it into the hall floor, but its thin sides may go. A primitive that cannot
// lose at least a fifth of its triangles keeps its own indices (error 0).
PrimitiveLod buildPrimitiveLod(const Primitive& primitive, float targetRatio, float maxError,
                              float maxStripWidth = 1e30f);

}  // namespace cx::assets
