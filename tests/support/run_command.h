#pragma once
// Running a command line from a test (the cloudexpo and expo-tool binaries, xvfb-run) and reading
// what it wrote: shared by the viewer, XR and exhibitor end-to-end tests.
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace cx::testing {

struct CommandRun {
  int exitCode = -1;   // -1 when the process did not exit normally (a signal)
  std::string output;  // stdout and stderr together
};

// Runs `command` through the shell with stdout and stderr sent to `outputFile`, then reads it back.
CommandRun runCommand(const std::string& command, const std::filesystem::path& outputFile);

// An empty folder under the temp directory, unique to this process: "cx-<prefix>-<name>-<pid>".
std::filesystem::path freshTempDir(const std::string& prefix, const std::string& name);

void writeText(const std::filesystem::path& path, const std::string& text);
std::string readText(const std::filesystem::path& path);
// Parses a JSON file; a missing or broken file gives a discarded value (is_discarded()).
nlohmann::json readJson(const std::filesystem::path& path);

}  // namespace cx::testing
