#pragma once
// Geometry helpers the glTF loader uses and model builders may call: normals, tangents, bounds.
#include "cx/assets/model.h"

namespace cx::assets {

// Gives every triangle its own three vertices with the face normal (what glTF asks for when a
// primitive has no NORMAL). Indices become 0..n-1. Degenerate triangles get +Z.
void generateFlatNormals(Primitive& primitive);

// Area-weighted vertex normals over the existing indexing; vertices are not split.
void generateSmoothNormals(Primitive& primitive);

// Per-vertex tangents from UV derivatives, accumulated per triangle and Gram-Schmidt
// orthogonalised against the normal; w = +1/-1 is the bitangent sign (bitangent =
// cross(normal, tangent.xyz) * w). Where UVs are missing or degenerate an arbitrary tangent
// orthogonal to the normal is used. Sets `hasTangents`.
void generateTangents(Primitive& primitive);

// Recomputes `boundsMin`/`boundsMax` of one primitive (zero when it has no vertices).
void computePrimitiveBounds(Primitive& primitive);

}  // namespace cx::assets
