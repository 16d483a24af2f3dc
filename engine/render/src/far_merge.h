#pragma once
// Far levels of detail of a mesh's plain primitives merged into one primitive. A far booth is a
// few pixels, yet each of its primitives (one per material) costs a CPU rasteriser a pass of its
// draw pipeline per instance; merged, it costs one. The primitives merged are opaque,
// single-sided, untextured, white-vertexed and alike in emission and lighting (unlit or not);
// their material goes into the merged vertices (base colour in COLOR_0, metallic and roughness in
// TEXCOORD_0, the booth-colour role in the tangent's x), which the kVertexMaterial shader variant
// reads instead of the material; only the vertices the far levels use are copied. The merged
// primitive has no full-detail range: near instances draw the primitives themselves, far ones
// only the merged one (the primitives' far ranges become empty).
#include <cstdint>
#include <span>
#include <vector>

#include "cx/assets/model.h"
#include "cx/render/gpu_model.h"

namespace cx::render {

// Bit of GpuMaterial::textureMask (specialization constant 0 of mesh.vert and pbr_body.glsl)
// marking the variant that takes its material from the vertices.
constexpr uint32_t kVertexMaterial = 1u << 5;

// For the mesh whose primitives are gpu.primitives[firstPrimitive ...] (built from `mesh`, their
// far ranges already in `lodIndices`, which follows the `fullIndexCount` indices of `full`):
// appends the merged primitives to gpu.primitives, their vertices to `vertices` and their far
// indices to `lodIndices`, and for each the material index whose uniforms (emission, unlit) it
// shares to `sourceMaterials`. Its GpuPrimitive::material is set to
// `firstMergedMaterial + its index in sourceMaterials`. Returns how many were appended.
uint32_t mergeFarPrimitives(const assets::Model& model, const assets::Mesh& mesh, uint32_t firstPrimitive,
                            std::span<const uint32_t> full, uint32_t fullIndexCount,
                            std::vector<assets::Vertex>& vertices, std::vector<uint32_t>& lodIndices,
                            uint32_t firstMergedMaterial, std::vector<uint32_t>& sourceMaterials, GpuModel& gpu);

}  // namespace cx::render
