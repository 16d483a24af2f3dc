#include "cx/render/render_scene.h"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <cstdlib>

#include <glm/gtc/constants.hpp>

#include "cx/assets/gltf.h"
#include "cx/expo/expo_assets.h"
#include "cx/expo/manifest.h"

#include <spdlog/spdlog.h>

namespace cx::render {
namespace fs = std::filesystem;

namespace {

bool isModelFile(const fs::path& path) {
  std::string ext = path.extension().string();
  for (auto& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".gltf" || ext == ".glb";
}

void growBounds(RenderScene& scene, const GpuModel& model, const glm::mat4& world, bool& first) {
  for (int i = 0; i < 8; ++i) {
    glm::vec3 corner((i & 1) ? model.boundsMax.x : model.boundsMin.x, (i & 2) ? model.boundsMax.y : model.boundsMin.y,
                     (i & 4) ? model.boundsMax.z : model.boundsMin.z);
    glm::vec3 p = glm::vec3(world * glm::vec4(corner, 1.0f));
    if (first) {
      scene.boundsMin = scene.boundsMax = p;
      first = false;
    } else {
      scene.boundsMin = glm::min(scene.boundsMin, p);
      scene.boundsMax = glm::max(scene.boundsMax, p);
    }
  }
}

Result<RenderScene> loadExpo(const Context& ctx, const Renderer& renderer, const fs::path& manifestPath) {
  std::vector<std::string> warnings;
  auto expo = expo::loadExpoManifest(manifestPath, &warnings);
  if (!expo) return expo.error();
  for (const auto& w : warnings) spdlog::warn("{}", w);
  const fs::path root = manifestPath.parent_path();
  return buildExpoRenderScene(ctx, renderer, std::move(*expo),
                              [&](const expo::SceneModel& m) { return expo::loadExpoModel(m, root); });
}

}  // namespace

Result<RenderScene> buildExpoRenderScene(const Context& ctx, const Renderer& renderer, expo::Expo expoData,
                                         const ExpoModelLoader& loadModel) {
  RenderScene scene;
  scene.expo = std::move(expoData);
  scene.expoScene = expo::buildScene(*scene.expo);
  for (const auto& sceneModel : scene.expoScene->models) {
    expo::ExpoModelLoad loaded = loadModel(sceneModel);
    if (loaded.placeholder) scene.errors.push_back(loaded.error);
    scene.models.push_back(std::make_unique<GpuModel>(uploadModel(ctx, renderer, loaded.model)));
  }
  bool first = true;
  for (const auto& p : scene.expoScene->pavilions) {
    if (p.model == expo::kNoIndex || p.model >= scene.models.size()) continue;
    scene.instances.push_back({scene.models[p.model].get(), p.world, glm::vec4(1.0f)});
    growBounds(scene, *scene.models[p.model], p.world, first);
  }
  for (const auto& b : scene.expoScene->booths) {
    if (b.model == expo::kNoIndex || b.model >= scene.models.size()) continue;
    // Style models are neutral; the exhibitor's colour tints the whole booth until per-material
    // accents arrive with the signage work.
    glm::vec3 tint = glm::mix(glm::vec3(1.0f), b.primaryColor, 0.6f);
    scene.instances.push_back({scene.models[b.model].get(), b.world, glm::vec4(tint, 1.0f)});
    growBounds(scene, *scene.models[b.model], b.world, first);
  }
  return scene;
}

Result<RenderScene> loadRenderScene(const Context& ctx, const Renderer& renderer, const fs::path& path) {
  auto start = std::chrono::steady_clock::now();
  std::error_code ec;
  Result<RenderScene> result = makeError("");
  if (fs::is_directory(path, ec)) {
    result = loadExpo(ctx, renderer, path / "expo.json");
  } else if (isModelFile(path)) {
    auto model = assets::loadGltf(path);
    if (!model) return model.error();
    RenderScene scene;
    scene.models.push_back(std::make_unique<GpuModel>(uploadModel(ctx, renderer, *model)));
    scene.instances.push_back({scene.models[0].get(), glm::mat4(1.0f), glm::vec4(1.0f)});
    scene.boundsMin = model->boundsMin;
    scene.boundsMax = model->boundsMax;
    result = std::move(scene);
  } else {
    result = loadExpo(ctx, renderer, path);
  }
  if (result) {
    result->loadMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  }
  return result;
}

void destroyRenderScene(const Context& ctx, RenderScene& scene) {
  for (auto& m : scene.models) destroyModel(ctx, *m);
  scene.models.clear();
  scene.instances.clear();
}

Result<CameraSpec> parseCameraSpec(std::string_view text) {
  CameraSpec spec;
  bool haveEye = false, haveTarget = false;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find(';', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view item = text.substr(pos, end - pos);
    pos = end + 1;
    if (item.empty()) continue;
    size_t eq = item.find('=');
    if (eq == std::string_view::npos) return makeError(fmt::format("expected key=value, got \"{}\"", item));
    std::string key(item.substr(0, eq));
    std::string value(item.substr(eq + 1));
    if (key == "eye" || key == "target") {
      float v[3];
      char tail = 0;
      if (std::sscanf(value.c_str(), "%f,%f,%f%c", &v[0], &v[1], &v[2], &tail) != 3 || !std::isfinite(v[0]) ||
          !std::isfinite(v[1]) || !std::isfinite(v[2]))
        return makeError(fmt::format("{}: expected three numbers x,y,z, got \"{}\"", key, value));
      (key == "eye" ? spec.eye : spec.target) = glm::vec3(v[0], v[1], v[2]);
      (key == "eye" ? haveEye : haveTarget) = true;
    } else if (key == "fov") {
      char* endp = nullptr;
      float fov = std::strtof(value.c_str(), &endp);
      if (!endp || *endp || !(fov > 1.0f && fov < 179.0f))
        return makeError(fmt::format("fov: expected degrees between 1 and 179, got \"{}\"", value));
      spec.fovDeg = fov;
    } else {
      return makeError(fmt::format("unknown key \"{}\" (expected eye, target, fov)", key));
    }
  }
  if (!haveEye || !haveTarget) return makeError("both eye=x,y,z and target=x,y,z are required");
  if (glm::length(spec.target - spec.eye) < 1e-6f) return makeError("eye and target are the same point");
  return spec;
}

View cameraView(const CameraSpec& spec, float aspect) {
  return lookAtView(spec.eye, spec.target, glm::radians(spec.fovDeg), aspect);
}

View defaultView(const RenderScene& scene, float aspect) {
  const float fov = glm::radians(50.0f);
  if (scene.expo) {
    // Overview from the south (+Z) and above, looking at the centre of the site.
    glm::vec3 center = (scene.boundsMin + scene.boundsMax) * 0.5f;
    glm::vec3 size = scene.boundsMax - scene.boundsMin;
    float extent = std::max(size.x, size.z);
    glm::vec3 eye = center + glm::vec3(0.0f, extent * 0.45f, extent * 0.6f);
    return lookAtView(eye, center, fov, aspect, 0.5f);
  }
  Framing f = frameBounds(scene.boundsMin, scene.boundsMax, fov, aspect);
  float radius = glm::length(scene.boundsMax - scene.boundsMin) * 0.5f;
  return lookAtView(f.eye, f.target, fov, aspect, std::max(0.001f, radius * 0.01f));
}

}  // namespace cx::render
