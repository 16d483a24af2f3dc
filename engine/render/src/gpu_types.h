#pragma once
// CPU mirrors of the shader-side layouts in shaders/common.glsl and shaders/pbr.frag.
#include <glm/glm.hpp>
#include <span>

#include "cx/render/gpu_model.h"

namespace cx::render {

struct GpuViewData {
  glm::mat4 viewProj;
  glm::mat4 invViewProj;
  glm::vec4 eye;
};

// KHR_lights_punctual, as packed by packFrameLights (gpu_model.cpp).
struct GpuLight {
  glm::vec4 position;   // xyz world; w: 0 directional, 1 point, 2 spot
  glm::vec4 direction;  // xyz: where the light shines; w: range (0: infinite)
  glm::vec4 color;      // rgb: colour times intensity
  glm::vec4 spot;       // x, y: cone falloff scale and offset
};
inline constexpr uint32_t kMaxFrameLights = 8;

struct GpuFrameUniforms {
  GpuViewData views[2];
  glm::vec4 sunDirection;
  glm::vec4 sunColor;
  glm::vec4 skyColor;
  glm::vec4 groundColor;
  glm::vec4 horizonColor;
  glm::vec4 zenithColor;
  glm::vec4 params;
  glm::vec4 lightCount;  // x: lights used
  GpuLight lights[kMaxFrameLights];
};

// Fills lightCount and lights with up to kMaxFrameLights of `lights` (selectLights).
void packFrameLights(std::span<const PunctualLight> lights, glm::vec3 eye, GpuFrameUniforms& out);

struct GpuInstance {
  glm::mat4 world;
  glm::vec4 normalMatrix[3];
  glm::vec4 tint;
  glm::vec4 primaryColor;    // a > 0: replaces the base colour of cx_primary / cx_fascia materials
  glm::vec4 secondaryColor;  // a > 0: replaces the base colour of cx_secondary materials
};
static_assert(sizeof(GpuInstance) == 160);

// Signage (shaders/text.vert): one sign face, and one quad on it.
struct GpuSign {
  glm::mat4 world;  // the board's plane: x right, y up, +z out of the face, metres
  glm::vec4 color;  // text colour, linear RGB
};
struct GpuGlyph {
  glm::vec4 rect;  // in the sign's plane (x0, y0, x1, y1)
  glm::vec4 uv;    // atlas rect
  glm::uvec4 info;  // x: sign index, y: kind (0 SDF glyph, 1 logo, 2 fallback box)
};
static_assert(sizeof(GpuGlyph) == 48);

// Push constants of the scene pipelines (shaders/mesh.vert).
struct GpuDrawConstants {
  glm::vec4 baseColorFactor;  // the material's; mesh.vert multiplies it into the vertex colour
  uint32_t role;              // MaterialRole
  uint32_t pad[3];
};
static_assert(sizeof(GpuDrawConstants) == 32);

struct GpuMaterialUniforms {
  glm::vec4 baseColorFactor;
  glm::vec4 emissive;
  glm::vec4 pbr;
  glm::vec4 alpha;
  glm::vec4 uvTransform[10];
};

}  // namespace cx::render
