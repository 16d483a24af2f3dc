#pragma once
// The drawable scene kept on the GPU between frames: every instance's data (transform, normal
// matrix, colours) in one storage buffer uploaded once, grouped by (model, mesh, winding) and
// split into small spatial clusters for culling, plus the booths' signage (glyph quads, sign
// transforms, glyph and logo atlases). Per frame the renderer only culls clusters and instances
// and writes the indices of the visible ones, so the CPU cost and the draw count do not grow with
// the booth count beyond that index list.
#include <vulkan/vulkan.h>

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include <glm/glm.hpp>

#include "cx/render/gpu_model.h"
#include "cx/render/render_scene.h"
#include "cx/render/renderer.h"
#include "cx/render/resources.h"
#include "cx/render/signage.h"

namespace cx::render {

// Per far level of detail: how far (metres) it deviates from the full mesh in the world (0: none).
using LodErrors = std::array<float, kLodLevels>;

struct InstanceGroup {
  const GpuModel* model = nullptr;
  uint32_t mesh = 0;
  bool mirrored = false;        // negative-determinant transforms: clockwise front faces
  bool large = false;           // a building-sized instance (hall): drawn after the booths (early-Z)
  uint32_t firstInstance = 0;   // into the instance buffer
  uint32_t instanceCount = 0;
  uint32_t firstCluster = 0;
  uint32_t clusterCount = 0;
  LodErrors maxLodError{};      // per level, the largest of its instances' instanceLodError
  bool facing = false;          // a primitive of the mesh has facing lists (GpuPrimitive::firstFacing)
  glm::vec3 meshMin{0.0f};      // the mesh's bounds in its own frame (the eye regions' box)
  glm::vec3 meshMax{0.0f};
};

// A run of instances (or signs) of one group that lie close together, with their joint bounds.
struct CullCluster {
  uint32_t first = 0;  // first item (instance buffer index, or sign index)
  uint32_t count = 0;
  glm::vec3 boundsMin{0.0f};
  glm::vec3 boundsMax{0.0f};
};

struct GpuScene {
  std::vector<InstanceGroup> groups;
  std::vector<CullCluster> clusters;
  std::vector<glm::vec3> instanceMin, instanceMax;  // world bounds per instance buffer entry
  // Per entry: how far (metres) its mesh's far LODs deviate from it in the world.
  std::vector<LodErrors> instanceLodError;
  std::vector<glm::mat4x3> instanceToMesh;  // world -> the mesh's frame (for the eye region)
  std::vector<uint16_t> instanceAxes;       // axisMapOf its transform (facing.h)
  Buffer instances;                                 // GpuInstance[]
  uint32_t instanceCount = 0;
  // Signage: signs in cluster order; glyphs of sign i are glyphs[signFirstGlyph[i] ...], and its far
  // version (farSignQuads: the text as one bar) glyphs[signFirstFar[i] ...].
  std::vector<CullCluster> signClusters;
  std::vector<glm::vec3> signMin, signMax;
  std::vector<float> signHeight;      // metres, for the too-small-to-see test
  std::vector<float> signTextHeight;  // metres: the line of text, for the too-small-to-read test
  std::vector<uint32_t> signFirstGlyph, signGlyphCount;
  std::vector<uint32_t> signFirstFar, signFarCount;
  // All four are null when there is no signage (the renderer binds placeholders then).
  Buffer signs;   // GpuSign[]
  Buffer glyphs;  // GpuGlyph[]
  Image glyphAtlas;  // R8 signed distance field
  Image logoAtlas;   // RGBA8
  uint32_t glyphCount = 0;
  uint64_t id = 0;  // unique per created scene: frames rebind their descriptors when it changes
  VkDeviceSize gpuBytes = 0;
  // The instances' model lights (KHR_lights_punctual) in world space, gathered when the scene is
  // built; render(scene) adds them to the caller's Lighting.
  std::vector<PunctualLight> lights;
  std::vector<uint32_t> instanceSource;  // per instance buffer entry: index into the DrawInstance span
  std::vector<uint32_t> instanceNode;    // per instance buffer entry: the model node it draws
  bool deviceLocal = true;
  // Instance entries rewritten by updateGpuSceneInstances: copied into the buffer at the start of
  // the next render(scene) (recorded into that frame's commands), then cleared.
  mutable std::vector<uint32_t> pendingEntries;
  mutable std::vector<uint8_t> pendingData;  // GpuInstance per pending entry
};

struct GpuSceneDesc {
  // Device-local buffers through a staging upload (the default; built once per scene). Host-visible
  // otherwise: for the transient scene that render(instances) builds every frame.
  bool deviceLocal = true;
  const SignageInput* signage = nullptr;  // optional booth name boards
  // A glyph atlas already built for the signage texts (buildSignageAtlas, e.g. on a worker
  // thread); null: built here.
  const GlyphAtlas* atlas = nullptr;
};

GpuScene createGpuScene(const Context& ctx, Renderer& renderer, std::span<const DrawInstance> instances,
                        const GpuSceneDesc& desc = {});
// Rewrites the data (transform, tint, colours) of the DrawInstances `indices` of the span the
// scene was built from; `instances` is that span with the new values (same models). The copy is
// recorded into the next frame. A moved instance grows its cluster's bounds (culling stays
// conservative). Returns false when the scene cannot be updated in place (not device-local, or a
// model changed): rebuild it then.
bool updateGpuSceneInstances(Renderer& renderer, GpuScene& scene, std::span<const uint32_t> indices,
                             std::span<const DrawInstance> instances);
// Frees the scene once no frame in flight uses it (deferred to the renderer's frame slots).
void destroyGpuScene(Renderer& renderer, GpuScene& scene);

// Booth instances of an expo take their booth's primary / secondary colours (per material role)
// instead of a whole-booth tint. Matches instances to ExpoScene::booths by model and transform.
void applyBoothColors(RenderScene& scene);

// The GpuScene of a loaded scene, with the booths' name boards when it is an expo.
GpuScene createRenderSceneGpu(const Context& ctx, Renderer& renderer, const RenderScene& scene,
                              const LogoLoader& loadLogo = {});
// The same from prepared signage (signageForExpo) and its atlas (buildSignageAtlas), both optional.
GpuScene createRenderSceneGpu(const Context& ctx, Renderer& renderer, const RenderScene& scene,
                              const SignageInput* signage, const GlyphAtlas* atlas);

// Splits items (their world bounds, in the order given) into clusters of at most `maxPerCluster`
// spatially close items. `order` receives the permutation: cluster items are order[first...].
void buildClusters(std::span<const glm::vec3> itemMin, std::span<const glm::vec3> itemMax, uint32_t maxPerCluster,
                   std::vector<uint32_t>& order, std::vector<CullCluster>& clusters);

}  // namespace cx::render
