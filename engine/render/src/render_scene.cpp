#include "cx/render/render_scene.h"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <cstdlib>

#include <glm/gtc/constants.hpp>

#include "cx/assets/gltf.h"
#include "cx/expo/expo_assets.h"
#include "cx/expo/manifest.h"
#include "cx/render/gpu_scene.h"
#include "cx/render/scene_stream.h"
#include "scene_stream_internal.h"

#include <spdlog/spdlog.h>

namespace cx::render {
namespace fs = std::filesystem;

Result<RenderScene> buildExpoRenderScene(const Context& ctx, const Renderer& renderer, expo::Expo expoData,
                                         const ExpoModelLoader& loadModel) {
  RenderScene scene;
  scene.expo = std::move(expoData);
  scene.expoScene = expo::buildScene(*scene.expo);
  for (const auto& sceneModel : scene.expoScene->models) {
    expo::ExpoModelLoad loaded = loadModel(sceneModel);
    if (loaded.placeholder) scene.errors.push_back(loaded.error);
    scene.models.push_back(std::make_unique<GpuModel>(uploadModel(ctx, renderer, loaded.model)));
    assignBoothMaterialRoles(*scene.models.back(), loaded.model);  // signage: cx_* colour roles
  }
  detail::buildExpoInstances(scene);
  applyBoothColors(scene);  // signage: per-material booth colours (cx/render/gpu_scene.h)
  detail::updateSceneBounds(scene);
  return scene;
}

// The same streaming path as the viewer (files and URLs alike), polled until complete.
Result<RenderScene> loadRenderScene(const Context& ctx, const Renderer& renderer, const fs::path& path) {
  return loadRenderSceneFrom(ctx, renderer, path.string());
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
