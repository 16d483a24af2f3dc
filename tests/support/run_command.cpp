#include "run_command.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace cx::testing {

CommandRun runCommand(const std::string& command, const std::filesystem::path& outputFile) {
  const std::string full = command + " > '" + outputFile.string() + "' 2>&1";
  const int status = std::system(full.c_str());
  CommandRun r;
  r.exitCode = (status != -1 && WIFEXITED(status)) ? WEXITSTATUS(status) : -1;
  r.output = readText(outputFile);
  return r;
}

std::filesystem::path freshTempDir(const std::string& prefix, const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("cx-" + prefix + "-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

void writeText(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::string readText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

nlohmann::json readJson(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return nlohmann::json(nlohmann::json::value_t::discarded);
  return nlohmann::json::parse(in, nullptr, false);
}

}  // namespace cx::testing
