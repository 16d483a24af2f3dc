// bakeExpo: the halls with their booths, then the booth models in their own frames
// (cx/bake/expo_bake.h).
#include "cx/bake/expo_bake.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

#include "cx/expo/footprint.h"
#include "cx/expo/scene.h"

namespace cx::bake {
namespace {

// Points of a hall's open floor: a 4 m grid over its outline, at least 1.5 m from any booth.
std::vector<glm::vec2> aislePoints(const expo::Expo& expo, const expo::ExpoScene& scene, uint32_t pavilion) {
  const expo::Pavilion& pav = expo.pavilions[pavilion];
  glm::vec2 lo(1e30f), hi(-1e30f);
  for (glm::vec2 p : pav.floor) {
    lo = glm::min(lo, p);
    hi = glm::max(hi, p);
  }
  std::vector<glm::vec2> out;
  for (float z = lo.y + 2.0f; z < hi.y - 1.0f; z += 4.0f)
    for (float x = lo.x + 2.0f; x < hi.x - 1.0f; x += 4.0f) {
      const glm::vec2 p(x, z);
      if (!expo::pointInPolygon(pav.floor, p)) continue;
      bool clear = true;
      for (size_t b = 0; b < scene.bounds.size() && clear; ++b) clear = expo::footprintDistance(scene.bounds[b], p) > 1.5f;
      if (clear) out.push_back(p);
    }
  return out;
}

}  // namespace

std::optional<float> bakedValueAt(const assets::Model& model, glm::vec3 point, glm::vec3 normal) {
  for (const assets::MeshInstance& inst : model.instances) {
    if (inst.mesh >= model.meshes.size()) continue;
    for (const assets::Primitive& prim : model.meshes[inst.mesh].primitives) {
      const assets::Material* mat = prim.material >= 0 && size_t(prim.material) < model.materials.size()
                                        ? &model.materials[size_t(prim.material)]
                                        : nullptr;
      const bool textured = mat && mat->occlusionTexture.image >= 0 && mat->occlusionTexture.texCoord == 1 &&
                            size_t(mat->occlusionTexture.image) < model.images.size() && prim.hasUv1;
      for (size_t t = 0; t + 2 < prim.indices.size(); t += 3) {
        const assets::Vertex* v[3] = {&prim.vertices[prim.indices[t]], &prim.vertices[prim.indices[t + 1]],
                                      &prim.vertices[prim.indices[t + 2]]};
        glm::vec3 p[3];
        for (int k = 0; k < 3; ++k) p[k] = glm::vec3(inst.world * glm::vec4(v[k]->position, 1.0f));
        const glm::vec3 cr = glm::cross(p[1] - p[0], p[2] - p[0]);
        const float len = glm::length(cr);
        if (!(len > 1e-12f)) continue;
        const glm::vec3 n = cr / len;
        if (glm::dot(n, normal) < 0.9f || std::fabs(glm::dot(point - p[0], n)) > 0.02f) continue;
        // Barycentric coordinates of the point projected into the triangle.
        const glm::vec3 q = point - n * glm::dot(point - p[0], n);
        const glm::vec3 w(glm::dot(glm::cross(p[2] - p[1], q - p[1]), n) / len,
                          glm::dot(glm::cross(p[0] - p[2], q - p[2]), n) / len,
                          glm::dot(glm::cross(p[1] - p[0], q - p[0]), n) / len);
        if (w.x < -1e-4f || w.y < -1e-4f || w.z < -1e-4f) continue;
        if (textured) {
          const assets::Image& img = model.images[size_t(mat->occlusionTexture.image)];
          const glm::vec2 uv = v[0]->uv1 * w.x + v[1]->uv1 * w.y + v[2]->uv1 * w.z;
          const int x = std::clamp(int(uv.x * float(img.width)), 0, int(img.width) - 1);
          const int y = std::clamp(int(uv.y * float(img.height)), 0, int(img.height) - 1);
          return img.rgba8[(size_t(y) * img.width + size_t(x)) * 4] / 255.0f;
        }
        return v[0]->color.r * w.x + v[1]->color.r * w.y + v[2]->color.r * w.z;
      }
    }
  }
  return std::nullopt;
}

Result<ExpoBakeReport> bakeExpo(const expo::Expo& expo, std::vector<ExpoBakeModel>& models,
                                const ExpoBakeOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  ExpoBakeReport out;
  std::map<std::string, size_t> byPath;
  for (size_t i = 0; i < models.size(); ++i) byPath.emplace(models[i].path, i);
  const expo::ExpoScene scene = expo::buildScene(expo);
  auto modelOf = [&](uint32_t sceneModel) -> ExpoBakeModel* {
    if (sceneModel >= scene.models.size()) return nullptr;
    auto it = byPath.find(scene.models[sceneModel].path);
    return it == byPath.end() ? nullptr : &models[it->second];
  };
  // Which models are halls and which booths (a model used both ways is baked as a hall).
  std::vector<size_t> halls, booths;
  for (const expo::PavilionInstance& p : scene.pavilions)
    if (ExpoBakeModel* m = modelOf(p.model); m && std::find(halls.begin(), halls.end(), size_t(m - models.data())) == halls.end())
      halls.push_back(size_t(m - models.data()));
  for (const expo::BoothInstance& b : scene.booths) {
    ExpoBakeModel* m = modelOf(b.model);
    if (!m) continue;
    const size_t i = size_t(m - models.data());
    if (std::find(halls.begin(), halls.end(), i) == halls.end() && std::find(booths.begin(), booths.end(), i) == booths.end())
      booths.push_back(i);
  }
  std::sort(booths.begin(), booths.end());
  // The booths as authored occlude the halls (their bakes are not needed for that).
  std::vector<assets::Model> occluderModels(models.size());
  for (size_t i : booths) occluderModels[i] = models[i].model;

  const size_t count = halls.size() + booths.size();
  size_t index = 0;
  auto bakeOne = [&](ExpoBakeModel& m, std::span<const Occluder> occluders, BakeSettings settings) -> Status {
    const std::string key = bakeKey(m.model, occluders, settings);
    if (options.reuse) {
      if (std::optional<assets::Model> done = options.reuse(m.path, key)) {
        m.model = std::move(*done);
        m.baked = m.reused = true;
        ++out.reused;
        if (options.progress) options.progress(index, count, m.path, 1.0f, "reused");
        return {};
      }
    }
    settings.progress = [&](float f, const char* phase) {
      if (options.progress) options.progress(index, count, m.path, f, phase);
    };
    auto r = bakeModel(m.model, occluders, settings);
    if (!r) return makeError(fmt::format("{}: {}", m.path, r.message()));
    m.report = *r;
    m.baked = true;
    ++out.baked;
    return {};
  };

  std::vector<float> aisleLevels;
  for (size_t h : halls) {
    std::vector<Occluder> occluders;
    std::vector<uint32_t> pavilionsOfHall;
    for (const expo::PavilionInstance& p : scene.pavilions) {
      ExpoBakeModel* m = modelOf(p.model);
      if (!m || size_t(m - models.data()) != h) continue;
      pavilionsOfHall.push_back(p.pavilion);
    }
    // Booths standing in the hall: those of its pavilions, in booth order.
    for (const expo::BoothInstance& b : scene.booths) {
      const std::string& pav = expo.booths[b.booth].pavilion;
      const bool inHall = std::any_of(pavilionsOfHall.begin(), pavilionsOfHall.end(),
                                      [&](uint32_t p) { return expo.pavilions[p].id == pav; });
      ExpoBakeModel* m = modelOf(b.model);
      if (!inHall || !m || std::find(booths.begin(), booths.end(), size_t(m - models.data())) == booths.end()) continue;
      occluders.push_back({&occluderModels[size_t(m - models.data())], b.world});
    }
    if (auto st = bakeOne(models[h], occluders, options.pavilions); !st) return st.error();
    ++index;
    for (uint32_t p : pavilionsOfHall)
      for (glm::vec2 a : aislePoints(expo, scene, p))
        if (auto v = bakedValueAt(models[h].model, glm::vec3(a.x, 0.0f, a.y), glm::vec3(0, 1, 0))) aisleLevels.push_back(*v);
  }
  // The median of the aisles, so the booths' surroundings are as bright as the floor around them.
  if (options.matchHallLevel && !aisleLevels.empty()) {
    std::nth_element(aisleLevels.begin(), aisleLevels.begin() + ptrdiff_t(aisleLevels.size() / 2), aisleLevels.end());
    out.hallLevel = std::clamp(std::round(aisleLevels[aisleLevels.size() / 2] * 100.0f) / 100.0f, 0.2f, 1.0f);
  }
  BakeSettings boothSettings = options.booths;
  boothSettings.environmentScale = out.hallLevel;
  for (size_t b : booths) {
    if (auto st = bakeOne(models[b], {}, boothSettings); !st) return st.error();
    ++index;
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace cx::bake
