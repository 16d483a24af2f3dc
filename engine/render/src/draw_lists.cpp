#include "draw_lists.h"

#include <algorithm>
#include <cmath>

#include "cx/render/culling.h"
#include "cx/render/facing.h"

namespace cx::render {
namespace {

struct ViewCull {
  Frustum frustum[2];
  uint32_t count = 1;
  glm::vec3 eyes[2];  // eyes[0] measures distances (LOD, sorting, sign sizes)

  Containment classify(const glm::vec3& bmin, const glm::vec3& bmax) const {
    Containment best = Containment::Outside;
    for (uint32_t v = 0; v < count; ++v) {
      Containment c = classifyAabb(frustum[v], bmin, bmax);
      if (c == Containment::Inside) return c;
      if (c == Containment::Intersects) best = c;
    }
    return best;
  }
  bool visible(const glm::vec3& bmin, const glm::vec3& bmax) const {
    for (uint32_t v = 0; v < count; ++v)
      if (aabbInFrustum(frustum[v], bmin, bmax)) return true;
    return false;
  }
  // eyeDigits of every eye; where they disagree, "within".
  glm::uvec3 digits(const glm::vec3& bmin, const glm::vec3& bmax) const {
    glm::uvec3 d = eyeDigits(eyes[0], bmin, bmax);
    for (uint32_t v = 1; v < count; ++v) {
      const glm::uvec3 e = eyeDigits(eyes[v], bmin, bmax);
      for (int a = 0; a < 3; ++a)
        if (e[a] != d[a]) d[a] = 1u;
    }
    return d;
  }
  float distance(const glm::vec3& bmin, const glm::vec3& bmax) const {
    return glm::length(glm::clamp(eyes[0], bmin, bmax) - eyes[0]);
  }
};

struct ClusterRef {
  uint32_t cluster;
  float distance;
  bool inside;
};

}  // namespace

void buildDrawLists(const GpuScene& scene, std::span<const View> views, const DrawListDesc& desc, DrawLists& out) {
  const float lodPixelError = desc.lodPixelError, signDetailPx = desc.signDetailPx;
  out.clear();
  ViewCull vc;
  vc.count = uint32_t(std::min<size_t>(views.size(), 2));
  for (uint32_t v = 0; v < vc.count; ++v) vc.frustum[v] = frustumFromViewProj(views[v].projection * views[v].view);
  for (uint32_t v = 0; v < vc.count; ++v) vc.eyes[v] = views[v].eye;
  const float focalPx = std::abs(views[0].projection[1][1]) * float(desc.targetHeight) * 0.5f;  // y may be flipped
  // Beyond error * lodScale metres, an instance's LOD deviates by less than lodPixelError pixels.
  const bool lodOn = lodPixelError > 0.0f;
  const float lodScale = lodOn ? focalPx / lodPixelError : 0.0f;

  std::vector<ClusterRef> refs;
  std::vector<std::pair<float, uint32_t>> blendOrder;
  for (const InstanceGroup& g : scene.groups) {
    refs.clear();
    for (uint32_t c = g.firstCluster; c < g.firstCluster + g.clusterCount; ++c) {
      const CullCluster& cl = scene.clusters[c];
      Containment k = vc.classify(cl.boundsMin, cl.boundsMax);
      if (k == Containment::Outside) {
        out.instancesCulled += cl.count;
        continue;
      }
      refs.push_back({c, vc.distance(cl.boundsMin, cl.boundsMax), k == Containment::Inside});
    }
    if (refs.empty()) continue;
    // Front to back, so that near booths fill the depth buffer before far ones are shaded.
    std::sort(refs.begin(), refs.end(), [](const ClusterRef& a, const ClusterRef& b) { return a.distance < b.distance; });
    const uint32_t first = uint32_t(out.visible.size());
    // The level of detail (0: full) whose deviation `errors` stays under the pixel bound at
    // `distance`: the coarsest such one.
    auto levelAt = [&](const LodErrors& errors, float distance) {
      uint32_t level = 0;
      if (lodOn)
        for (uint32_t k = 0; k < kLodLevels; ++k)
          if (errors[k] > 0.0f && distance > errors[k] * lodScale) level = k + 1;
      return level;
    };
    // Each visible instance gets a key, level * kEyeRegions + the eye's region around its mesh
    // (facing.h; kEyeInside where the group has no facing lists), and is sorted by it below.
    std::vector<std::pair<uint32_t, uint32_t>>& keyed = out.scratch;
    keyed.clear();
    for (const ClusterRef& ref : refs) {
      const CullCluster& cl = scene.clusters[ref.cluster];
      // Every instance of a cluster this far takes at least this level, whatever its own errors.
      const uint32_t clusterLevel = levelAt(g.maxLodError, ref.distance);
      // Where the eyes are beyond the cluster's bounds on every axis, so they are beyond each
      // instance's: the world-axis digits of the eye region, for all its axis-mapped instances.
      const bool regions = g.facing && desc.eyeRegions;
      const glm::uvec3 clusterDigits = regions ? vc.digits(cl.boundsMin, cl.boundsMax) : glm::uvec3(1u);
      const bool clusterDecided = glm::all(glm::notEqual(clusterDigits, glm::uvec3(1u)));
      for (uint32_t i = cl.first; i < cl.first + cl.count; ++i) {
        if (!ref.inside && !vc.visible(scene.instanceMin[i], scene.instanceMax[i])) {
          ++out.instancesCulled;
          continue;
        }
        uint32_t level = clusterLevel;
        if (level < kLodLevels)
          level = std::max(level, levelAt(scene.instanceLodError[i],
                                          vc.distance(scene.instanceMin[i], scene.instanceMax[i])));
        uint32_t region = kEyeInside;
        if (regions) {
          const uint16_t axes = scene.instanceAxes[i];
          if (axes != kGeneralAxes) {
            region = regionFromWorldDigits(
                clusterDecided ? clusterDigits : vc.digits(scene.instanceMin[i], scene.instanceMax[i]), axes);
          } else {
            const glm::mat4x3& toMesh = scene.instanceToMesh[i];
            region = eyeRegion(toMesh * glm::vec4(vc.eyes[0], 1.0f), g.meshMin, g.meshMax);
            for (uint32_t v = 1; v < vc.count; ++v)
              region = mergeEyeRegions(region, eyeRegion(toMesh * glm::vec4(vc.eyes[v], 1.0f), g.meshMin, g.meshMax));
          }
        }
        keyed.push_back({level * kEyeRegions + region, i});
      }
    }
    const uint32_t count = uint32_t(keyed.size());
    if (count == 0) continue;
    // Counting sort by key (stable: front to back within each run).
    uint32_t keyCount[kDrawKeys] = {};
    for (const auto& [key, i] : keyed) ++keyCount[key];
    DrawItem item{};
    item.firstRun = uint32_t(out.runs.size());
    uint32_t keyStart[kDrawKeys];
    for (uint32_t key = 0, at = first; key < kDrawKeys; ++key) {
      keyStart[key] = at;
      at += keyCount[key];
      if (keyCount[key] == 0) continue;
      out.runs.push_back({key, keyCount[key]});
      if (key >= kEyeRegions) out.instancesFar += keyCount[key];
      if (key >= kLodLevels * kEyeRegions) out.instancesCoarsest += keyCount[key];
    }
    item.runCount = uint32_t(out.runs.size()) - item.firstRun;
    out.visible.resize(first + count);
    for (const auto& [key, i] : keyed) out.visible[keyStart[key]++] = i;
    out.instancesDrawn += count;
    item.firstVisible = first;
    item.count = count;
    item.mirrored = g.mirrored;
    item.large = g.large;
    item.distance = refs.front().distance;
    const GpuMesh& mesh = g.model->meshes[g.mesh];
    bool anyBlend = false;
    for (uint32_t p = 0; p < mesh.primitiveCount; ++p) {
      const uint32_t prim = mesh.firstPrimitive + p;
      const GpuMaterial& mat = g.model->materials[g.model->primitives[prim].material];
      if (mat.alphaMode == assets::AlphaMode::Blend) {
        anyBlend = true;
        continue;
      }
      item.model = g.model;
      item.primitive = prim;
      out.opaque.push_back(item);
    }
    if (anyBlend) {
      // Blended: this group's visible instances again, farthest first.
      blendOrder.clear();
      for (uint32_t k = first; k < first + count; ++k) {
        const uint32_t i = out.visible[k];
        blendOrder.push_back({glm::length((scene.instanceMin[i] + scene.instanceMax[i]) * 0.5f - vc.eyes[0]), i});
      }
      std::sort(blendOrder.begin(), blendOrder.end(), [](auto& a, auto& b) { return a.first > b.first; });
      const uint32_t bfirst = uint32_t(out.visible.size());
      for (auto& [d, i] : blendOrder) out.visible.push_back(i);
      for (uint32_t p = 0; p < mesh.primitiveCount; ++p) {
        const uint32_t prim = mesh.firstPrimitive + p;
        const GpuMaterial& mat = g.model->materials[g.model->primitives[prim].material];
        if (mat.alphaMode == assets::AlphaMode::Blend) {
          DrawItem b{g.model, prim, bfirst, count, 0, 0, g.mirrored, g.large, blendOrder.front().first};
          out.blended.push_back(b);
        }
      }
    }
  }
  // Buildings after booths; then by pipeline variant (alpha mask, texture slots: the shader the
  // renderer binds), front to back within each (early-Z); a group's primitives stay together.
  auto variant = [](const DrawItem& d) {
    const GpuMaterial& m = d.model->materials[d.model->primitives[d.primitive].material];
    return (m.alphaMode == assets::AlphaMode::Mask ? 1u << 8 : 0u) | m.textureMask;
  };
  std::stable_sort(out.opaque.begin(), out.opaque.end(), [&](const DrawItem& a, const DrawItem& b) {
    if (a.large != b.large) return !a.large;
    const uint32_t va = variant(a), vb = variant(b);
    if (va != vb) return va < vb;
    return a.distance < b.distance;
  });
  std::stable_sort(out.blended.begin(), out.blended.end(),
                   [](const DrawItem& a, const DrawItem& b) { return a.distance > b.distance; });

  // Signage: visible, facing the eye, and at least about a pixel tall.
  out.firstGlyph = uint32_t(out.visible.size());
  for (const CullCluster& cl : scene.signClusters) {
    Containment k = vc.classify(cl.boundsMin, cl.boundsMax);
    if (k == Containment::Outside) continue;
    for (uint32_t s = cl.first; s < cl.first + cl.count; ++s) {
      if (k != Containment::Inside && !vc.visible(scene.signMin[s], scene.signMax[s])) continue;
      const glm::vec3 center = (scene.signMin[s] + scene.signMax[s]) * 0.5f;
      const float pxPerMetre = focalPx / std::max(0.1f, glm::length(center - vc.eyes[0]));
      if (scene.signHeight[s] * pxPerMetre < 1.0f) continue;
      const bool far = scene.signTextHeight[s] * pxPerMetre < signDetailPx;
      const uint32_t first = far ? scene.signFirstFar[s] : scene.signFirstGlyph[s];
      const uint32_t count = far ? scene.signFarCount[s] : scene.signGlyphCount[s];
      for (uint32_t gI = first; gI < first + count; ++gI) out.visible.push_back(gI);
      out.signsFar += far;
    }
  }
  out.glyphCount = uint32_t(out.visible.size()) - out.firstGlyph;
}

}  // namespace cx::render
