#include "cx/render/facing.h"

#include <cmath>

namespace cx::render {

uint16_t axisMapOf(const glm::mat3& linear) {
  uint16_t axes = 0;
  uint32_t used = 0;
  for (int a = 0; a < 3; ++a) {
    const glm::vec3 c = linear[a];  // where mesh axis a goes
    int w = 0;
    for (int k = 1; k < 3; ++k)
      if (std::abs(c[k]) > std::abs(c[w])) w = k;
    // The other components must be negligible (glm::rotate by 90 degrees leaves ~4e-8): the
    // world bounds then contain the mapped mesh bounds with at most that much to spare, which
    // only ever makes a region more cautious ("within").
    const float main = std::abs(c[w]);
    if (!(main > 0.0f) || std::abs(c[(w + 1) % 3]) > 1e-6f * main || std::abs(c[(w + 2) % 3]) > 1e-6f * main ||
        (used & (1u << w)))
      return kGeneralAxes;
    used |= 1u << w;
    axes |= uint16_t((uint32_t(w) | (c[w] < 0.0f ? 4u : 0u)) << (3 * a));
  }
  return axes;
}

size_t appendFacingTriangles(std::span<const uint32_t> tris, std::span<const assets::Vertex> vertices, uint32_t region,
                             std::vector<uint32_t>& out) {
  // Per axis, the sign of (eye - p) for every point p of the bounds: -1 below, 0 unknown, +1 above.
  int sign[3];
  for (int a = 0, r = int(region); a < 3; ++a, r /= 3) sign[a] = r % 3 - 1;
  const size_t before = out.size();
  for (size_t t = 0; t + 2 < tris.size(); t += 3) {
    const glm::vec3 p0 = vertices[tris[t]].position, p1 = vertices[tris[t + 1]].position,
                    p2 = vertices[tris[t + 2]].position;
    const glm::vec3 n = glm::cross(p1 - p0, p2 - p0);  // towards the front side
    // dot(n, eye - p) < 0 for every such eye: each term is <= 0 and one is < 0.
    bool away = false, unknown = false;
    for (int a = 0; a < 3; ++a) {
      if (n[a] == 0.0f) continue;
      if (sign[a] == 0 || n[a] * float(sign[a]) > 0.0f) {
        unknown = true;
        break;
      }
      away = true;
    }
    if (unknown || !away) out.insert(out.end(), tris.begin() + ptrdiff_t(t), tris.begin() + ptrdiff_t(t) + 3);
  }
  return out.size() - before;
}

}  // namespace cx::render
