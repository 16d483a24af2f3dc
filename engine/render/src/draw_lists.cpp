#include "draw_lists.h"

#include <algorithm>
#include <cmath>

#include "cx/render/culling.h"

namespace cx::render {
namespace {

struct ViewCull {
  Frustum frustum[2];
  uint32_t count = 1;
  glm::vec3 eye{0.0f};

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
  float distance(const glm::vec3& bmin, const glm::vec3& bmax) const {
    return glm::length(glm::clamp(eye, bmin, bmax) - eye);
  }
};

struct ClusterRef {
  uint32_t cluster;
  float distance;
  bool inside;
};

}  // namespace

void buildDrawLists(const GpuScene& scene, std::span<const View> views, uint32_t targetHeight, float lodPixelError,
                    float signDetailPx, DrawLists& out) {
  out.clear();
  ViewCull vc;
  vc.count = uint32_t(std::min<size_t>(views.size(), 2));
  for (uint32_t v = 0; v < vc.count; ++v) vc.frustum[v] = frustumFromViewProj(views[v].projection * views[v].view);
  vc.eye = views[0].eye;
  const float focalPx = std::abs(views[0].projection[1][1]) * float(targetHeight) * 0.5f;  // y may be flipped
  // Beyond error * lodScale metres, an instance's LOD deviates by less than lodPixelError pixels.
  const bool lodOn = lodPixelError > 0.0f;
  const float lodScale = lodOn ? focalPx / lodPixelError : 0.0f;

  std::vector<ClusterRef> refs;
  std::vector<uint32_t>& far = out.scratch;
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
    far.clear();
    const bool hasLod = lodOn && g.maxLodError > 0.0f;
    for (const ClusterRef& ref : refs) {
      const CullCluster& cl = scene.clusters[ref.cluster];
      // Every instance of a cluster this far takes the LOD, whatever its own error.
      const bool allFar = hasLod && ref.distance > g.maxLodError * lodScale;
      for (uint32_t i = cl.first; i < cl.first + cl.count; ++i) {
        if (!ref.inside && !vc.visible(scene.instanceMin[i], scene.instanceMax[i])) {
          ++out.instancesCulled;
          continue;
        }
        const bool useLod = allFar || (hasLod && scene.instanceLodError[i] > 0.0f &&
                                       vc.distance(scene.instanceMin[i], scene.instanceMax[i]) >
                                           scene.instanceLodError[i] * lodScale);
        if (useLod) {
          far.push_back(i);
        } else {
          out.visible.push_back(i);
        }
      }
    }
    const uint32_t nearCount = uint32_t(out.visible.size()) - first;
    out.visible.insert(out.visible.end(), far.begin(), far.end());
    out.instancesFar += uint32_t(far.size());
    const uint32_t count = uint32_t(out.visible.size()) - first;
    if (count == 0) continue;
    out.instancesDrawn += count;
    const GpuMesh& mesh = g.model->meshes[g.mesh];
    bool anyBlend = false;
    for (uint32_t p = 0; p < mesh.primitiveCount; ++p) {
      const uint32_t prim = mesh.firstPrimitive + p;
      const GpuMaterial& mat = g.model->materials[g.model->primitives[prim].material];
      if (mat.alphaMode == assets::AlphaMode::Blend) {
        anyBlend = true;
        continue;
      }
      out.opaque.push_back({g.model, prim, first, count, nearCount, g.mirrored, g.large, refs.front().distance});
    }
    if (anyBlend) {
      // Blended: this group's visible instances again, farthest first.
      blendOrder.clear();
      for (uint32_t k = first; k < first + count; ++k) {
        const uint32_t i = out.visible[k];
        blendOrder.push_back({glm::length((scene.instanceMin[i] + scene.instanceMax[i]) * 0.5f - vc.eye), i});
      }
      std::sort(blendOrder.begin(), blendOrder.end(), [](auto& a, auto& b) { return a.first > b.first; });
      const uint32_t bfirst = uint32_t(out.visible.size());
      for (auto& [d, i] : blendOrder) out.visible.push_back(i);
      for (uint32_t p = 0; p < mesh.primitiveCount; ++p) {
        const uint32_t prim = mesh.firstPrimitive + p;
        const GpuMaterial& mat = g.model->materials[g.model->primitives[prim].material];
        if (mat.alphaMode == assets::AlphaMode::Blend)
          out.blended.push_back({g.model, prim, bfirst, count, count, g.mirrored, g.large, blendOrder.front().first});
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
      const float pxPerMetre = focalPx / std::max(0.1f, glm::length(center - vc.eye));
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
