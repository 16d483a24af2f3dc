#pragma once
// Baking a whole expo: every booth model (the styles and exhibitors' own models) in its own
// frame, so one baked style serves all its instances and its floor slab catches its contact
// shadows; every pavilion in the world with the booths standing in it as occluders, so the aisles
// get their soft occlusion. Pavilions go first: the light they measure in their aisles (the mean
// bake of the open hall floor) becomes the brightness of the booths' surroundings, so a booth's
// floor matches the hall floor around it.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cx/bake/bake.h"
#include "cx/expo/expo.h"

namespace cx::bake {

struct ExpoBakeModel {
  std::string path;     // as the manifest names it
  assets::Model model;  // in: as authored; out: baked (when `baked`)
  bool baked = false;   // baked now or taken from `reuse`
  bool reused = false;
  BakeReport report;
};

struct ExpoBakeOptions {
  BakeSettings booths;     // settings for booth models (environmentScale is set from the halls)
  BakeSettings pavilions;  // settings for the halls
  // The light of the booths' surroundings measured in the halls' aisles; off: the open sky.
  bool matchHallLevel = true;
  // A model baked before with this key (cx/bake/bake.h bakeKey), to use instead of baking again;
  // nullopt: bake it.
  std::function<std::optional<assets::Model>(const std::string& path, const std::string& key)> reuse;
  // index of `count` models, the model's path, its progress and phase.
  std::function<void(size_t index, size_t count, const std::string& path, float fraction, const char* phase)> progress;
};

struct ExpoBakeReport {
  float hallLevel = 1.0f;  // the booths' environment scale used
  size_t baked = 0, reused = 0;
  double seconds = 0.0;
};

// Bakes `models` (every model the expo's pavilions and booths name, by path; others are left
// alone). A path the expo names but `models` lacks is skipped (its booths cast no occlusion).
Result<ExpoBakeReport> bakeExpo(const expo::Expo& expo, std::vector<ExpoBakeModel>& models,
                                const ExpoBakeOptions& options);

// The baked value of `model` at a point on one of its surfaces facing `normal` (from the
// occlusion map on TEXCOORD_1 or the vertex colours), or nullopt when no baked surface is there.
std::optional<float> bakedValueAt(const assets::Model& model, glm::vec3 point, glm::vec3 normal);

}  // namespace cx::bake
