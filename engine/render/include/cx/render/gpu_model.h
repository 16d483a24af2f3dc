#pragma once
// A Model uploaded to the GPU: one vertex and one index buffer for all primitives, mipmapped
// textures, one descriptor set per material. Instances of it are drawn by the renderer.
#include <vulkan/vulkan.h>

#include <array>
#include <glm/glm.hpp>
#include <span>
#include <string>
#include <vector>

#include "cx/assets/model.h"
#include "cx/render/context.h"
#include "cx/render/resources.h"

namespace cx::render {

struct Renderer;

// Levels of detail past the full mesh, each coarser than the one before and used farther out.
constexpr uint32_t kLodLevels = 2;

constexpr uint32_t kNoFacing = ~0u;

struct IndexRange {
  uint32_t first = 0;
  uint32_t count = 0;
};

struct GpuPrimitive {
  uint32_t firstIndex = 0;
  uint32_t indexCount = 0;
  int32_t vertexOffset = 0;
  uint32_t material = 0;  // index into GpuModel::materials (the last one is the glTF default)
  // The far levels of detail (assets::buildPrimitiveLod) in the same index buffer, lod[0] the
  // finest; each equal to the full range when the primitive has none (hasLod false), and to the
  // level before it when a coarser one would save too little.
  IndexRange lod[kLodLevels];
  bool hasLod = false;
  // Into GpuModel::facingRanges: per level (0 full, then lod[]) and eye region around the mesh's
  // bounds, the triangles that can face an eye there (facing.h); kNoFacing: draw every level's
  // whole range (double-sided or blended materials, large primitives).
  uint32_t firstFacing = kNoFacing;
  glm::vec3 boundsMin{0.0f};
  glm::vec3 boundsMax{0.0f};
};

// Which per-booth colour replaces a material's base colour: set from the material name
// (cx_primary, cx_secondary, cx_fascia) by assignBoothMaterialRoles.
enum class MaterialRole : uint32_t { Own = 0, Primary = 1, Secondary = 2, Fascia = 3 };

struct GpuMaterial {
  assets::AlphaMode alphaMode = assets::AlphaMode::Opaque;
  bool doubleSided = false;
  VkDescriptorSet set = VK_NULL_HANDLE;
  MaterialRole role = MaterialRole::Own;
  uint32_t textureMask = 0;  // texture slots in use (bit 0 base colour ... 4 emissive): picks the shader variant
  glm::vec4 baseColorFactor{1.0f};  // pushed per draw: mesh.vert folds it into the vertex colour
};

struct GpuMesh {
  uint32_t firstPrimitive = 0;
  uint32_t primitiveCount = 0;
};

// A KHR_lights_punctual light placed in the world (or, inside GpuModel, in the model's frame).
struct PunctualLight {
  assets::LightType type = assets::LightType::Point;
  glm::vec3 position{0.0f};
  glm::vec3 direction{0.0f, 0.0f, -1.0f};  // unit vector the light shines along
  glm::vec3 color{1.0f};                   // linear colour times intensity (cd, or lux if directional)
  float range = 0.0f;                      // 0: infinite
  float innerConeAngle = 0.0f;
  float outerConeAngle = 0.7853982f;
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
  // Per mesh and far level: the largest deviation of its primitives' level, in model units (0: no
  // LOD), not decreasing with the level. Instances switch to a level where its deviation is under
  // about a pixel on screen.
  std::vector<std::array<float, kLodLevels>> meshLodError;
  std::vector<IndexRange> facingRanges;  // see GpuPrimitive::firstFacing
  VkDeviceSize gpuBytes = 0;
  std::vector<PunctualLight> lights;  // the model's light nodes, in the model's frame
  // Bounds of the cx_fascia geometry in the model frame (signage placement); empty when none.
  bool hasFascia = false;
  glm::vec3 fasciaMin{0.0f};
  glm::vec3 fasciaMax{0.0f};
};

// The role of a material by its name: cx_primary, cx_secondary, cx_fascia; Own for any other.
MaterialRole materialRoleForName(const std::string& name);

// Sets GpuMaterial::role from `source`'s material names and the fascia bounds. `gpu` must have
// been uploaded from `source`.
void assignBoothMaterialRoles(GpuModel& gpu, const assets::Model& source);

// Uploads vertices, indices, textures (full mip chains: blitted on the GPU where the format allows
// linear blits, else built on the CPU, sRGB-aware) and material
// descriptor sets. Blocks until the upload has finished.
GpuModel uploadModel(const Context& ctx, const Renderer& renderer, const assets::Model& model);
void destroyModel(const Context& ctx, GpuModel& model);

// Appends `model`'s lights placed by `transform` (one model instance) to `out`.
void appendLights(const GpuModel& model, const glm::mat4& transform, std::vector<PunctualLight>& out);
// The lights a frame uses when it can shade at most `maxLights`: directional lights first, then
// the point and spot lights nearest `eye` (a light whose range ends before `eye` counts by the
// distance to its sphere). Stable for equal distances.
std::vector<PunctualLight> selectLights(std::span<const PunctualLight> lights, glm::vec3 eye, size_t maxLights);

// True when `format` supports linear blits, so uploadModel builds its mips with vkCmdBlitImage.
bool canBlitMipmaps(const Context& ctx, VkFormat format);

// Mip chain for an RGBA8 image: level 0 is the image itself, each next level a 2x2 box filter of
// the previous, averaged in linear light for sRGB images.
std::vector<std::vector<uint8_t>> buildMipChain(const assets::Image& image, bool generateMips);

}  // namespace cx::render
