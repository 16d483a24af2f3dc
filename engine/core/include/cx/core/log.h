#pragma once
// Logging goes through spdlog's default logger; this header only sets it up. Modules log with
// spdlog::info/warn/error directly.
#include <spdlog/spdlog.h>
#include <string_view>

namespace cx {

enum class LogLevel { Trace, Debug, Info, Warn, Error, Off };

// Parses "trace|debug|info|warn|error|off"; returns Info for anything else.
LogLevel parseLogLevel(std::string_view name);
// Configures the default logger to write to stderr at `level`. Call once from main.
void initLogging(LogLevel level);
void setLogLevel(LogLevel level);

}  // namespace cx
