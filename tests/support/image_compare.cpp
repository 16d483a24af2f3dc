#include "image_compare.h"

#include <stb_image.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>

namespace cx::testing {
namespace fs = std::filesystem;

bool loadPng(const fs::path& path, RgbaImage& out, std::string* error) {
  int w = 0, h = 0, n = 0;
  unsigned char* data = stbi_load(path.c_str(), &w, &h, &n, 4);
  if (!data) {
    if (error) *error = path.string() + ": " + (stbi_failure_reason() ? stbi_failure_reason() : "cannot load");
    return false;
  }
  out.width = uint32_t(w);
  out.height = uint32_t(h);
  out.rgba.assign(data, data + size_t(w) * h * 4);
  stbi_image_free(data);
  return true;
}

bool savePng(const fs::path& path, const RgbaImage& image) {
  fs::create_directories(path.parent_path());
  return stbi_write_png(path.c_str(), int(image.width), int(image.height), 4, image.rgba.data(),
                        int(image.width * 4)) != 0;
}

CompareResult compareImages(const RgbaImage& expected, const RgbaImage& actual, const Tolerance& tol) {
  CompareResult r;
  if (expected.width != actual.width || expected.height != actual.height) {
    std::ostringstream s;
    s << "size differs: expected " << expected.width << "x" << expected.height << ", got " << actual.width << "x"
      << actual.height;
    r.message = s.str();
    return r;
  }
  uint64_t sum = 0;
  const size_t pixels = size_t(expected.width) * expected.height;
  for (size_t i = 0; i < pixels; ++i) {
    int worst = 0;
    for (int c = 0; c < 4; ++c) {
      int d = std::abs(int(expected.rgba[i * 4 + c]) - int(actual.rgba[i * 4 + c]));
      worst = std::max(worst, d);
      sum += uint64_t(d);
    }
    r.maxDifference = std::max(r.maxDifference, worst);
    if (worst > tol.channelTolerance) ++r.badPixels;
  }
  r.meanDifference = pixels ? double(sum) / double(pixels * 4) : 0.0;
  const double badFraction = pixels ? double(r.badPixels) / double(pixels) : 0.0;
  r.match = badFraction <= tol.maxBadFraction;
  std::ostringstream s;
  s << r.badPixels << " of " << pixels << " pixels (" << badFraction * 100.0 << "%) differ by more than "
    << tol.channelTolerance << "; allowed " << tol.maxBadFraction * 100.0 << "%; max difference " << r.maxDifference
    << ", mean " << r.meanDifference;
  r.message = s.str();
  return r;
}

CompareResult compareWithGolden(const std::string& name, const RgbaImage& actual, const Tolerance& tol) {
  const fs::path golden = fs::path(CX_GOLDEN_DIR) / (name + ".png");
  const char* update = std::getenv("CX_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    savePng(golden, actual);
    CompareResult r;
    r.match = true;
    r.message = "golden written: " + golden.string();
    return r;
  }
  RgbaImage expected;
  std::string error;
  if (!loadPng(golden, expected, &error)) {
    CompareResult r;
    r.message = "no golden image (" + error + "); run with CX_UPDATE_GOLDEN=1 to create it";
    return r;
  }
  CompareResult r = compareImages(expected, actual, tol);
  if (!r.match) {
    fs::path outDir = fs::temp_directory_path() / "cloudexpo-golden-failures";
    savePng(outDir / (name + ".actual.png"), actual);
    RgbaImage diff = actual;
    for (size_t i = 0; i + 3 < diff.rgba.size() && expected.rgba.size() == diff.rgba.size(); i += 4) {
      int d = 0;
      for (int c = 0; c < 3; ++c) d = std::max(d, std::abs(int(expected.rgba[i + c]) - int(actual.rgba[i + c])));
      diff.rgba[i] = uint8_t(std::min(255, d * 4));
      diff.rgba[i + 1] = diff.rgba[i + 2] = 0;
      diff.rgba[i + 3] = 255;
    }
    savePng(outDir / (name + ".diff.png"), diff);
    r.message += "; actual and diff written to " + outDir.string();
  }
  return r;
}

double meanLuminance(const RgbaImage& img, uint32_t x0, uint32_t y0, uint32_t x1, uint32_t y1) {
  double sum = 0.0;
  uint64_t n = 0;
  for (uint32_t y = y0; y < std::min(y1, img.height); ++y) {
    for (uint32_t x = x0; x < std::min(x1, img.width); ++x) {
      const uint8_t* p = &img.rgba[(size_t(y) * img.width + x) * 4];
      sum += (p[0] + p[1] + p[2]) / 3.0;
      ++n;
    }
  }
  return n ? sum / double(n) : 0.0;
}

}  // namespace cx::testing
