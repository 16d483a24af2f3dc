#include "cx/core/log.h"

#include <spdlog/sinks/stdout_color_sinks.h>

namespace cx {

LogLevel parseLogLevel(std::string_view name) {
  if (name == "trace") return LogLevel::Trace;
  if (name == "debug") return LogLevel::Debug;
  if (name == "warn") return LogLevel::Warn;
  if (name == "error") return LogLevel::Error;
  if (name == "off") return LogLevel::Off;
  return LogLevel::Info;
}

void initLogging(LogLevel level) {
  auto logger = spdlog::get("cloudexpo");
  if (!logger) logger = spdlog::stderr_color_mt("cloudexpo");
  logger->set_pattern("[%^%l%$] %v");
  spdlog::set_default_logger(logger);
  setLogLevel(level);
}

void setLogLevel(LogLevel level) {
  static constexpr spdlog::level::level_enum kLevels[] = {spdlog::level::trace, spdlog::level::debug,
                                                          spdlog::level::info,  spdlog::level::warn,
                                                          spdlog::level::err,   spdlog::level::off};
  spdlog::set_level(kLevels[static_cast<int>(level)]);
}

}  // namespace cx
