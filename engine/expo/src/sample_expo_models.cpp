// Low-poly booth style and pavilion models of the sample expo, built from boxes and cylinders.
// Each style stays within a few hundred triangles so 1001 (or 100,000) instances render cheaply.
#include <algorithm>
#include <cmath>
#include <map>

#include <glm/gtc/matrix_transform.hpp>

#include "cx/assets/gltf.h"
#include "sample_expo_internal.h"

namespace cx::expo::sample {

namespace {

constexpr float kPi = 3.14159265358979323846f;

struct MaterialSpec {
  const char* name;
  glm::vec3 baseColor;
  float metallic;
  float roughness;
  glm::vec3 emissive{0.0f};
};

// Neutral colours: per-booth identity comes from the manifest's fascia colours.
constexpr MaterialSpec kMaterials[] = {
    {"cx_floor", {0.34f, 0.35f, 0.37f}, 0.0f, 0.9f},
    {"cx_wall", {0.90f, 0.90f, 0.88f}, 0.0f, 0.8f},
    {"cx_fascia", {0.95f, 0.95f, 0.95f}, 0.0f, 0.6f},
    {"cx_primary", {0.80f, 0.80f, 0.80f}, 0.0f, 0.5f},
    {"cx_secondary", {0.30f, 0.30f, 0.30f}, 0.0f, 0.5f},
    {"cx_metal", {0.75f, 0.76f, 0.78f}, 1.0f, 0.35f},
    {"cx_screen", {0.02f, 0.02f, 0.03f}, 0.0f, 0.2f, {0.35f, 0.45f, 0.60f}},
    {"cx_car", {0.70f, 0.72f, 0.75f}, 0.6f, 0.3f},
    {"cx_glass", {0.10f, 0.12f, 0.15f}, 0.0f, 0.1f},
    {"cx_tyre", {0.05f, 0.05f, 0.05f}, 0.0f, 0.9f},
    {"cx_hall_floor", {0.55f, 0.55f, 0.53f}, 0.0f, 0.85f},
    {"cx_hall_wall", {0.80f, 0.82f, 0.85f}, 0.0f, 0.7f},
    {"cx_hall_roof", {0.25f, 0.28f, 0.32f}, 0.5f, 0.5f},
};

// Collects geometry per material into one mesh with one primitive per material.
class MeshBuilder {
 public:
  explicit MeshBuilder(std::string name) { model_.name = std::move(name); }

  assets::Primitive& primitive(const std::string& material) {
    auto it = primitiveOf_.find(material);
    if (it != primitiveOf_.end()) return mesh_.primitives[it->second];
    const MaterialSpec* spec = nullptr;
    for (const MaterialSpec& m : kMaterials)
      if (material == m.name) spec = &m;
    assets::Material mat;
    mat.name = material;
    if (spec) {
      mat.baseColorFactor = glm::vec4(spec->baseColor, 1.0f);
      mat.metallicFactor = spec->metallic;
      mat.roughnessFactor = spec->roughness;
      mat.emissiveFactor = spec->emissive;
    }
    model_.materials.push_back(mat);
    assets::Primitive prim;
    prim.material = int(model_.materials.size()) - 1;
    prim.hasTangents = false;  // no normal maps: the writer leaves TANGENT out
    mesh_.primitives.push_back(std::move(prim));
    primitiveOf_.emplace(material, mesh_.primitives.size() - 1);
    return mesh_.primitives.back();
  }

  // One quad with outward normal n = cross(u, v); `hu`, `hv` are half sizes along u and v.
  void quad(assets::Primitive& p, glm::vec3 center, glm::vec3 u, glm::vec3 v, float hu, float hv) {
    glm::vec3 n = glm::normalize(glm::cross(u, v));
    uint32_t base = uint32_t(p.vertices.size());
    const float su[4] = {-1, 1, 1, -1};
    const float sv[4] = {-1, -1, 1, 1};
    for (int k = 0; k < 4; ++k) {
      assets::Vertex vert;
      vert.position = center + u * (su[k] * hu) + v * (sv[k] * hv);
      vert.normal = n;
      vert.tangent = glm::vec4(u, 1.0f);
      // Texture space in metres, v down as glTF wants.
      vert.uv0 = glm::vec2(su[k] * hu, -sv[k] * hv);
      p.vertices.push_back(vert);
    }
    for (uint32_t i : {0u, 1u, 2u, 0u, 2u, 3u}) p.indices.push_back(base + i);
  }

