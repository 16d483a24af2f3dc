#pragma once
// Golden-image comparison for render tests. Two images match when at most `maxBadFraction` of the
// pixels differ by more than `channelTolerance` (out of 255) in any channel. Set
// CX_UPDATE_GOLDEN=1 to (re)write the references instead of comparing.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace cx::testing {

struct RgbaImage {
  uint32_t width = 0;
  uint32_t height = 0;
  std::vector<uint8_t> rgba;
};

struct Tolerance {
  int channelTolerance = 8;
  double maxBadFraction = 0.005;
};

struct CompareResult {
  bool match = false;
  uint64_t badPixels = 0;
  int maxDifference = 0;
  double meanDifference = 0.0;
  std::string message;
};

bool loadPng(const std::filesystem::path& path, RgbaImage& out, std::string* error);
bool savePng(const std::filesystem::path& path, const RgbaImage& image);
CompareResult compareImages(const RgbaImage& expected, const RgbaImage& actual, const Tolerance& tolerance);

// Compares `actual` with tests/golden/<name>.png. On mismatch writes <name>.actual.png and
// <name>.diff.png to the build's test output folder and says where in the message.
CompareResult compareWithGolden(const std::string& name, const RgbaImage& actual, const Tolerance& tolerance = {});

// Mean absolute per-channel value over a rectangle (for region checks).
double meanLuminance(const RgbaImage& image, uint32_t x0, uint32_t y0, uint32_t x1, uint32_t y1);

}  // namespace cx::testing
