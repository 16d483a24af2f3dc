#include "far_merge.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

namespace cx::render {
namespace {

bool untextured(const assets::Material& m) {
  for (const assets::TextureRef* t : {&m.baseColorTexture, &m.metallicRoughnessTexture, &m.normalTexture,
                                      &m.occlusionTexture, &m.emissiveTexture})
    if (t->image >= 0) return false;
  return true;
}

}  // namespace

uint32_t mergeFarPrimitives(const assets::Model& model, const assets::Mesh& mesh, uint32_t firstPrimitive,
                            std::span<const uint32_t> full, uint32_t fullIndexCount,
                            std::vector<assets::Vertex>& vertices, std::vector<uint32_t>& lodIndices,
                            uint32_t firstMergedMaterial, std::vector<uint32_t>& sourceMaterials, GpuModel& gpu) {
  const assets::Material defaultMaterial;
  // Mergeable primitives by what the merged material must share: unlit, emission.
  using Key = std::tuple<bool, float, float, float>;
  std::map<Key, std::vector<uint32_t>> groups;
  for (uint32_t p = 0; p < mesh.primitives.size(); ++p) {
    const GpuPrimitive& gp = gpu.primitives[firstPrimitive + p];
    const assets::Material& m = gp.material < model.materials.size() ? model.materials[gp.material] : defaultMaterial;
    if (m.alphaMode != assets::AlphaMode::Opaque || m.doubleSided || !untextured(m)) continue;
    bool white = true;
    for (const assets::Vertex& v : mesh.primitives[p].vertices) white = white && v.color == glm::vec4(1.0f);
    if (!white) continue;
    const glm::vec3 e = m.emissiveFactor * m.emissiveStrength;
    groups[{m.unlit, e.x, e.y, e.z}].push_back(p);
  }
  uint32_t added = 0;
  for (const auto& [key, members] : groups) {
    if (members.size() < 2) continue;
    GpuPrimitive merged;
    merged.vertexOffset = int32_t(vertices.size());
    merged.hasLod = true;
    merged.boundsMin = glm::vec3(1e30f);
    merged.boundsMax = glm::vec3(-1e30f);
    std::vector<uint32_t> levelIndices[kLodLevels];
    for (uint32_t p : members) {
      GpuPrimitive& gp = gpu.primitives[firstPrimitive + p];
      const assets::Material& m = gp.material < model.materials.size() ? model.materials[gp.material] : defaultMaterial;
      const MaterialRole role = materialRoleForName(m.name);
      // Only the vertices its far levels use (with their LOD-only corners), in first-use order,
      // carrying the material.
      std::unordered_map<uint32_t, uint32_t> remap;  // the primitive's vertex -> the merged one
      for (uint32_t level = 0; level < kLodLevels; ++level) {
        const IndexRange r = gp.lod[level];
        const uint32_t* src = r.first < fullIndexCount ? full.data() + r.first : lodIndices.data() + (r.first - fullIndexCount);
        for (uint32_t k = 0; k < r.count; ++k) {
          auto [it, fresh] = remap.try_emplace(src[k], uint32_t(vertices.size()) - uint32_t(merged.vertexOffset));
          if (fresh) {
            assets::Vertex copy = vertices[size_t(gp.vertexOffset) + src[k]];
            copy.color = m.baseColorFactor;
            copy.uv0 = glm::vec2(m.metallicFactor, m.roughnessFactor);
            copy.tangent = glm::vec4(float(uint32_t(role)), 0.0f, 0.0f, 1.0f);
            vertices.push_back(copy);
          }
          levelIndices[level].push_back(it->second);
        }
        gp.lod[level] = {0, 0};  // far instances draw the merged primitive instead
      }
      gp.hasLod = true;
      merged.boundsMin = glm::min(merged.boundsMin, gp.boundsMin);
      merged.boundsMax = glm::max(merged.boundsMax, gp.boundsMax);
    }
    for (uint32_t level = 0; level < kLodLevels; ++level) {
      merged.lod[level] = {fullIndexCount + uint32_t(lodIndices.size()), uint32_t(levelIndices[level].size())};
      lodIndices.insert(lodIndices.end(), levelIndices[level].begin(), levelIndices[level].end());
    }
    const uint32_t representative = gpu.primitives[firstPrimitive + members.front()].material;
    merged.material = firstMergedMaterial + uint32_t(sourceMaterials.size());
    sourceMaterials.push_back(representative);
    gpu.primitives.push_back(merged);
    ++added;
  }
  return added;
}

}  // namespace cx::render
