#pragma once
// The expo flattened for rendering and picking: unique models and plain instance arrays, no tree
// and no virtual nodes. 1001 booths (or 100k) share a handful of style models.
//
// Frames (docs/expo-format.md, "Coordinates"): a pavilion model is authored in world
// coordinates, so its transform is the identity. A style model is centred on its footprint, +Y up,
// its front (aisle side, fascia) facing +Z; a booth places it with
// translate(position.x, 0, position.y) * rotateY(rotation).
#include <cstdint>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "cx/expo/expo.h"
#include "cx/expo/footprint.h"

namespace cx::expo {

inline constexpr uint32_t kNoIndex = 0xFFFFFFFFu;

// A model file the expo uses, once however many instances share it.
struct SceneModel {
  std::string path;  // relative to the expo root, as in the manifest
  // The box the model is expected to fill in its own frame: a style's footprint by its height, a
  // booth override's footprint by its height limit, a pavilion's floor outline as a thin slab.
  // A placeholder for a model that fails to load is built to this box.
  glm::vec3 expectedMin{0.0f};
  glm::vec3 expectedMax{0.0f};
};

struct PavilionInstance {
  uint32_t pavilion = 0;      // index into Expo::pavilions
  uint32_t model = kNoIndex;  // index into ExpoScene::models; kNoIndex: no building model
  glm::mat4 world{1.0f};
};

struct BoothInstance {
  uint32_t booth = 0;         // index into Expo::booths (and into ExpoScene::bounds)
  uint32_t model = kNoIndex;  // the booth's own model if set, else its style's; kNoIndex: unknown style
  glm::mat4 world{1.0f};
  glm::vec3 primaryColor{0.8f};
  glm::vec3 secondaryColor{0.2f};
  uint32_t fasciaSlot = kNoIndex;  // index into ExpoScene::fascias; kNoIndex: no name board
};

// A name board to draw Fascia::text on: a quad of `size` centred at the origin of `world`,
// facing its +Z.
struct FasciaInstance {
  uint32_t booth = 0;
  glm::mat4 world{1.0f};
  glm::vec2 size{0.0f};
};

struct ExpoScene {
  std::vector<SceneModel> models;
  std::vector<PavilionInstance> pavilions;  // one per Expo::pavilions entry, same order
  std::vector<BoothInstance> booths;        // one per Expo::booths entry, same order
  std::vector<BoothBounds> bounds;          // one per booth: footprint and pick height
  std::vector<FasciaInstance> fascias;
};

// Flattens a validated expo. Booth pick height: the style's height for style models, the booth's
// height limit (or its pavilion's) for a booth's own model.
ExpoScene buildScene(const Expo& expo);

// translate(position.x, 0, position.y) * rotateY(rotationDeg).
glm::mat4 boothWorldTransform(glm::vec2 position, float rotationDeg);

}  // namespace cx::expo
