// expo-tool generate OUT_DIR [--exhibitors N] [--seed S] [--free-plots N]
// Writes the deterministic sample expo (cx/expo/sample_expo.h): OUT_DIR/expo.json and
// OUT_DIR/models/*.glb.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <memory>

#include "commands.h"
#include "cx/expo/sample_expo.h"

namespace cx::tool {

namespace {

struct GenerateArgs {
  std::string outDir;
  expo::SampleExpoOptions options;
};

int runGenerate(const GenerateArgs& args) {
  auto t0 = std::chrono::steady_clock::now();
  Result<expo::SampleExpo> sample = expo::buildSampleExpo(args.options);
  if (!sample) {
    std::fprintf(stderr, "expo-tool generate: %s\n", sample.message().c_str());
    return 2;
  }
  auto t1 = std::chrono::steady_clock::now();
  if (Status written = expo::writeSampleExpo(*sample, args.outDir); !written) {
    std::fprintf(stderr, "expo-tool generate: %s\n", written.message().c_str());
    return 1;
  }
  auto t2 = std::chrono::steady_clock::now();
  auto ms = [](auto a, auto b) { return std::chrono::duration<double, std::milli>(b - a).count(); };
  const expo::Expo& e = sample->expo;
  std::printf(
      "%s\n",
      fmt::format("wrote {}/expo.json: {} pavilions ({:.0f} m2), {} booths, {} exhibitors, {} events, "
                  "{} models (seed {}; built in {:.0f} ms, written in {:.0f} ms)",
                  args.outDir, e.pavilions.size(), e.venue.totalAreaM2, e.booths.size(), e.exhibitors.size(),
                  e.events.size(), sample->models.size(), args.options.seed, ms(t0, t1), ms(t1, t2))
          .c_str());
  return 0;
}

}  // namespace

void addGenerateCommand(CLI::App& app, int& exitCode) {
  auto args = std::make_shared<GenerateArgs>();
  CLI::App* cmd = app.add_subcommand(
      "generate", "Generate the sample expo (13th China-Northeast Asia Expo) into a folder");
  cmd->add_option("OUT_DIR", args->outDir, "output folder (created when missing)")->required();
  cmd->add_option("--exhibitors", args->options.exhibitors,
                  "number of exhibitors; more than 1001 grows the halls")
      ->check(CLI::Range(1, expo::kMaxSampleExhibitors))
      ->capture_default_str();
  cmd->add_option("--seed", args->options.seed, "seed of the deterministic generator")->capture_default_str();
  cmd->add_option("--free-plots", args->options.freePlots, "extra plots without an exhibitor")
      ->check(CLI::Range(0, expo::kMaxSampleExhibitors))
      ->capture_default_str();
  cmd->callback([args, &exitCode] { exitCode = runGenerate(*args); });
}

}  // namespace cx::tool
