#pragma once
// CPU mirrors of the shader-side layouts in shaders/common.glsl and shaders/pbr.frag.
#include <glm/glm.hpp>

namespace cx::render {

struct GpuViewData {
  glm::mat4 viewProj;
  glm::mat4 invViewProj;
  glm::vec4 eye;
};

struct GpuFrameUniforms {
  GpuViewData views[2];
  glm::vec4 sunDirection;
  glm::vec4 sunColor;
  glm::vec4 skyColor;
  glm::vec4 groundColor;
  glm::vec4 horizonColor;
  glm::vec4 zenithColor;
  glm::vec4 params;
};

struct GpuInstance {
  glm::mat4 world;
  glm::vec4 normalMatrix[3];
  glm::vec4 tint;
};
static_assert(sizeof(GpuInstance) == 128);

struct GpuMaterialUniforms {
  glm::vec4 baseColorFactor;
  glm::vec4 emissive;
  glm::vec4 pbr;
  glm::vec4 alpha;
  glm::vec4 uvTransform[10];
};

}  // namespace cx::render
