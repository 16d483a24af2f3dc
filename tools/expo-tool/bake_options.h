#pragma once
// The light-bake options expo-tool bake and expo-tool generate share, their defaults, and the
// progress line they print while baking.
#include <string>

#include "cx/bake/expo_bake.h"

namespace CLI {
class App;
}

namespace cx::tool {

struct BakeCliOptions {
  int samples = 64;                 // rays per texel
  float texelsPerSquareMetre = 64;  // 8 texels per metre
  uint32_t maxTexels = 1u << 20;    // per model (a hall gets a coarser density)
  uint64_t seed = 1;
  unsigned threads = 0;             // 0: every core
  int bounces = 1;
  std::string vertexAo = "auto";
  float hallLevel = 0.0f;           // booths' surroundings; 0: measured in the halls (bake EXPO) or 1
};

// Adds --samples, --texels-per-m2, --max-texels, the seed (`seedOption`: --seed, or --bake-seed
// where --seed means something else), --threads, --bounces, --vertex-ao.
void addBakeOptions(CLI::App& cmd, BakeCliOptions& options, const std::string& seedOption = "--seed");

// Settings for one model, with the environment of the venue lighting the renderer draws
// (render::venueLighting), so the bake matches what is drawn.
bake::BakeSettings bakeSettings(const BakeCliOptions& options);

// Prints the progress of a bake on stderr: redrawn in place on a terminal, a line per model
// otherwise (from `done`).
struct BakeProgress {
  explicit BakeProgress(std::string command);
  void update(size_t index, size_t count, const std::string& path, float fraction, const char* phase);
  void done(const bake::ExpoBakeModel& model);
  std::string command;
  bool tty = false;
  size_t lastIndex = ~size_t(0);
};

}  // namespace cx::tool
