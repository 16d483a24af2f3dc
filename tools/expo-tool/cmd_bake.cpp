// expo-tool bake MODEL.glb --out BAKED.glb [bake options] [--hall-level L]
// expo-tool bake EXPO [--force] [bake options]
// Ray-traces ambient occlusion with sky, fixture and one bounce of light (cx/bake) and writes it
// as standard glTF: occlusionTexture on TEXCOORD_1, or COLOR_0 for dense meshes. A model is baked
// in its own frame; an expo's halls are baked with their booths standing in them and rewritten in
// place (temp file and rename), skipping models that carry a bake unless --force. Exit status: 0
// baked, 1 a bake or a write failed, 2 bad input.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "bake_options.h"
#include "commands.h"
#include "cx/assets/gltf.h"
#include "cx/core/path.h"
#include "cx/expo/manifest.h"

namespace cx::tool {
namespace fs = std::filesystem;

namespace {

struct BakeArgs {
  std::string input;
  std::string out;
  bool force = false;
  BakeCliOptions bake;
};

// Loaded as authored: no tangents added (the writer would then write them).
Result<assets::Model> loadForBake(const fs::path& path) {
  assets::GltfLoadOptions options;
  options.generateTangents = false;
  return assets::loadGltf(path, options);
}

Status writeBaked(const fs::path& path, const assets::Model& model) {
  assets::GltfWriteOptions options;
  std::string ext = path.extension().string();
  for (char& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
  options.binary = ext != ".gltf";
  options.generator = "CloudExpo expo-tool bake";
  return assets::writeGltf(path, model, options);
}

int bakeOneModel(const BakeArgs& a) {
  if (a.out.empty()) {
    std::fprintf(stderr, "expo-tool bake: %s: a model needs --out BAKED.glb\n", a.input.c_str());
    return 2;
  }
  auto model = loadForBake(a.input);
  if (!model) {
    std::fprintf(stderr, "expo-tool bake: %s\n", model.message().c_str());
    return 2;
  }
  if (!bake::storedBakeKey(*model).empty() && !a.force) {
    std::fprintf(stderr, "expo-tool bake: %s: already baked (it carries a bake key); --force bakes it again\n",
                 a.input.c_str());
    return 2;
  }
  if (a.force) {
    if (auto st = bake::stripBake(*model); !st) {
      std::fprintf(stderr, "expo-tool bake: %s: %s\n", a.input.c_str(), st.message().c_str());
      return 2;
    }
  }
  BakeProgress progress("bake");
  bake::ExpoBakeModel m{a.input, std::move(*model)};
  bake::BakeSettings settings = bakeSettings(a.bake);
  settings.environmentScale = a.bake.hallLevel > 0.0f ? a.bake.hallLevel : 1.0f;
  settings.progress = [&](float f, const char* phase) { progress.update(0, 1, a.input, f, phase); };
  auto r = bake::bakeModel(m.model, {}, settings);
  if (!r) {
    std::fprintf(stderr, "\nexpo-tool bake: %s: %s\n", a.input.c_str(), r.message().c_str());
    return 1;
  }
  m.report = *r;
  m.baked = true;
  if (auto st = writeBaked(a.out, m.model); !st) {
    std::fprintf(stderr, "expo-tool bake: %s\n", st.message().c_str());
    return 1;
  }
  progress.done(m);
  std::printf("%s\n", fmt::format("wrote {}", a.out).c_str());
  return 0;
}

int bakeWholeExpo(const BakeArgs& a) {
  fs::path manifest = a.input;
  std::error_code ec;
  if (fs::is_directory(manifest, ec)) manifest /= "expo.json";
  auto expo = expo::loadExpoManifest(manifest);
  if (!expo) {
    std::fprintf(stderr, "expo-tool bake: %s\n", expo.message().c_str());
    return 2;
  }
  const fs::path root = manifest.parent_path();
  std::vector<std::string> paths;
  auto addPath = [&](const std::string& p) {
    if (!p.empty() && std::find(paths.begin(), paths.end(), p) == paths.end()) paths.push_back(p);
  };
  for (const auto& p : expo->pavilions) addPath(p.model);
  for (const auto& s : expo->styles) addPath(s.model);
  for (const auto& b : expo->booths) addPath(b.model);
  std::vector<bake::ExpoBakeModel> models;
  size_t skipped = 0;
  for (const std::string& p : paths) {
    auto resolved = resolveInsideRoot(root, p);
    if (!resolved) {
      std::fprintf(stderr, "expo-tool bake: %s: %s\n", manifest.string().c_str(), resolved.message().c_str());
      return 2;
    }
    auto model = loadForBake(*resolved);
    if (!model) {
      std::fprintf(stderr, "expo-tool bake: %s\n", model.message().c_str());
      return 2;
    }
    if (!bake::storedBakeKey(*model).empty()) {
      if (!a.force) {
        ++skipped;
        std::fprintf(stderr, "expo-tool bake: %s: already baked, kept (--force bakes it again)\n", p.c_str());
      } else if (auto st = bake::stripBake(*model); !st) {
        std::fprintf(stderr, "expo-tool bake: %s: %s\n", p.c_str(), st.message().c_str());
        return 2;
      }
    }
    models.push_back({p, std::move(*model)});
  }
  BakeProgress progress("bake");
  bake::ExpoBakeOptions options;
  options.booths = bakeSettings(a.bake);
  options.pavilions = bakeSettings(a.bake);
  if (a.bake.hallLevel > 0.0f) {
    options.matchHallLevel = false;
    options.booths.environmentScale = a.bake.hallLevel;
  }
  // Models already baked are kept as they are: "reused" under any key.
  options.reuse = [&](const std::string& path, const std::string&) -> std::optional<assets::Model> {
    for (const auto& m : models)
      if (m.path == path && !bake::storedBakeKey(m.model).empty()) return m.model;
    return std::nullopt;
  };
  options.progress = [&](size_t i, size_t n, const std::string& path, float f, const char* phase) {
    progress.update(i, n, path, f, phase);
  };
  auto report = bake::bakeExpo(*expo, models, options);
  if (!report) {
    std::fprintf(stderr, "\nexpo-tool bake: %s\n", report.message().c_str());
    return 1;
  }
  for (const auto& m : models) {
    if (!m.baked || m.reused) continue;
    progress.done(m);
    auto resolved = resolveInsideRoot(root, m.path);
    if (!resolved) return 1;
    if (auto st = writeBaked(*resolved, m.model); !st) {
      std::fprintf(stderr, "expo-tool bake: %s\n", st.message().c_str());
      return 1;
    }
  }
  std::printf("%s\n", fmt::format("baked {} models of {} ({} kept as baked before) in {:.1f} s; booths lit at {:.2f} of "
                                  "the open sky (the halls' aisles)",
                                  report->baked, manifest.string(), skipped, report->seconds, report->hallLevel)
                          .c_str());
  return 0;
}

int runBake(const BakeArgs& a) {
  std::error_code ec;
  const fs::path in(a.input);
  std::string ext = in.extension().string();
  for (char& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".glb" || ext == ".gltf") return bakeOneModel(a);
  if (!fs::exists(in, ec)) {
    std::fprintf(stderr, "expo-tool bake: %s: no such file or folder\n", a.input.c_str());
    return 2;
  }
  if (!a.out.empty()) {
    std::fprintf(stderr, "expo-tool bake: %s: an expo is baked in place; --out is for one model\n", a.input.c_str());
    return 2;
  }
  return bakeWholeExpo(a);
}

}  // namespace

void addBakeCommand(CLI::App& app, int& exitCode) {
  auto args = std::make_shared<BakeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "bake", "Bake light (ambient occlusion, sky, fixtures, one bounce) into a model or an expo's models, with Embree");
  cmd->add_option("INPUT", args->input, "MODEL.glb / .gltf, or an expo folder or expo.json")->required();
  cmd->add_option("--out", args->out, "where to write the baked model (a model only)");
  cmd->add_flag("--force", args->force, "bake models that carry a bake again (their texture bake is replaced)");
  cmd->add_option("--hall-level", args->bake.hallLevel,
                  "light around a booth as a share of the open sky (default: 1 for a model, measured in the halls' "
                  "aisles for an expo)")
      ->check(CLI::Range(0.05f, 1.0f));
  addBakeOptions(*cmd, args->bake);
  cmd->callback([args, &exitCode] { exitCode = runBake(*args); });
}

}  // namespace cx::tool
