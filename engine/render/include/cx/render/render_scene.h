#pragma once
// What a frame draws, loaded from disk: either one glTF model or a whole expo (manifest, scene,
// models with placeholders for the ones that fail), uploaded and turned into DrawInstances.
// Shared by expo-tool (render, bench, preview) and the viewer.
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cx/core/result.h"
#include "cx/expo/expo_assets.h"
#include "cx/expo/expo.h"
#include "cx/expo/scene.h"
#include "cx/render/renderer.h"

namespace cx::render {

struct RenderScene {
  std::vector<std::unique_ptr<GpuModel>> models;
  std::vector<DrawInstance> instances;
  std::vector<std::string> errors;  // per-model load failures (each shown as a placeholder)
  glm::vec3 boundsMin{0.0f};
  glm::vec3 boundsMax{0.0f};
  std::optional<expo::Expo> expo;  // set when an expo was loaded
  std::optional<expo::ExpoScene> expoScene;
  double loadMs = 0.0;  // parse + decode + upload
};

// `path`: a .gltf/.glb file, an expo folder, or an expo.json. A broken manifest or model file
// (when it is the only thing asked for) is an error; inside an expo a broken model becomes a
// placeholder and is listed in RenderScene::errors.
Result<RenderScene> loadRenderScene(const Context& ctx, const Renderer& renderer, const std::filesystem::path& path);
void destroyRenderScene(const Context& ctx, RenderScene& scene);

// Loads one model of an expo scene (from disk, memory or a URL); failures come back as
// placeholders carrying their error.
using ExpoModelLoader = std::function<expo::ExpoModelLoad(const expo::SceneModel&)>;
// An expo already in memory (generated, or fetched) made drawable.
Result<RenderScene> buildExpoRenderScene(const Context& ctx, const Renderer& renderer, expo::Expo expo,
                                         const ExpoModelLoader& loadModel);

// "eye=x,y,z;target=x,y,z;fov=deg" (fov optional, default 60).
struct CameraSpec {
  glm::vec3 eye{0.0f};
  glm::vec3 target{0.0f, 0.0f, -1.0f};
  float fovDeg = 60.0f;
};
Result<CameraSpec> parseCameraSpec(std::string_view text);
View cameraView(const CameraSpec& spec, float aspect);

// A model is framed from the front-right; an expo gets an overview from above its south side.
View defaultView(const RenderScene& scene, float aspect);

}  // namespace cx::render
