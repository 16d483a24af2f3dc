#include "cx/assets/geometry.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "cx/assets/gltf.h"

namespace cx::assets {
namespace {

// Any unit vector orthogonal to `n` (n is assumed unit length or zero).
glm::vec3 anyOrthogonal(const glm::vec3& n) {
  glm::vec3 axis = std::abs(n.x) < 0.9f ? glm::vec3(1, 0, 0) : glm::vec3(0, 1, 0);
  glm::vec3 t = axis - n * glm::dot(n, axis);
  float len = glm::length(t);
  return len > 1e-6f ? t / len : glm::vec3(1, 0, 0);
}

glm::vec3 safeNormalize(const glm::vec3& v, const glm::vec3& fallback) {
  float len = glm::length(v);
  return (len > 1e-20f && std::isfinite(len)) ? v / len : fallback;
}

bool triangleInRange(const Primitive& p, size_t t) {
  size_t n = p.vertices.size();
  return p.indices[t] < n && p.indices[t + 1] < n && p.indices[t + 2] < n;
}

}  // namespace

void generateFlatNormals(Primitive& primitive) {
  std::vector<Vertex> vertices;
  const size_t triangles = primitive.indices.size() / 3;
  vertices.reserve(triangles * 3);
  for (size_t t = 0; t < triangles * 3; t += 3) {
    if (!triangleInRange(primitive, t)) continue;
    Vertex a = primitive.vertices[primitive.indices[t]];
    Vertex b = primitive.vertices[primitive.indices[t + 1]];
    Vertex c = primitive.vertices[primitive.indices[t + 2]];
    glm::vec3 n =
        safeNormalize(glm::cross(b.position - a.position, c.position - a.position), glm::vec3(0, 0, 1));
    a.normal = b.normal = c.normal = n;
    vertices.push_back(a);
    vertices.push_back(b);
    vertices.push_back(c);
  }
  primitive.vertices = std::move(vertices);
  primitive.indices.resize(primitive.vertices.size());
  for (size_t i = 0; i < primitive.indices.size(); ++i) primitive.indices[i] = uint32_t(i);
}

void generateSmoothNormals(Primitive& primitive) {
  std::vector<glm::vec3> sums(primitive.vertices.size(), glm::vec3(0.0f));
  for (size_t t = 0; t + 2 < primitive.indices.size(); t += 3) {
    if (!triangleInRange(primitive, t)) continue;
    uint32_t i0 = primitive.indices[t], i1 = primitive.indices[t + 1], i2 = primitive.indices[t + 2];
    const glm::vec3& p0 = primitive.vertices[i0].position;
    // The cross product's length is twice the area, which gives the area weighting for free.
    glm::vec3 n = glm::cross(primitive.vertices[i1].position - p0, primitive.vertices[i2].position - p0);
    sums[i0] += n;
    sums[i1] += n;
    sums[i2] += n;
  }
  for (size_t i = 0; i < sums.size(); ++i)
    primitive.vertices[i].normal = safeNormalize(sums[i], glm::vec3(0, 0, 1));
}

void generateTangents(Primitive& primitive) {
  const size_t count = primitive.vertices.size();
  std::vector<glm::vec3> tangents(count, glm::vec3(0.0f));
  std::vector<glm::vec3> bitangents(count, glm::vec3(0.0f));
  for (size_t t = 0; t + 2 < primitive.indices.size(); t += 3) {
    if (!triangleInRange(primitive, t)) continue;
    const uint32_t idx[3] = {primitive.indices[t], primitive.indices[t + 1], primitive.indices[t + 2]};
    const Vertex& v0 = primitive.vertices[idx[0]];
    const Vertex& v1 = primitive.vertices[idx[1]];
    const Vertex& v2 = primitive.vertices[idx[2]];
    glm::vec3 e1 = v1.position - v0.position, e2 = v2.position - v0.position;
    glm::vec2 d1 = v1.uv0 - v0.uv0, d2 = v2.uv0 - v0.uv0;
    float det = d1.x * d2.y - d2.x * d1.y;
    if (!std::isfinite(det) || std::abs(det) < 1e-12f) continue;  // no UV parameterisation here
    float r = 1.0f / det;
    glm::vec3 sdir = (e1 * d2.y - e2 * d1.y) * r;  // direction of increasing u
    glm::vec3 tdir = (e2 * d1.x - e1 * d2.x) * r;  // direction of increasing v
    if (!std::isfinite(sdir.x + sdir.y + sdir.z + tdir.x + tdir.y + tdir.z)) continue;
    for (uint32_t i : idx) {
      tangents[i] += sdir;
      bitangents[i] += tdir;
    }
  }
  for (size_t i = 0; i < count; ++i) {
    Vertex& v = primitive.vertices[i];
    glm::vec3 n = safeNormalize(v.normal, glm::vec3(0, 0, 1));
    glm::vec3 t = tangents[i] - n * glm::dot(n, tangents[i]);
    float len = glm::length(t);
    if (len > 1e-12f && std::isfinite(len)) {
      t /= len;
    } else {
      t = anyOrthogonal(n);
    }
    float w = glm::dot(glm::cross(n, t), bitangents[i]) < 0.0f ? -1.0f : 1.0f;
    v.tangent = glm::vec4(t, w);
  }
  primitive.hasTangents = true;
}

void computePrimitiveBounds(Primitive& primitive) {
  if (primitive.vertices.empty()) {
    primitive.boundsMin = primitive.boundsMax = glm::vec3(0.0f);
    return;
  }
  glm::vec3 lo(std::numeric_limits<float>::max()), hi(std::numeric_limits<float>::lowest());
  for (const Vertex& v : primitive.vertices) {
    lo = glm::min(lo, v.position);
    hi = glm::max(hi, v.position);
  }
  primitive.boundsMin = lo;
  primitive.boundsMax = hi;
}

void computeBounds(Model& model) {
  for (Mesh& mesh : model.meshes)
    for (Primitive& p : mesh.primitives) computePrimitiveBounds(p);

  glm::vec3 lo(std::numeric_limits<float>::max()), hi(std::numeric_limits<float>::lowest());
  bool any = false;
  for (const MeshInstance& instance : model.instances) {
    if (instance.mesh >= model.meshes.size()) continue;
    for (const Primitive& p : model.meshes[instance.mesh].primitives) {
      if (p.vertices.empty()) continue;
      // The 8 corners of the local box, transformed, bound the transformed geometry.
      for (int corner = 0; corner < 8; ++corner) {
        glm::vec3 local((corner & 1) ? p.boundsMax.x : p.boundsMin.x,
                        (corner & 2) ? p.boundsMax.y : p.boundsMin.y,
                        (corner & 4) ? p.boundsMax.z : p.boundsMin.z);
        glm::vec4 h = instance.world * glm::vec4(local, 1.0f);
        glm::vec3 world = std::abs(h.w) > 1e-20f ? glm::vec3(h) / h.w : glm::vec3(h);
        lo = glm::min(lo, world);
        hi = glm::max(hi, world);
        any = true;
      }
    }
  }
  model.boundsMin = any ? lo : glm::vec3(0.0f);
  model.boundsMax = any ? hi : glm::vec3(0.0f);
}

}  // namespace cx::assets
