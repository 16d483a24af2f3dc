// expo-tool place EXPO --exhibitor ID --model booth.glb [--at X,Z] [--rot DEG] [--auto] [--scale S]
//                      [--name NAME] [--dry-run]
// Imports an exhibitor's booth model, checks the per-booth budget and the plot rules
// (cx/expo/placement.h), and on success copies the model into EXPO/booths/ under a safe name and
// updates expo.json atomically. Always prints a report of every rule with its numbers.
// Exit status: 0 placed (or would be, with --dry-run), 1 a rule failed (nothing written),
// 2 bad input (unreadable manifest, unknown exhibitor, a model that does not load, bad options),
// 128 + N interrupted by signal N (SIGINT, SIGTERM) before writing anything.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>

#include "commands.h"
#include "cx/assets/gltf.h"
#include "cx/core/file.h"
#include "cx/core/path.h"
#include "cx/core/shutdown.h"
#include "cx/expo/manifest.h"
#include "cx/expo/placement.h"
#include "write_stdout.h"

namespace cx::tool {

namespace fs = std::filesystem;

namespace {

constexpr int kExitOk = 0, kExitRule = 1, kExitBadInput = 2;

struct PlaceArgs {
  std::string input;
  std::string exhibitor;
  std::string model;
  std::string at;
  std::optional<float> rot;
  bool autoPlot = false;
  bool dryRun = false;
  float scale = 1.0f;
  std::string name;
};

int badInput(const std::string& message) {
  std::fprintf(stderr, "expo-tool place: %s\n", message.c_str());
  return kExitBadInput;
}

void printReport(const expo::PlacementReport& report) {
  for (const expo::PlacementCheck& c : report.checks)
    writeStdout(fmt::format("{}  {:<17} {:<34} limit {:<30} {}\n", c.passed ? "PASS" : "FAIL", c.rule, c.measured,
                      c.limit, c.detail));
  writeStdout(fmt::format("{} rules, {} failed\n", report.checks.size(), report.failed()));
}

int runPlace(const PlaceArgs& args) {
  fs::path manifest = args.input;
  std::error_code ec;
  if (fs::is_directory(manifest, ec)) manifest /= "expo.json";
  const fs::path root = manifest.parent_path().empty() ? fs::path(".") : manifest.parent_path();
  Result<expo::Expo> loaded = expo::loadExpoManifest(manifest);
  if (!loaded) return badInput(loaded.message());
  if (args.autoPlot && !args.at.empty()) return badInput("--auto and --at exclude each other");
  std::optional<glm::vec2> at;
  if (!args.at.empty()) {
    float x = 0, z = 0;
    char tail = 0;
    if (std::sscanf(args.at.c_str(), "%f,%f%c", &x, &z, &tail) != 2 || !std::isfinite(x) || !std::isfinite(z))
      return badInput(fmt::format("--at: expected X,Z in metres (e.g. 12.5,-3), got \"{}\"", args.at));
    at = glm::vec2(x, z);
  }
  if (args.rot && !std::isfinite(*args.rot)) return badInput("--rot: expected a number of degrees");
  std::optional<size_t> booth = expo::findExhibitorBooth(*loaded, args.exhibitor);
  if (!booth)
    return badInput(fmt::format("{}: exhibitor \"{}\" does not exist or has no booth", manifest.string(),
                                args.exhibitor));
  // The copy's name: sanitised, inside the expo root. A --name with a path is refused, not guessed at.
  if (!args.name.empty() && expo::sanitizeFileName(args.name) != args.name)
    return badInput(
        fmt::format("--name \"{}\": use a plain file name (letters, digits, . _ -; no '/')", args.name));
  std::string rel = expo::boothModelRelativePath(
      args.exhibitor, args.name.empty() ? fs::path(args.model).filename().string() : args.name);
  Result<fs::path> dest = resolveInsideRoot(root, rel);
  if (!dest) return badInput(dest.message());

  Result<expo::ImportedModel> model = expo::importBoothModel(args.model, args.scale);
  if (!model) {
    writeStdout(fmt::format("FAIL  {:<17} {}\n", "model-load", model.message()));
    return badInput(model.message());
  }

  expo::Expo placed = *loaded;
  size_t target = *booth;
  std::string how;
  expo::PlacementOptions options;
  if (args.autoPlot) {
    expo::AutoPlot plot = expo::findBestPlot(placed, *booth, model->stats, options);
    writeStdout(fmt::format("auto: {}\n", plot.why));
    if (!plot.booth) {
      expo::PlacementReport report;
      expo::appendModelChecks(report, *model, placed.booths[*booth].footprint, options.budget);
      expo::appendPlotChecks(report, placed, *booth, &model->stats, options);
      printReport(report);
      writeStdout("not placed: no plot fits\n");
      return kExitRule;
    }
    target = *plot.booth;
    expo::moveExhibitorToPlot(placed, *booth, target);
  }
  expo::Booth& b = placed.booths[target];
  if (at) b.position = *at;
  if (args.rot) b.rotationDeg = *args.rot;
  b.model = rel;

  expo::PlacementReport report;
  expo::appendModelChecks(report, *model, b.footprint, options.budget);
  expo::appendPlotChecks(report, placed, target, &model->stats, options);
  writeStdout(fmt::format(
      "exhibitor {} -> booth {} in pavilion {} at ({:.2f}, {:.2f}), rotated {:.1f} deg, model {}\n",
      args.exhibitor, b.id, b.pavilion, b.position.x, b.position.y, b.rotationDeg, rel));
  printReport(report);
  if (!report.ok()) {
    writeStdout("not placed: fix the failed rules (nothing was written)\n");
    return kExitRule;
  }
  if (args.dryRun) {
    writeStdout("dry run: every rule passed; nothing was written\n");
    return kExitOk;
  }

  // SIGINT / SIGTERM: before the writes, stop with nothing written; once they have begun, finish both,
  // so a signal never leaves a half-placed booth or a temp file (a second signal still forces the
  // exit, and its handler removes the temp file being written).
  if (shutdownRequested()) {
    std::fprintf(stderr, "expo-tool place: interrupted by %s; nothing was written\n", signalName(shutdownSignal()));
    return interruptedExitStatus();
  }
  // The model first, then the manifest: a crash in between leaves an unused file, never a manifest
  // naming a missing model. Both writes are atomic.
  std::string ext = fs::path(args.model).extension().string();
  Result<std::vector<uint8_t>> bytes = (args.scale == 1.0f && (ext == ".glb" || ext == ".GLB"))
                                           ? readFileBytes(args.model)
                                           : assets::writeGltfToMemory(model->model, rel);
  if (!bytes) return badInput(bytes.message());
  fs::create_directories(dest->parent_path(), ec);
  if (ec) {
    std::fprintf(stderr, "expo-tool place: %s: %s\n", dest->parent_path().string().c_str(),
                 ec.message().c_str());
    return kExitBadInput;
  }
  if (Status s = writeFileAtomic(*dest, *bytes); !s) return badInput(s.message());
  if (Status s = expo::saveExpoManifest(placed, manifest); !s) return badInput(s.message());
  writeStdout(fmt::format("placed: wrote {} and {}\n", dest->string(), manifest.string()));
  return kExitOk;
}

}  // namespace

void addPlaceCommand(CLI::App& app, int& exitCode) {
  auto args = std::make_shared<PlaceArgs>();
  CLI::App* cmd = app.add_subcommand(
      "place",
      "Place an exhibitor's booth model: import it, check the budget and the plot rules, copy it into the "
      "expo and update expo.json atomically. Exit status: 0 success, 1 a rule failed (nothing written), "
      "2 bad input");
  cmd->add_option("EXPO", args->input, "expo folder or its expo.json")->required();
  cmd->add_option("--exhibitor", args->exhibitor, "exhibitor id")->required();
  cmd->add_option("--model", args->model, "the booth model (.glb or .gltf)")->required();
  cmd->add_option("--at", args->at, "new footprint centre X,Z in metres (default: where the booth is)");
  cmd->add_option("--rot", args->rot, "rotation in degrees about +Y (default: unchanged)");
  cmd->add_flag("--auto", args->autoPlot,
                "choose the plot: the current one if it fits, else the fitting free plot of the pavilion "
                "nearest to an entrance");
  cmd->add_option("--scale", args->scale, "uniform scale applied on import (0.01: cm, 0.001: mm)")
      ->capture_default_str();
  cmd->add_option("--name", args->name, "file name of the copy in EXPO/booths/ (default: the model's name)");
  cmd->add_flag("--dry-run", args->dryRun, "check and report only; write nothing");
  cmd->callback([args, &exitCode] {
    installShutdownHandlers();  // place only: the other commands stop at once on Ctrl+C, as before
    exitCode = runPlace(*args);
  });
}

}  // namespace cx::tool
