#pragma once
// Loading the models an ExpoScene names. A model that cannot be loaded (missing, corrupt, outside
// the root) becomes a magenta placeholder box of the size it was expected to have, and its error
// is listed: one broken booth never stops the expo from opening.
//
// The per-model functions touch no shared state, so a later loader can run them on worker threads
// and can feed bytes fetched from a URL through loadGltfFromMemory + finishExpoModelLoad.
#include <filesystem>
#include <string>
#include <vector>

#include "cx/assets/gltf.h"
#include "cx/assets/model.h"
#include "cx/core/result.h"
#include "cx/expo/scene.h"

namespace cx::expo {

inline constexpr glm::vec4 kPlaceholderColor{1.0f, 0.0f, 1.0f, 1.0f};

struct ExpoModelLoad {
  assets::Model model;
  bool placeholder = false;
  std::string error;  // one line naming the file; empty when the model loaded
};

struct ExpoAssets {
  std::vector<assets::Model> models;  // index = ExpoScene::models index
  std::vector<bool> isPlaceholder;    // same index
  std::vector<std::string> errors;    // one line per failed model, in model order
};

// A closed box from model.expectedMin to expectedMax (at least 5 cm thick on every axis) with one
// magenta material named "cx_placeholder", one mesh and one instance.
assets::Model makePlaceholderModel(const SceneModel& model);

// The model, or a placeholder carrying the load error.
ExpoModelLoad finishExpoModelLoad(const SceneModel& model, Result<assets::Model> loaded);

// Resolves model.path inside `root` (refusing escapes) and loads it with assets::loadGltf.
ExpoModelLoad loadExpoModel(const SceneModel& model, const std::filesystem::path& root,
                            const assets::GltfLoadOptions& options = {});

// Every model of the scene, one after the other; errors are also logged as warnings.
ExpoAssets loadExpoAssets(const ExpoScene& scene, const std::filesystem::path& root,
                          const assets::GltfLoadOptions& options = {});

}  // namespace cx::expo
