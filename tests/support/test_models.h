#pragma once
// Small models built in code for golden-image and round-trip tests. Each is centred near the
// origin, a few units across, +Y up, front faces counter-clockwise, meant to be seen from +Z
// (render::frameBounds looks from direction (0.55, 0.45, 1)). Tangents are left out
// (`hasTangents == false`) so a write/load round trip makes the loader generate them.
#include <filesystem>
#include <string>
#include <vector>

#include "cx/assets/model.h"
#include "cx/core/result.h"

namespace cx::testing {

// Unit cube, per-face normals, orange base colour, metallic 0, roughness 0.5.
assets::Model litCube();
// litCube in blue: used to prove that golden comparisons can fail.
assets::Model wrongMaterialLitCube();
// 2x2 quad facing +Z with a 64x64 sRGB checkerboard; the quadrants are red (top left), green
// (top right), blue (bottom left) and yellow (bottom right) so flips and rotations show.
assets::Model texturedQuad();
// Quad whose texture has a transparent circle cut out; alphaMode MASK, cutoff 0.5.
assets::Model alphaMaskQuad();
// An opaque grey quad behind two overlapping half-transparent quads (red, blue); BLEND.
assets::Model alphaBlendQuads();
// Two planes turned so their back faces point at the camera: the left is doubleSided and must be
// drawn, the right is single-sided and must be culled.
assets::Model doubleSidedPlane();
// Plane with a procedural bumpy normal map (linear image) and no tangents.
assets::Model normalMappedPlane();
// Three meshes placed by a parent -> child -> grandchild chain of translate * rotate * scale
// transforms, flattened to world matrices; a wrong multiplication order moves them visibly.
assets::Model multiNodeScene();
// Dark cube with an emissive stripe texture, emissive factor and KHR_materials_emissive_strength.
assets::Model emissiveObject();

// One mesh of boxes in plain materials (a floor 0.4 m thick; a cx_primary panel, metallic 0.8 and
// roughness 0.3; a cx_secondary counter; a thin plate hidden in the counter, which gives the mesh
// a far LOD that looks the same): far away, the renderer draws them as one merged primitive with
// the materials in its vertices (far_merge.h). Not in testModelNames.
assets::Model boothParts();

// Names accepted by makeTestModel / writeTestModel: the function names above ("litCube", ...).
const std::vector<std::string>& testModelNames();
// The model for `name`, or an error naming the unknown model.
Result<assets::Model> makeTestModel(const std::string& name);
// Writes `dir/<name>.glb` (binary) or `dir/<name>.gltf` with assets::writeGltf; returns the path.
Result<std::filesystem::path> writeTestModel(const std::string& name, const std::filesystem::path& dir,
                                             bool binary);

}  // namespace cx::testing
