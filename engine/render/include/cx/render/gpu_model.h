#pragma once
// A Model uploaded to the GPU: one vertex and one index buffer for all primitives, mipmapped
// textures, one descriptor set per material. Instances of it are drawn by the renderer.
#include <vulkan/vulkan.h>

#include <glm/glm.hpp>
#include <string>
#include <vector>

#include "cx/assets/model.h"
#include "cx/render/context.h"
#include "cx/render/resources.h"

namespace cx::render {

struct Renderer;

struct GpuPrimitive {
  uint32_t firstIndex = 0;
  uint32_t indexCount = 0;
  int32_t vertexOffset = 0;
  uint32_t material = 0;  // index into GpuModel::materials (the last one is the glTF default)
  glm::vec3 boundsMin{0.0f};
  glm::vec3 boundsMax{0.0f};
};

struct GpuMaterial {
  assets::AlphaMode alphaMode = assets::AlphaMode::Opaque;
  bool doubleSided = false;
  VkDescriptorSet set = VK_NULL_HANDLE;
};

struct GpuMesh {
  uint32_t firstPrimitive = 0;
  uint32_t primitiveCount = 0;
};

struct GpuModel {
  std::string name;
  Buffer vertices;
  Buffer indices;
  Buffer materialUniforms;
  std::vector<Image> images;
  std::vector<VkSampler> samplers;
  VkDescriptorPool descriptorPool = VK_NULL_HANDLE;
  std::vector<GpuMaterial> materials;
  std::vector<GpuPrimitive> primitives;
  std::vector<GpuMesh> meshes;
  std::vector<assets::MeshInstance> nodes;  // node placements inside the model
  glm::vec3 boundsMin{0.0f};
  glm::vec3 boundsMax{0.0f};
  uint64_t triangleCount = 0;  // over all nodes
  VkDeviceSize gpuBytes = 0;
};

// Uploads vertices, indices, textures (with mip chains built on the CPU, sRGB-aware) and material
// descriptor sets. Blocks until the upload has finished.
GpuModel uploadModel(const Context& ctx, const Renderer& renderer, const assets::Model& model);
void destroyModel(const Context& ctx, GpuModel& model);

// Mip chain for an RGBA8 image: level 0 is the image itself, each next level a 2x2 box filter of
// the previous, averaged in linear light for sRGB images.
std::vector<std::vector<uint8_t>> buildMipChain(const assets::Image& image, bool generateMips);

}  // namespace cx::render
