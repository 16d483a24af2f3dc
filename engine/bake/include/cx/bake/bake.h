#pragma once
// Light baking with Embree: the indirect light a model's surfaces receive, written into the model
// as standard glTF so any viewer shows it. Renders nothing and knows no GPU.
//
// What is baked, per texel of a generated second UV set (or per vertex of dense meshes), is the
// irradiance E from
//   - the environment: a sky of radiance `skyRadiance` above the horizon and `groundRadiance`
//     below it (the renderer's hemisphere ambient), reached through the openings of the scene;
//   - emissive surfaces (light fixtures), sampled explicitly with shadow rays;
//   - KHR_lights_punctual lights of the model and the occluders, with shadow rays;
//   - one bounce of all of that off the scene's diffuse surfaces;
// divided by what an unoccluded surface with the same normal gets from the environment alone,
// E_ref(n) = pi * (ground + (sky - ground) * (1 + n.y) / 2), and clamped to 0..1. That ratio is
// ambient occlusion generalised: 1 in the open, darker in corners and under overhangs, and inside a
// roofed hall the share of the outdoor ambient that the hall's openings and fixtures deliver. The
// renderer multiplies its hemisphere ambient by it (glTF occlusion semantics: indirect light only).
//
// Output: each baked material gets `occlusionTexture` on TEXCOORD_1 (one grey atlas image per
// model, charts packed from the model's planar regions), or, for primitives dense enough (edges
// under about two texels), COLOR_0 multiplied by the value per vertex. Materials where the bake
// is indistinguishable from none (99% of the area at 0.95 or more) are left as they were.
//
// Deterministic: the same input, settings and seed give the same bytes whatever the thread count
// (every texel has its own random stream).
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "cx/assets/model.h"
#include "cx/core/result.h"

namespace cx::bake {

// Bumped whenever a change to the baker changes its output for the same input (bakeKey).
inline constexpr int kBakeVersion = 1;

enum class VertexAo { Auto, Never, Always };

struct BakeSettings {
  int samplesPerTexel = 64;             // hemisphere rays per texel (and per vertex), 4..4096
  float texelsPerSquareMetre = 64.0f;   // lightmap density (8 texels per metre)
  uint32_t maxTexels = 1u << 20;        // a model whose charts need more gets a lower density
  uint32_t maxAtlasSide = 4096;
  uint64_t seed = 1;
  unsigned threads = 0;                 // 0: every core
  int bounces = 1;                      // 0 or 1
  int lightSamples = 16;                // shadow rays per texel towards emissive surfaces
  VertexAo vertexAo = VertexAo::Auto;
  float skyRadiance = 0.33f;            // luminance of the sky dome (renderer: sky colour x ambient)
  float groundRadiance = 0.13f;         // below the horizon
  // The environment as bright as this share of the open sky's (the values stay relative to the
  // open sky): a booth baked on its own for a hall whose aisles get 0.8 of the outdoor ambient.
  float environmentScale = 1.0f;
  // Drop a material's bake when this share of its area is at `uniformLevel` or more.
  float uniformShare = 0.99f;
  float uniformLevel = 0.95f;
  // Progress from 0 to 1 with a short phase name; called from the baking thread only.
  std::function<void(float fraction, const char* phase)> progress;
};

// Geometry that casts shadows and occludes but is not baked itself (booths standing in a hall).
struct Occluder {
  const assets::Model* model = nullptr;
  glm::mat4 transform{1.0f};
};

struct BakeReport {
  uint32_t atlasWidth = 0, atlasHeight = 0;  // 0 when nothing was baked into a texture
  float texelsPerSquareMetre = 0.0f;         // the density used (lower than asked when capped)
  uint64_t texels = 0;                       // texels sampled
  uint64_t vertices = 0;                     // vertices baked (COLOR_0)
  uint64_t rays = 0;
  size_t materialsTextured = 0, materialsVertex = 0, materialsUniform = 0;
  double seconds = 0.0;
  float meanUpward = 0.0f;  // mean value over upward-facing baked area (a hall's floor level)
};

// Bakes `model` in place (its node transforms are its frame; occluders are placed in that frame).
// Meshes that several nodes instance are duplicated first, since each placement gets its own
// light. Fails on bad settings or when Embree fails.
Result<BakeReport> bakeModel(assets::Model& model, std::span<const Occluder> occluders, const BakeSettings& settings);

// A hash of everything bakeModel's result depends on (kBakeVersion, the settings that change the
// output, the model's and the occluders' geometry, materials, lights and placements), as 16 hex
// digits. Two bakes with the same key give the same model.
std::string bakeKey(const assets::Model& model, std::span<const Occluder> occluders, const BakeSettings& settings);

// The key bakeModel stores in the model's asset extras, and reads back (empty when none).
inline constexpr const char* kBakeKeyExtra = "cx.bake.key";
// Set in the extras when a bake went into COLOR_0 (multiplied into the vertex colours).
inline constexpr const char* kBakeVertexExtra = "cx.bake.vertex";
std::string storedBakeKey(const assets::Model& model);

// Takes a texture bake out of a model so it can be baked again: the occlusion maps on TEXCOORD_1
// (and the images and samplers only they used), TEXCOORD_1 itself and the key. A bake in the
// vertex colours cannot be taken out: that is an error naming the fix.
Status stripBake(assets::Model& model);

}  // namespace cx::bake
