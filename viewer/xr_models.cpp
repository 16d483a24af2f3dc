#include "xr_models.h"

#include <glm/gtc/matrix_transform.hpp>

#include "cx/assets/geometry.h"

namespace cx::viewer {
namespace {

// A box spanning the segment a -> b with a square cross-section of `width`.
glm::mat4 segmentBox(glm::vec3 a, glm::vec3 b, float width) {
  glm::vec3 d = b - a;
  const float len = glm::length(d);
  if (len < 1e-6f) return glm::scale(glm::translate(glm::mat4(1.0f), a), glm::vec3(width));
  d /= len;
  glm::vec3 up = std::abs(d.y) > 0.99f ? glm::vec3(1, 0, 0) : glm::vec3(0, 1, 0);
  glm::vec3 x = glm::normalize(glm::cross(up, d));
  glm::vec3 y = glm::cross(d, x);
  glm::mat4 m(1.0f);
  m[0] = glm::vec4(x * width, 0.0f);
  m[1] = glm::vec4(y * width, 0.0f);
  m[2] = glm::vec4(d * len, 0.0f);
  m[3] = glm::vec4((a + b) * 0.5f, 1.0f);
  return m;
}

}  // namespace

assets::Model makeUnitBoxModel() {
  assets::Primitive p;
  const glm::vec3 n[6] = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
  for (const glm::vec3& normal : n) {
    // Two axes spanning the face, chosen so that (u x v) = normal (counter-clockwise outside).
    glm::vec3 u = std::abs(normal.y) > 0.5f ? glm::vec3(1, 0, 0) : glm::vec3(0, 1, 0);
    glm::vec3 v = glm::cross(normal, u);
    const uint32_t base = uint32_t(p.vertices.size());
    const glm::vec2 corners[4] = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
    for (glm::vec2 c : corners) {
      assets::Vertex vx;
      vx.position = 0.5f * (normal + c.x * u + c.y * v);
      vx.normal = normal;
      vx.uv0 = c * 0.5f + 0.5f;
      p.vertices.push_back(vx);
    }
    // (u x v) == normal gives counter-clockwise order; otherwise flip.
    if (glm::dot(glm::cross(u, v), normal) > 0.0f) {
      for (uint32_t i : {0u, 1u, 2u, 0u, 2u, 3u}) p.indices.push_back(base + i);
    } else {
      for (uint32_t i : {0u, 2u, 1u, 0u, 3u, 2u}) p.indices.push_back(base + i);
    }
  }
  p.material = 0;
  assets::generateTangents(p);
  assets::computePrimitiveBounds(p);
  assets::Model m;
  m.name = "xr-box";
  assets::Material mat;
  mat.name = "xr-unlit";
  mat.metallicFactor = 0.0f;
  mat.roughnessFactor = 0.6f;
  mat.unlit = true;
  m.materials.push_back(mat);
  assets::Mesh mesh;
  mesh.name = "box";
  mesh.primitives.push_back(std::move(p));
  m.meshes.push_back(std::move(mesh));
  m.instances.push_back({0, glm::mat4(1.0f)});
  m.boundsMin = glm::vec3(-0.5f);
  m.boundsMax = glm::vec3(0.5f);
  return m;
}

void appendXrInstances(const render::GpuModel& box, const std::vector<XrHandDraw>& hands, const nav::TeleportArc* arc,
                       std::vector<render::DrawInstance>& out) {
  for (const auto& h : hands) {
    if (!h.visible) continue;
    // A controller body: 4 x 4 x 12 cm along the grip's -Z.
    glm::mat4 body = glm::translate(h.grip, glm::vec3(0.0f, 0.0f, 0.03f)) *
                     glm::scale(glm::mat4(1.0f), glm::vec3(0.04f, 0.04f, 0.12f));
    out.push_back({&box, body, glm::vec4(0.15f, 0.16f, 0.18f, 1.0f)});
    if (h.rayLength > 0.0f) {
      const glm::vec4 colour = h.rayHighlighted ? glm::vec4(1.0f, 0.8f, 0.2f, 1.0f) : glm::vec4(0.8f, 0.9f, 1.0f, 1.0f);
      out.push_back({&box, segmentBox(h.rayOrigin, h.rayOrigin + h.rayDirection * h.rayLength, 0.004f), colour});
    }
  }
  if (arc && arc->points.size() >= 2) {
    const glm::vec4 colour = arc->valid ? glm::vec4(0.2f, 0.9f, 1.0f, 1.0f) : glm::vec4(1.0f, 0.25f, 0.2f, 1.0f);
    for (size_t i = 1; i < arc->points.size(); ++i) {
      out.push_back({&box, segmentBox(arc->points[i - 1], arc->points[i], 0.015f), colour});
    }
    if (arc->hit) {
      glm::mat4 marker = glm::translate(glm::mat4(1.0f), *arc->hit + glm::vec3(0.0f, 0.01f, 0.0f)) *
                         glm::scale(glm::mat4(1.0f), glm::vec3(0.6f, 0.02f, 0.6f));
      out.push_back({&box, marker, colour});
    }
  }
}

}  // namespace cx::viewer
