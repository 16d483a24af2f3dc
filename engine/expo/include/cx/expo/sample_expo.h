#pragma once
// The bundled sample expo, modelled on the 13th China-Northeast Asia Expo (Changchun, 2021):
// 7 themed pavilions on about 70,000 m^2, 1001 exhibitors with names in Chinese, Korean, Japanese,
// Russian and Mongolian Cyrillic (and English), six shared booth styles and 10 conferences.
//
// Generation is deterministic: the same options give byte-identical expo.json and .glb files on
// every run and platform (own PRNG, no <random> distributions, positions on a 0.5 m grid, colours
// in 1/64 steps). More exhibitors than the real expo (up to kMaxSampleExhibitors) grow the halls
// into a synthetic expo for stress tests.
//
// Style models are centred on their footprint with the front (fascia) facing +Z. Material names
// tell the renderer which surfaces take per-booth colours from Booth::fascia:
//   "cx_fascia"    the name board (draw Fascia::text on it, background secondaryColor),
//   "cx_primary"   accent panels tinted with primaryColor,
//   "cx_secondary" trim tinted with secondaryColor;
// every other material ("cx_floor", "cx_wall", "cx_metal", "cx_screen", ...) is neutral.
// Pavilion models are halls in world coordinates (one node translated to the hall centre): a floor
// slab whose top is y = 0, walls outside the floor polygon with gaps at the entrances and an open
// roof ring, so an overview camera sees inside.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "cx/assets/model.h"
#include "cx/core/result.h"
#include "cx/expo/expo.h"

namespace cx::expo {

inline constexpr int kMaxSampleExhibitors = 1'000'000;

struct SampleExpoOptions {
  int exhibitors = 1001;  // 1 .. kMaxSampleExhibitors
  uint64_t seed = 13;
  int freePlots = 0;  // extra shell-scheme plots without an exhibitor (the layout checker warns)
};

// A model the expo references, with its path relative to the expo root ("models/shell-3x3.glb").
struct SampleModel {
  std::string path;
  assets::Model model;
};

struct SampleExpo {
  Expo expo;
  std::vector<SampleModel> models;  // booth styles first, then one building per pavilion
};

// Builds the whole expo in memory. Fails only on out-of-range options.
Result<SampleExpo> buildSampleExpo(const SampleExpoOptions& options = {});

// Writes outDir/expo.json (saveExpoManifest) and outDir/<model path> (assets::writeGltf, .glb),
// creating folders as needed. Existing files with the same names are replaced atomically.
Status writeSampleExpo(const SampleExpo& sample, const std::filesystem::path& outDir);

// buildSampleExpo + writeSampleExpo.
Status generateSampleExpo(const std::filesystem::path& outDir, const SampleExpoOptions& options = {});

}  // namespace cx::expo
