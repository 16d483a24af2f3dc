#pragma once
// Each expo-tool subcommand lives in its own cmd_*.cpp and registers itself on the CLI11 app.
// The callback stores the exit code in `exitCode`.
namespace CLI {
class App;
}

namespace cx::tool {

void addRenderCommand(CLI::App& app, int& exitCode);
void addGenerateCommand(CLI::App& app, int& exitCode);
void addCheckCommand(CLI::App& app, int& exitCode);
void addBenchCommand(CLI::App& app, int& exitCode);
void addPlaceCommand(CLI::App& app, int& exitCode);    // cmd_place.cpp (issue 7)
void addPreviewCommand(CLI::App& app, int& exitCode);  // cmd_preview.cpp (issue 7)
void addBakeCommand(CLI::App& app, int& exitCode);     // cmd_bake.cpp (issue 21)

}  // namespace cx::tool
