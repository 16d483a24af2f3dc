// expo-tool check EXPO_DIR|expo.json [--json] [--no-models] [--no-reach] [--max-per-rule N]
// Runs the layout rules (cx/expo/layout_rules.h) on an expo. Exit status: 0 no errors (warnings
// allowed), 1 rule errors, 2 the manifest could not be read or is invalid.
#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>

#include "commands.h"
#include "cx/expo/layout_rules.h"
#include "cx/expo/manifest.h"
#include "cx/io/fetch.h"
#include "load_progress.h"
#include "write_stdout.h"

namespace cx::tool {

namespace fs = std::filesystem;

namespace {

struct CheckArgs {
  std::string input;
  bool json = false;
  bool noModels = false;
  bool noReach = false;
  size_t maxPerRule = 0;
};

int runCheck(const CheckArgs& args) {
  fs::path manifest = args.input;
  std::error_code ec;
  // A URL: download the expo (through the disk cache) into a temporary folder and check that.
  std::optional<TempFolder> mirror;
  if (io::isUrlLocator(args.input)) {
    mirror.emplace("check");
    if (Status got = mirrorExpo(args.input, mirror->path, "check"); !got) {
      std::fprintf(stderr, "expo-tool check: %s\n", got.message().c_str());
      return 2;
    }
    manifest = mirror->path;
  }
  if (fs::is_directory(manifest, ec)) manifest /= "expo.json";
  auto t0 = std::chrono::steady_clock::now();
  std::vector<std::string> manifestWarnings;
  Result<expo::Expo> loaded = expo::loadExpoManifest(manifest, &manifestWarnings);
  if (!loaded) {
    if (args.json) {
      nlohmann::json out = {{"manifest", manifest.string()}, {"loadError", loaded.message()}};
      writeStdout(out.dump(2) + "\n");
    }
    std::fprintf(stderr, "expo-tool check: %s\n", loaded.message().c_str());
    return 2;
  }
  auto t1 = std::chrono::steady_clock::now();
  expo::LayoutRuleOptions options;
  options.root = manifest.parent_path().empty() ? fs::path(".") : manifest.parent_path();
  options.checkModels = !args.noModels;
  options.checkReachability = !args.noReach;
  options.maxViolationsPerRule = args.maxPerRule;
  expo::LayoutReport report = expo::checkLayout(*loaded, options);
  auto t2 = std::chrono::steady_clock::now();
  auto ms = [](auto a, auto b) { return std::chrono::duration<double, std::milli>(b - a).count(); };

  if (args.json) {
    nlohmann::json violations = nlohmann::json::array();
    for (const auto& v : report.violations)
      violations.push_back(
          {{"rule", v.rule}, {"severity", v.severity}, {"path", v.path}, {"message", v.message}});
    nlohmann::json out = {{"manifest", manifest.string()},
                          {"pavilions", report.pavilions},
                          {"booths", report.booths},
                          {"exhibitors", report.exhibitors},
                          {"modelsChecked", report.modelsChecked},
                          {"errors", report.errors},
                          {"warnings", report.warnings},
                          {"clean", report.clean()},
                          {"manifestWarnings", manifestWarnings},
                          {"violations", violations},
                          {"loadMs", ms(t0, t1)},
                          {"checkMs", ms(t1, t2)}};
    writeStdout(out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  } else {
    writeStdout(fmt::format("{}: {} pavilions, {} booths, {} exhibitors, {} models checked\n", manifest.string(),
                      report.pavilions, report.booths, report.exhibitors, report.modelsChecked));
    for (const std::string& w : manifestWarnings) writeStdout(fmt::format("warning  manifest  {}\n", w));
    for (const auto& v : report.violations)
      writeStdout(fmt::format("{:<8} {:<24} {}: {}\n", v.severity, v.rule, v.path, v.message));
    size_t shown = report.violations.size(), total = report.errors + report.warnings;
    if (shown < total)
      writeStdout(fmt::format("({} more not shown, --max-per-rule {})\n", total - shown, args.maxPerRule));
    writeStdout(fmt::format("{} errors, {} warnings (loaded in {:.0f} ms, checked in {:.0f} ms)\n", report.errors,
                      report.warnings, ms(t0, t1), ms(t1, t2)));
  }
  return report.clean() ? 0 : 1;
}

}  // namespace

void addCheckCommand(CLI::App& app, int& exitCode) {
  auto args = std::make_shared<CheckArgs>();
  CLI::App* cmd = app.add_subcommand("check",
                                     "Check an expo's layout: floor, overlaps, aisles, heights, "
                                     "reachability, exhibitors, models and budgets");
  cmd->add_option("EXPO", args->input, "expo folder or its expo.json, or an http(s) URL of one")->required();
  cmd->add_flag("--json", args->json, "print the report as JSON");
  cmd->add_flag("--no-models", args->noModels, "do not load models (no load, budget or plot-fit checks)");
  cmd->add_flag("--no-reach", args->noReach, "skip the reachability flood fill");
  cmd->add_option("--max-per-rule", args->maxPerRule, "list at most N violations per rule (0: all)");
  cmd->callback([args, &exitCode] { exitCode = runCheck(*args); });
}

}  // namespace cx::tool
