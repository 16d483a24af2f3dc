// Placeholder registration; replaced by the real subcommand in this file.
#include <CLI/CLI.hpp>

#include "commands.h"

namespace cx::tool {

void addGenerateCommand(CLI::App& app, int& exitCode) {
  (void)app;
  (void)exitCode;
}

}  // namespace cx::tool
