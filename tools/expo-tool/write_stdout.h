#pragma once
// Report text goes to stdout unformatted (it may hold any UTF-8 and '%').
#include <cstdio>
#include <string>

namespace cx::tool {

inline void writeStdout(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
}

}  // namespace cx::tool
