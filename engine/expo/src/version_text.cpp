#include "cx/expo/version_text.h"

#include <fmt/format.h>

#include "cx/core/version.h"
#include "cx/expo/expo.h"

namespace cx::expo {

std::string versionText(std::string_view program) {
  return fmt::format("{} {}\nexpo manifest formatVersion {} (reads and writes {})", program, versionString(),
                     kFormatVersion, kFormatVersion);
}

}  // namespace cx::expo
