// expo-tool: generate, check, render (and later bench, place, preview) expos from the command line.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "commands.h"
#include "cx/core/log.h"
#include "cx/core/sanitizer.h"
#include "cx/expo/version_text.h"

int main(int argc, char** argv) {
  cx::pinVulkanDriverForLeakCheck();
  CLI::App app{"expo-tool: generate, bake, check and render CloudExpo expos"};
  app.require_subcommand(1);
  app.set_version_flag("--version", cx::expo::versionText("expo-tool"));
  std::string logLevel = "info";
  cx::initLogging(cx::LogLevel::Info);
  app.add_option("--log", logLevel, "log level: trace, debug, info, warn, error, off")
      ->each([](const std::string& level) { cx::setLogLevel(cx::parseLogLevel(level)); });
  int exitCode = 0;
  cx::tool::addRenderCommand(app, exitCode);
  cx::tool::addGenerateCommand(app, exitCode);
  cx::tool::addCheckCommand(app, exitCode);
  cx::tool::addBenchCommand(app, exitCode);
  cx::tool::addPlaceCommand(app, exitCode);
  cx::tool::addPreviewCommand(app, exitCode);
  cx::tool::addBakeCommand(app, exitCode);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    // Unexpected failures (a Vulkan device loss, out of memory) end up here, once.
    std::fprintf(stderr, "expo-tool: fatal: %s\n", e.what());
    return 70;
  }
  return exitCode;
}
