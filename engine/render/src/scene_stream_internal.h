#pragma once
// Pieces shared by scene_stream.cpp and render_scene.cpp.
#include <cstdint>

#include "cx/expo/expo_assets.h"
#include "cx/render/render_scene.h"

namespace cx::render::detail {

// A decoded model (or placeholder) waiting for its GPU upload on the polling thread.
struct ReadyModel {
  uint32_t index = 0;  // into ExpoScene::models
  expo::ExpoModelLoad load;
};

// scene.instances from scene.expoScene and scene.models (one GpuModel per scene model): the
// pavilions, then the booths, in manifest order, each booth tinted by its primary colour.
void buildExpoInstances(RenderScene& scene);

// scene.boundsMin/Max over the instances whose model has arrived.
void updateSceneBounds(RenderScene& scene);

}  // namespace cx::render::detail
