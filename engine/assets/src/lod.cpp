#include "cx/assets/lod.h"

#include <meshoptimizer.h>

#include <algorithm>

#include <glm/glm.hpp>

namespace cx::assets {
namespace {
constexpr size_t kMinLodIndices = 36;  // 12 triangles: one box
constexpr float kNormalMatch = 0.9f;     // cosine: a corner normal within about 25 degrees of its face
}  // namespace

PrimitiveLod buildPrimitiveLod(const Primitive& primitive, float targetRatio, float maxError) {
  PrimitiveLod lod;
  const auto& v = primitive.vertices;
  const auto& in = primitive.indices;
  lod.indices = in;
  // A single box or less keeps its shape: flattening a slab by its thickness is within the error
  // bound, but it sinks a booth floor into the hall floor and changes the colour of the area.
  if (in.size() <= kMinLodIndices || v.empty() || !(maxError > 0.0f)) return lod;
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
  const size_t target = std::max<size_t>(3, size_t(double(in.size()) * targetRatio) / 3 * 3);
  std::vector<uint32_t> out(in.size());
  float relativeError = 0.0f;
  size_t count = meshopt_simplify(out.data(), welded.data(), welded.size(), &positions[0].x, unique,
                                  sizeof(glm::vec3), target, maxError / scale, 0, &relativeError);
  if (count * 5 > in.size() * 4) return lod;  // less than a fifth saved: not worth a second range
  out.resize(count);

  // Each corner of each new face takes, among the vertices at its position, the one whose normal
  // is closest to the face's, so flat-shaded parts keep their shading and attributes.
  lod.indices.clear();
  lod.indices.reserve(count);
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
  lod.error = std::max(relativeError * scale, 1e-6f);
  return lod;
}

}  // namespace cx::assets