  // Axis-aligned box; `bottom` false leaves out the face towards -Y (it sits on something).
  void box(const std::string& material, glm::vec3 lo, glm::vec3 hi, bool bottom = false) {
    assets::Primitive& p = primitive(material);
    glm::vec3 c = (lo + hi) * 0.5f;
    glm::vec3 h = (hi - lo) * 0.5f;
    const glm::vec3 X{1, 0, 0}, Y{0, 1, 0}, Z{0, 0, 1};
    quad(p, c + glm::vec3(h.x, 0, 0), -Z, Y, h.z, h.y);
    quad(p, c - glm::vec3(h.x, 0, 0), Z, Y, h.z, h.y);
    quad(p, c + glm::vec3(0, 0, h.z), X, Y, h.x, h.y);
    quad(p, c - glm::vec3(0, 0, h.z), -X, Y, h.x, h.y);
    quad(p, c + glm::vec3(0, h.y, 0), X, -Z, h.x, h.z);
    if (bottom) quad(p, c - glm::vec3(0, h.y, 0), X, Z, h.x, h.z);
  }

  // A closed cylinder between centres a and b (axis along +Y, +X or +Z) with `segments` sides.
  void cylinder(const std::string& material, glm::vec3 base, glm::vec3 axis, float length, float radius,
                int segments, bool bottomCap) {
    assets::Primitive& p = primitive(material);
    // Orthonormal frame (e1, e2, axis), right-handed.
    glm::vec3 e1 = std::fabs(axis.y) > 0.5f ? glm::vec3(1, 0, 0) : glm::vec3(0, 1, 0);
    glm::vec3 e2 = glm::normalize(glm::cross(axis, e1));
    e1 = glm::cross(e2, axis);
    auto dir = [&](int k) {
      float a = 2.0f * kPi * float(k % segments) / float(segments);
      return e1 * std::cos(a) + e2 * std::sin(a);
    };
    glm::vec3 top = base + axis * length;
    // Sides: one quad per segment with smooth normals.
    for (int k = 0; k < segments; ++k) {
      uint32_t v0 = uint32_t(p.vertices.size());
      for (int s = 0; s < 2; ++s) {
        glm::vec3 d = dir(k + s);
        glm::vec3 tangent = glm::normalize(glm::cross(axis, d));
        for (int end = 0; end < 2; ++end) {
          assets::Vertex vert;
          vert.position = (end ? top : base) + d * radius;
          vert.normal = d;
          vert.tangent = glm::vec4(tangent, 1.0f);
          vert.uv0 = glm::vec2(float(k + s) / float(segments) * 2.0f * kPi * radius, end ? 0.0f : length);
          p.vertices.push_back(vert);
        }
      }
      // v0: base k, v0+1: top k, v0+2: base k+1, v0+3: top k+1; outward winding.
      for (uint32_t i : {0u, 2u, 3u, 0u, 3u, 1u}) p.indices.push_back(v0 + i);
    }
    auto cap = [&](glm::vec3 center, glm::vec3 normal) {
      uint32_t c = uint32_t(p.vertices.size());
      assets::Vertex mid;
      mid.position = center;
      mid.normal = normal;
      mid.tangent = glm::vec4(e1, 1.0f);
      p.vertices.push_back(mid);
      for (int k = 0; k < segments; ++k) {
        assets::Vertex vert = mid;
        glm::vec3 d = dir(k);
        vert.position = center + d * radius;
        vert.uv0 = glm::vec2(glm::dot(d, e1), glm::dot(d, e2)) * radius;
        p.vertices.push_back(vert);
      }
      bool up = glm::dot(normal, axis) > 0.0f;
      for (int k = 0; k < segments; ++k) {
        uint32_t a = c + 1 + uint32_t(k), b = c + 1 + uint32_t((k + 1) % segments);
        p.indices.push_back(c);
        p.indices.push_back(up ? a : b);
        p.indices.push_back(up ? b : a);
      }
    };
    cap(top, axis);
    if (bottomCap) cap(base, -axis);
  }

