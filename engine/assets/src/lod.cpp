#include "cx/assets/lod.h"

#include <meshoptimizer.h>

#include <algorithm>
#include <unordered_map>

#include <glm/glm.hpp>

namespace cx::assets {
namespace {
constexpr size_t kMinLodIndices = 36;  // 12 triangles: one box
constexpr float kNormalMatch = 0.9f;     // cosine: a corner normal within about 25 degrees of its face
constexpr float kCreaseCos = 0.5f;       // neighbours at 60 degrees or more meet at a crease

// Removes the triangles of thin strips: the sides of slabs, boards and poles. A triangle goes when
// it is at most `maxThin` across (twice its area over its longest edge) and one of its long edges
// is a crease (a box's edge), not the seam to the next strip of a smooth curved surface, whose
// removal would open a hole wider than the strip. Returns the widest strip removed: where that
// is under a pixel, so is the gap it leaves. `tris` holds welded position ids.
float dropThinStrips(std::vector<uint32_t>& tris, const std::vector<glm::vec3>& p, float maxThin) {
  const size_t n = tris.size() / 3;
  std::vector<glm::vec3> normals(n, glm::vec3(0.0f));
  std::unordered_map<uint64_t, std::vector<uint32_t>> faces;  // edge (low id, high id) -> triangles
  auto edgeKey = [](uint32_t a, uint32_t b) { return (uint64_t(std::min(a, b)) << 32) | std::max(a, b); };
  for (size_t t = 0; t < n; ++t) {
    const uint32_t* c = &tris[t * 3];
    const glm::vec3 cr = glm::cross(p[c[1]] - p[c[0]], p[c[2]] - p[c[0]]);
    if (glm::dot(cr, cr) > 0.0f) normals[t] = glm::normalize(cr);
    for (int k = 0; k < 3; ++k) faces[edgeKey(c[k], c[(k + 1) % 3])].push_back(uint32_t(t));
  }
  std::vector<uint32_t> kept;
  kept.reserve(tris.size());
  float widest = 0.0f;
  for (size_t t = 0; t < n; ++t) {
    const uint32_t* c = &tris[t * 3];
    float len[3], longest = 0.0f;
    for (int k = 0; k < 3; ++k) longest = std::max(longest, len[k] = glm::length(p[c[(k + 1) % 3]] - p[c[k]]));
    const float across = longest > 0.0f ? glm::length(glm::cross(p[c[1]] - p[c[0]], p[c[2]] - p[c[0]])) / longest : 0.0f;
    bool crease = false;
    if (across <= maxThin && across > 0.0f) {
      for (int k = 0; k < 3 && !crease; ++k) {
        if (len[k] < 0.5f * longest) continue;  // the strip's short ends
        for (uint32_t u : faces[edgeKey(c[k], c[(k + 1) % 3])])
          if (u != t && glm::dot(normals[t], normals[u]) < kCreaseCos) crease = true;
      }
    }
    if (crease) {
      widest = std::max(widest, across);
    } else {
      kept.insert(kept.end(), c, c + 3);
    }
  }
  tris.swap(kept);
  return widest;
}
}  // namespace

PrimitiveLod buildPrimitiveLod(const Primitive& primitive, float targetRatio, float maxError, float maxStripWidth) {
  PrimitiveLod lod;
  const auto& v = primitive.vertices;
  const auto& in = primitive.indices;
  lod.indices = in;
  if (in.size() < 3 || v.empty() || !(maxError > 0.0f)) return lod;
  // Positions only: one entry per distinct position, so that corners which differ only in their
  // normal or UV (flat shading, UV seams) are one vertex to the simplifier. Duplicates left in
  // the array would make it treat every such corner as a seam and lock it.
  std::vector<uint32_t> remap(v.size());
  const meshopt_Stream positionStream{&v[0].position, sizeof(glm::vec3), sizeof(Vertex)};
  const size_t unique =
      meshopt_generateVertexRemapMulti(remap.data(), in.data(), in.size(), v.size(), &positionStream, 1);
  std::vector<glm::vec3> positions(unique);
  std::vector<std::vector<uint32_t>> atPosition(unique);  // the original vertices at each position
  for (uint32_t i : in) {
    const uint32_t p = remap[i];
    positions[p] = v[i].position;
    auto& list = atPosition[p];
    if (std::find(list.begin(), list.end(), i) == list.end()) list.push_back(i);
  }
  std::vector<uint32_t> welded(in.size());
  for (size_t k = 0; k < in.size(); ++k) welded[k] = remap[in[k]];

  const float scale = meshopt_simplifyScale(&positions[0].x, unique, sizeof(glm::vec3));
  if (!(scale > 0.0f)) return lod;
  std::vector<uint32_t> out = welded;
  float error = 0.0f;
  // A single box or less is not simplified: collapsing a slab by its thickness is within the error
  // bound, but it sinks a booth floor into the hall floor and changes the colour of the area. Its
  // thin sides may still go (dropThinStrips), which leaves the top where it was.
  if (in.size() > kMinLodIndices) {
    const size_t target = std::max<size_t>(3, size_t(double(in.size()) * targetRatio) / 3 * 3);
    float relativeError = 0.0f;
    const size_t count = meshopt_simplify(out.data(), welded.data(), welded.size(), &positions[0].x, unique,
                                          sizeof(glm::vec3), target, maxError / scale, 0, &relativeError);
    out.resize(count);
    error = relativeError * scale;
  }
  error = std::max(error, dropThinStrips(out, positions, std::min(maxError, maxStripWidth)));
  if (out.size() * 5 > in.size() * 4) return lod;  // less than a fifth saved: not worth a second range

  // Each corner of each new face takes, among the vertices at its position, the one whose normal
  // is closest to the face's, so flat-shaded parts keep their shading and attributes.
  lod.indices.clear();
  lod.indices.reserve(out.size());
  for (size_t t = 0; t + 2 < out.size(); t += 3) {
    const glm::vec3 a = positions[out[t]], b = positions[out[t + 1]], c = positions[out[t + 2]];
    const glm::vec3 n = glm::cross(b - a, c - a);
    if (glm::dot(n, n) <= 0.0f) continue;  // degenerate after the collapse
    const glm::vec3 faceNormal = glm::normalize(n);
    for (int k = 0; k < 3; ++k) {
      const auto& candidates = atPosition[out[t + size_t(k)]];
      uint32_t best = candidates.front();
      float bestDot = -2.0f;
      for (uint32_t candidate : candidates) {
        const float d = glm::dot(v[candidate].normal, faceNormal);
        if (d > bestDot) {
          bestDot = d;
          best = candidate;
        }
      }
      if (bestDot < kNormalMatch) {
        // None fits: the face would be lit as if it faced elsewhere. A copy with its own normal.
        Vertex copy = v[best];
        copy.normal = faceNormal;
        best = uint32_t(v.size() + lod.extraVertices.size());
        lod.extraVertices.push_back(copy);
      }
      lod.indices.push_back(best);
    }
  }
  lod.error = std::max(error, 1e-6f);
  return lod;
}

}  // namespace cx::assets
