// bakeKey: a 64-bit FNV-1a hash over everything a bake's output depends on.
#include <fmt/format.h>

#include <cstring>
#include <map>

#include "cx/bake/bake.h"

namespace cx::bake {
namespace {

struct Hasher {
  uint64_t h = 0xcbf29ce484222325ull;
  void bytes(const void* data, size_t n) {
    const auto* p = static_cast<const uint8_t*>(data);
    for (size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 0x100000001b3ull;
  }
  template <class T>
  void value(const T& v) {
    bytes(&v, sizeof(T));
  }
  void text(const std::string& s) {
    value(uint64_t(s.size()));
    bytes(s.data(), s.size());
  }
};

void hashTexture(Hasher& h, const assets::TextureRef& t) {
  h.value(t.image);
  h.value(t.sampler);
  h.value(t.texCoord);
  h.value(t.transform.offset);
  h.value(t.transform.rotation);
  h.value(t.transform.scale);
}

// The model's content (not its name, warnings or extras: a baked copy of a model keeps its key).
void hashModel(Hasher& h, const assets::Model& m) {
  h.value(uint64_t(m.meshes.size()));
  for (const assets::Mesh& mesh : m.meshes) {
    h.value(uint64_t(mesh.primitives.size()));
    for (const assets::Primitive& p : mesh.primitives) {
      h.value(p.material);
      h.value(uint64_t(p.vertices.size()));
      for (const assets::Vertex& v : p.vertices) {
        h.value(v.position);
        h.value(v.normal);
        h.value(v.tangent);
        h.value(v.uv0);
        h.value(v.color);
        h.value(v.uv1);
      }
      h.value(p.hasUv1);
      h.value(uint64_t(p.indices.size()));
      h.bytes(p.indices.data(), p.indices.size() * sizeof(uint32_t));
    }
  }
  h.value(uint64_t(m.materials.size()));
  for (const assets::Material& mat : m.materials) {
    h.text(mat.name);
    h.value(mat.baseColorFactor);
    h.value(mat.metallicFactor);
    h.value(mat.roughnessFactor);
    h.value(mat.emissiveFactor);
    h.value(mat.emissiveStrength);
    h.value(mat.occlusionStrength);
    h.value(mat.alphaMode);
    h.value(mat.doubleSided);
    h.value(mat.unlit);
    for (const assets::TextureRef* t : {&mat.baseColorTexture, &mat.metallicRoughnessTexture, &mat.normalTexture,
                                        &mat.occlusionTexture, &mat.emissiveTexture})
      hashTexture(h, *t);
  }
  h.value(uint64_t(m.images.size()));
  for (const assets::Image& img : m.images) {
    h.value(img.width);
    h.value(img.height);
    h.value(img.colorSpace);
    h.bytes(img.rgba8.data(), img.rgba8.size());
  }
  h.value(uint64_t(m.instances.size()));
  for (const assets::MeshInstance& i : m.instances) {
    h.value(i.mesh);
    h.value(i.world);
  }
  h.value(uint64_t(m.lights.size()));
  for (const assets::Light& l : m.lights) {
    h.value(l.type);
    h.value(l.color);
    h.value(l.intensity);
    h.value(l.range);
    h.value(l.innerConeAngle);
    h.value(l.outerConeAngle);
  }
  h.value(uint64_t(m.lightInstances.size()));
  for (const assets::LightInstance& i : m.lightInstances) {
    h.value(i.light);
    h.value(i.world);
  }
}

// What an occluder is to the rays (ray_scene.cpp): where its surfaces are and what they reflect
// and emit, so a baked and an unbaked copy of a model occlude alike.
void hashOccluder(Hasher& h, const assets::Model& m) {
  for (const assets::MeshInstance& inst : m.instances) {
    if (inst.mesh >= m.meshes.size()) continue;
    h.value(inst.world);
    for (const assets::Primitive& p : m.meshes[inst.mesh].primitives) {
      h.value(p.material);
      if (p.material >= 0 && size_t(p.material) < m.materials.size()) {
        const assets::Material& mat = m.materials[size_t(p.material)];
        h.value(mat.baseColorFactor);
        h.value(mat.metallicFactor);
        h.value(mat.emissiveFactor);
        h.value(mat.emissiveStrength);
        h.value(mat.alphaMode);
        h.value(mat.doubleSided);
        for (const assets::TextureRef* t : {&mat.baseColorTexture, &mat.emissiveTexture})
          if (t->image >= 0 && size_t(t->image) < m.images.size())
            h.bytes(m.images[size_t(t->image)].rgba8.data(), m.images[size_t(t->image)].rgba8.size());
      }
      // Triangles by corner position: the same surfaces hash alike however their vertices are split.
      for (uint32_t i : p.indices)
        if (i < p.vertices.size()) h.value(p.vertices[i].position);
    }
  }
  for (const assets::LightInstance& i : m.lightInstances) {
    h.value(i.world);
    if (i.light < m.lights.size()) {
      h.value(m.lights[i.light].type);
      h.value(m.lights[i.light].color);
      h.value(m.lights[i.light].intensity);
      h.value(m.lights[i.light].range);
    }
  }
}

}  // namespace

std::string bakeKey(const assets::Model& model, std::span<const Occluder> occluders, const BakeSettings& s) {
  Hasher h;
  h.value(kBakeVersion);
  h.value(s.samplesPerTexel);
  h.value(s.texelsPerSquareMetre);
  h.value(s.maxTexels);
  h.value(s.maxAtlasSide);
  h.value(s.seed);
  h.value(s.bounces);
  h.value(s.lightSamples);
  h.value(s.vertexAo);
  h.value(s.skyRadiance);
  h.value(s.groundRadiance);
  h.value(s.environmentScale);
  h.value(s.uniformShare);
  h.value(s.uniformLevel);
  hashModel(h, model);
  // Occluders: each distinct model once (by its content), then the placements.
  std::map<const assets::Model*, uint64_t> modelHash;
  h.value(uint64_t(occluders.size()));
  for (const Occluder& o : occluders) {
    auto [it, fresh] = modelHash.try_emplace(o.model, 0);
    if (fresh && o.model) {
      Hasher mh;
      hashOccluder(mh, *o.model);
      it->second = mh.h;
    }
    h.value(it->second);
    h.value(o.transform);
  }
  return fmt::format("{:016x}", h.h);
}

std::string storedBakeKey(const assets::Model& model) {
  for (const auto& [key, value] : model.assetExtras)
    if (key == kBakeKeyExtra) return value;
  return {};
}

}  // namespace cx::bake