  assets::Model finish(const glm::mat4& world = glm::mat4(1.0f)) {
    mesh_.name = model_.name;
    model_.meshes.push_back(std::move(mesh_));
    model_.instances.push_back(assets::MeshInstance{0, world});
    assets::computeBounds(model_);
    return std::move(model_);
  }

 private:
  assets::Model model_;
  assets::Mesh mesh_;
  std::map<std::string, size_t> primitiveOf_;
};

using V = glm::vec3;

void buildShell(MeshBuilder& b) {
  b.box("cx_floor", V(-1.5f, 0, -1.5f), V(1.5f, 0.03f, 1.5f));
  b.box("cx_wall", V(-1.5f, 0.03f, -1.5f), V(1.5f, 2.5f, -1.45f));
  b.box("cx_wall", V(-1.5f, 0.03f, -1.45f), V(-1.45f, 2.5f, 1.5f));
  b.box("cx_wall", V(1.45f, 0.03f, -1.45f), V(1.5f, 2.5f, 1.5f));
  b.box("cx_fascia", V(-1.45f, 2.2f, 1.4f), V(1.45f, 2.5f, 1.5f), true);
  b.box("cx_primary", V(-1.2f, 0.8f, -1.45f), V(1.2f, 2.0f, -1.43f), true);
  b.box("cx_primary", V(-1.3f, 0.03f, 0.9f), V(-0.3f, 0.95f, 1.4f));
  b.box("cx_secondary", V(-1.32f, 0.95f, 0.88f), V(-0.28f, 1.0f, 1.42f), true);
  b.box("cx_metal", V(0.2f, 1.2f, -1.43f), V(1.3f, 1.25f, -1.15f), true);
}

void buildCorner(MeshBuilder& b) {
  b.box("cx_floor", V(-3, 0, -1.5f), V(3, 0.03f, 1.5f));
  b.box("cx_wall", V(-3, 0.03f, -1.5f), V(3, 2.5f, -1.45f));
  b.box("cx_metal", V(-3, 0.03f, 1.4f), V(-2.9f, 2.2f, 1.5f));
  b.box("cx_metal", V(2.9f, 0.03f, 1.4f), V(3, 2.2f, 1.5f));
  b.box("cx_fascia", V(-3, 2.2f, 1.4f), V(3, 2.5f, 1.5f), true);
  b.box("cx_primary", V(-2.7f, 0.8f, -1.45f), V(2.7f, 2.0f, -1.43f), true);
  b.box("cx_primary", V(-2.6f, 0.03f, 0.8f), V(-1.2f, 0.95f, 1.3f));
  b.box("cx_secondary", V(-2.62f, 0.95f, 0.78f), V(-1.18f, 1.0f, 1.32f), true);
  b.box("cx_primary", V(1.2f, 0.03f, 0.8f), V(2.6f, 0.95f, 1.3f));
  b.box("cx_secondary", V(1.18f, 0.95f, 0.78f), V(2.62f, 1.0f, 1.32f), true);
}

void buildIsland6(MeshBuilder& b) {
  b.box("cx_floor", V(-3, 0, -3), V(3, 0.1f, 3));
  b.box("cx_wall", V(-1, 0.1f, -2), V(1, 2.5f, 0));
  b.box("cx_primary", V(-0.8f, 0.6f, 0), V(0.8f, 2.2f, 0.02f), true);
  b.box("cx_metal", V(-2.6f, 0.1f, -0.1f), V(-2.4f, 3.4f, 0.1f));
  b.box("cx_metal", V(2.4f, 0.1f, -0.1f), V(2.6f, 3.4f, 0.1f));
  b.box("cx_fascia", V(-2.6f, 3.4f, -0.15f), V(2.6f, 4.0f, 0.15f), true);
  for (float sx : {-1.0f, 1.0f}) {
    float x0 = sx < 0 ? -2.5f : 1.3f, x1 = sx < 0 ? -1.3f : 2.5f;
    b.box("cx_primary", V(x0, 0.1f, 1.8f), V(x1, 1.0f, 2.4f));
    b.box("cx_secondary", V(x0 - 0.02f, 1.0f, 1.78f), V(x1 + 0.02f, 1.05f, 2.42f), true);
  }
  b.box("cx_secondary", V(-0.4f, 0.1f, 1.2f), V(0.4f, 0.9f, 2.0f));
}

void buildIsland9(MeshBuilder& b) {
  b.box("cx_floor", V(-4.5f, 0, -4.5f), V(4.5f, 0.1f, 4.5f));
  b.box("cx_wall", V(-2, 0.1f, -3.5f), V(2, 2.8f, -0.5f));
  b.box("cx_primary", V(-1.8f, 0.6f, -0.5f), V(1.8f, 2.5f, -0.48f), true);
  for (float sx : {-1.0f, 1.0f})
    for (float sz : {-1.0f, 1.0f}) {
      glm::vec2 c(sx * 4.2f, sz * 4.2f);
      b.box("cx_metal", V(c.x - 0.1f, 0.1f, c.y - 0.1f), V(c.x + 0.1f, 4.0f, c.y + 0.1f));
    }
  b.box("cx_fascia", V(-4.3f, 4.0f, 4.1f), V(4.3f, 4.5f, 4.3f), true);
  b.box("cx_secondary", V(-4.3f, 4.0f, -4.3f), V(4.3f, 4.5f, -4.1f), true);
  b.box("cx_secondary", V(-4.3f, 4.0f, -4.1f), V(-4.1f, 4.5f, 4.1f), true);
  b.box("cx_secondary", V(4.1f, 4.0f, -4.1f), V(4.3f, 4.5f, 4.1f), true);
  b.box("cx_primary", V(-1.5f, 0.1f, 2.8f), V(1.5f, 1.0f, 3.4f));
  b.box("cx_secondary", V(-1.52f, 1.0f, 2.78f), V(1.52f, 1.05f, 3.42f), true);
  b.box("cx_secondary", V(-3.6f, 0.1f, 0.5f), V(-2.6f, 1.0f, 1.5f));
  b.box("cx_secondary", V(2.6f, 0.1f, 0.5f), V(3.6f, 1.0f, 1.5f));
  b.box("cx_metal", V(-0.6f, 0.1f, 0.6f), V(0.6f, 0.75f, 1.8f));
}

void buildCarStand(MeshBuilder& b) {
  b.box("cx_floor", V(-6, 0, -6), V(6, 0.15f, 6));
  b.box("cx_wall", V(-6, 0.15f, -6), V(6, 3.7f, -5.8f));
  b.box("cx_fascia", V(-5, 3.7f, -6), V(5, 4.5f, -5.8f), true);
  b.box("cx_primary", V(-5.5f, 0.8f, -5.8f), V(5.5f, 3.4f, -5.78f), true);
  // Turntable with a car lengthwise along x.
  const float turntableTop = 0.3f;
  b.cylinder("cx_metal", V(0, 0.15f, 0.5f), V(0, 1, 0), turntableTop - 0.15f, 3.6f, 24, false);
  const float wheelRadius = 0.35f, axleY = turntableTop + wheelRadius;
  b.box("cx_car", V(-2.3f, 0.55f, -0.35f), V(2.3f, 1.15f, 1.35f), true);
  b.box("cx_glass", V(-1.2f, 1.15f, -0.25f), V(1.0f, 1.7f, 1.25f));
  for (float x : {-1.5f, 1.5f})
    for (float z : {-0.45f, 1.2f})
      b.cylinder("cx_tyre", V(x, axleY, z), V(0, 0, 1), 0.25f, wheelRadius, 10, true);
  b.box("cx_primary", V(3.6f, 0.15f, 4.2f), V(5.4f, 1.1f, 4.9f));
  b.box("cx_secondary", V(3.58f, 1.1f, 4.18f), V(5.42f, 1.15f, 4.92f), true);
}

void buildStudio(MeshBuilder& b) {
  b.box("cx_floor", V(-3, 0, -2.5f), V(3, 0.03f, 2.5f));
  b.box("cx_wall", V(-3, 0.03f, -2.5f), V(3, 3.0f, -2.4f));
  b.box("cx_wall", V(-3, 0.03f, -2.4f), V(-2.9f, 3.0f, 2.5f));
  b.box("cx_wall", V(2.9f, 0.03f, -2.4f), V(3, 3.0f, 2.5f));
  b.box("cx_fascia", V(-2.9f, 2.6f, 2.4f), V(2.9f, 3.0f, 2.5f), true);
  // 16:9 screen, 3.6 m wide.
  b.box("cx_screen", V(-1.8f, 0.6f, -2.4f), V(1.8f, 2.625f, -2.35f), true);
  b.box("cx_primary", V(-1.5f, 0.03f, -0.6f), V(1.5f, 0.72f, 0.1f));
  b.box("cx_secondary", V(-1.52f, 0.72f, -0.62f), V(1.52f, 0.76f, 0.12f), true);
  for (float x : {-2.4f, 2.4f}) {
    b.box("cx_metal", V(x - 0.03f, 0.03f, 1.0f), V(x + 0.03f, 2.0f, 1.06f));
    b.box("cx_metal", V(x - 0.2f, 2.0f, 0.9f), V(x + 0.2f, 2.3f, 1.16f), true);
  }
  b.box("cx_metal", V(-0.1f, 0.03f, 1.6f), V(0.1f, 1.4f, 1.8f));
  b.box("cx_secondary", V(-0.2f, 1.4f, 1.5f), V(0.2f, 1.65f, 1.9f), true);
}

}  // namespace

BoothStyle styleSpec(StyleKind kind) {
  BoothStyle s;
  switch (kind) {
    case StyleKind::Shell:
      s = {"shell-3x3", "models/shell-3x3.glb", {3, 3}, 2.5f, {0, 2.35f, 1.5f}, {2.9f, 0.3f}};
      break;
    case StyleKind::Corner:
      s = {"corner-3x6", "models/corner-3x6.glb", {6, 3}, 2.5f, {0, 2.35f, 1.5f}, {6.0f, 0.3f}};
      break;
    case StyleKind::Island6:
      s = {"island-6x6", "models/island-6x6.glb", {6, 6}, 4.0f, {0, 3.7f, 0.15f}, {5.2f, 0.6f}};
      break;
    case StyleKind::Island9:
      s = {"island-9x9", "models/island-9x9.glb", {9, 9}, 4.5f, {0, 4.25f, 4.3f}, {8.6f, 0.5f}};
      break;
    case StyleKind::Car:
      s = {"car-stand", "models/car-stand.glb", {12, 12}, 4.5f, {0, 4.1f, -5.8f}, {10.0f, 0.8f}};
      break;
    case StyleKind::Studio:
      s = {"studio", "models/studio.glb", {6, 5}, 3.0f, {0, 2.8f, 2.5f}, {5.8f, 0.4f}};
      break;
  }
  return s;
}

assets::Model buildStyleModel(StyleKind kind) {
  BoothStyle spec = styleSpec(kind);
  MeshBuilder b(spec.id);
  switch (kind) {
    case StyleKind::Shell:
      buildShell(b);
      break;
    case StyleKind::Corner:
      buildCorner(b);
      break;
    case StyleKind::Island6:
      buildIsland6(b);
      break;
    case StyleKind::Island9:
      buildIsland9(b);
      break;
    case StyleKind::Car:
      buildCarStand(b);
      break;
    case StyleKind::Studio:
      buildStudio(b);
      break;
  }
  return b.finish();
}

assets::Model buildPavilionModel(const HallShape& hall, glm::vec2 center, const std::string& name) {
  MeshBuilder b(name);
  const float hw = hall.width * 0.5f, hd = hall.depth * 0.5f;
  const float t = 0.4f;  // wall thickness, outside the floor polygon
  const float h = hall.wallHeight;
  const float lintel = h - 1.5f;  // entrances are open up to the roof ring
  b.box("cx_hall_floor", V(-hw - t, -0.3f, -hd - t), V(hw + t, 0.0f, hd + t), true);

  // One side: the wall runs along `along` from -half to +half at `offset` across; gaps at the
  // entrances that lie on it.
  auto side = [&](bool alongX, float across, float half) {
    std::vector<std::pair<float, float>> gaps;
    for (glm::vec2 e : hall.entrances) {
      float eAcross = alongX ? e.y : e.x, eAlong = alongX ? e.x : e.y;
      if (std::fabs(eAcross - across) < 0.01f)
        gaps.emplace_back(eAlong - hall.entranceWidth * 0.5f, eAlong + hall.entranceWidth * 0.5f);
    }
    std::sort(gaps.begin(), gaps.end());
    float cursor = -half - t;
    float outer = across + (across > 0 ? t : -t);
    float lo = std::min(across, outer), hi = std::max(across, outer);
    auto segment = [&](float a, float c, float y0, float y1) {
      if (c - a < 0.01f) return;
      if (alongX)
        b.box("cx_hall_wall", V(a, y0, lo), V(c, y1, hi));
      else
        b.box("cx_hall_wall", V(lo, y0, a), V(hi, y1, c));
    };
    for (auto [g0, g1] : gaps) {
      segment(cursor, g0, 0.0f, lintel);
      cursor = g1;
      // Canopy over the entrance, outside.
      float out0 = across > 0 ? hi : lo - 4.0f, out1 = across > 0 ? hi + 4.0f : lo;
      if (alongX)
        b.box("cx_hall_roof", V(g0 - 1.0f, 5.5f, out0), V(g1 + 1.0f, 5.8f, out1), true);
      else
        b.box("cx_hall_roof", V(out0, 5.5f, g0 - 1.0f), V(out1, 5.8f, g1 + 1.0f), true);
    }
    segment(cursor, half + t, 0.0f, lintel);
    // Roof ring: a beam along the whole side, above the entrances. No roof: the hall stays open.
    segment(-half - t, half + t, lintel, h);
  };
  side(true, hd, hw);
  side(true, -hd, hw);
  side(false, -hw, hd);
  side(false, hw, hd);
  // Pilasters outside the long walls every ~24 m.
  int n = std::max(1, int(hall.width / 24.0f));
  for (int i = 0; i <= n; ++i) {
    float x = -hw + hall.width * float(i) / float(n);
    bool blocked = false;
    for (glm::vec2 e : hall.entrances)
      blocked =
          blocked || (std::fabs(std::fabs(e.y) - hd) < 0.01f && std::fabs(e.x - x) < hall.entranceWidth);
    if (blocked) continue;
    for (float sz : {-1.0f, 1.0f}) {
      float z0 = sz > 0 ? hd + t : -hd - t - 0.6f;
      b.box("cx_hall_roof", V(x - 0.3f, 0.0f, z0), V(x + 0.3f, h + 0.3f, z0 + 0.6f));
    }
  }
  return b.finish(glm::translate(glm::mat4(1.0f), glm::vec3(center.x, 0.0f, center.y)));
}

}  // namespace cx::expo::sample
