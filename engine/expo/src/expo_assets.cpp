#include "cx/expo/expo_assets.h"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "cx/core/path.h"

namespace cx::expo {

namespace {

constexpr float kMinPlaceholderThickness = 0.05f;

void addFace(assets::Primitive& p, glm::vec3 normal, glm::vec3 tangent, const glm::vec3 (&corners)[4]) {
  uint32_t base = uint32_t(p.vertices.size());
  const glm::vec2 uvs[4] = {{0, 1}, {1, 1}, {1, 0}, {0, 0}};
  for (int i = 0; i < 4; ++i) {
    assets::Vertex v;
    v.position = corners[i];
    v.normal = normal;
    v.tangent = glm::vec4(tangent, 1.0f);
    v.uv0 = uvs[i];
    p.vertices.push_back(v);
  }
  for (uint32_t i : {0u, 1u, 2u, 0u, 2u, 3u}) p.indices.push_back(base + i);
}

}  // namespace

assets::Model makePlaceholderModel(const SceneModel& model) {
  glm::vec3 lo = glm::min(model.expectedMin, model.expectedMax);
  glm::vec3 hi = glm::max(model.expectedMin, model.expectedMax);
  for (int a = 0; a < 3; ++a) {
    if (hi[a] - lo[a] < kMinPlaceholderThickness) {
      float mid = 0.5f * (lo[a] + hi[a]);
      lo[a] = mid - 0.5f * kMinPlaceholderThickness;
      hi[a] = mid + 0.5f * kMinPlaceholderThickness;
    }
  }
  assets::Primitive p;
  p.material = 0;
  // Counter-clockwise seen from outside, as glTF front faces are.
  addFace(p, {1, 0, 0}, {0, 0, -1},
          {{hi.x, lo.y, hi.z}, {hi.x, lo.y, lo.z}, {hi.x, hi.y, lo.z}, {hi.x, hi.y, hi.z}});
  addFace(p, {-1, 0, 0}, {0, 0, 1},
          {{lo.x, lo.y, lo.z}, {lo.x, lo.y, hi.z}, {lo.x, hi.y, hi.z}, {lo.x, hi.y, lo.z}});
  addFace(p, {0, 1, 0}, {1, 0, 0},
          {{lo.x, hi.y, hi.z}, {hi.x, hi.y, hi.z}, {hi.x, hi.y, lo.z}, {lo.x, hi.y, lo.z}});
  addFace(p, {0, -1, 0}, {1, 0, 0},
          {{lo.x, lo.y, lo.z}, {hi.x, lo.y, lo.z}, {hi.x, lo.y, hi.z}, {lo.x, lo.y, hi.z}});
  addFace(p, {0, 0, 1}, {1, 0, 0},
          {{lo.x, lo.y, hi.z}, {hi.x, lo.y, hi.z}, {hi.x, hi.y, hi.z}, {lo.x, hi.y, hi.z}});
  addFace(p, {0, 0, -1}, {-1, 0, 0},
          {{hi.x, lo.y, lo.z}, {lo.x, lo.y, lo.z}, {lo.x, hi.y, lo.z}, {hi.x, hi.y, lo.z}});
  p.boundsMin = lo;
  p.boundsMax = hi;

  assets::Material material;
  material.name = "cx_placeholder";
  material.baseColorFactor = kPlaceholderColor;
  material.emissiveFactor = glm::vec3(0.25f, 0.0f, 0.25f);
  material.metallicFactor = 0.0f;
  material.roughnessFactor = 0.9f;

  assets::Mesh mesh;
  mesh.name = "placeholder";
  mesh.primitives.push_back(std::move(p));

  assets::Model out;
  out.name = model.path + " (placeholder)";
  out.meshes.push_back(std::move(mesh));
  out.materials.push_back(std::move(material));
  out.instances.push_back(assets::MeshInstance{0, glm::mat4(1.0f)});
  out.boundsMin = lo;
  out.boundsMax = hi;
  return out;
}

ExpoModelLoad finishExpoModelLoad(const SceneModel& model, Result<assets::Model> loaded) {
  ExpoModelLoad out;
  if (loaded) {
    out.model = std::move(loaded).value();
    return out;
  }
  out.placeholder = true;
  out.error = loaded.message();
  if (out.error.find(std::filesystem::path(model.path).filename().string()) == std::string::npos)
    out.error = model.path + ": " + out.error;
  std::replace(out.error.begin(), out.error.end(), '\n', ' ');
  out.model = makePlaceholderModel(model);
  return out;
}

ExpoModelLoad loadExpoModel(const SceneModel& model, const std::filesystem::path& root,
                            const assets::GltfLoadOptions& options) {
  auto path = resolveInsideRoot(root, model.path);
  if (!path) return finishExpoModelLoad(model, path.error());
  return finishExpoModelLoad(model, assets::loadGltf(*path, options));
}

ExpoAssets loadExpoAssets(const ExpoScene& scene, const std::filesystem::path& root,
                          const assets::GltfLoadOptions& options) {
  ExpoAssets assets;
  assets.models.reserve(scene.models.size());
  assets.isPlaceholder.reserve(scene.models.size());
  for (const SceneModel& model : scene.models) {
    ExpoModelLoad load = loadExpoModel(model, root, options);
    if (load.placeholder) {
      spdlog::warn("{} (shown as a placeholder)", load.error);
      assets.errors.push_back(std::move(load.error));
    }
    assets.models.push_back(std::move(load.model));
    assets.isPlaceholder.push_back(load.placeholder);
  }
  return assets;
}

}  // namespace cx::expo
