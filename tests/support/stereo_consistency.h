#pragma once
// Do two eyes see the same world? Each eye's image, depth (reverse Z: 1 at the near plane, 0 where
// nothing was drawn) and view-projection. Every pixel with geometry is re-projected into the other
// eye through the depth buffer:
// - the other eye has the same surface there (its depth within kSameSurface, relative, at the
//   pixel or one of its 8 neighbours): the pixel is seen by both, and agrees when one of those
//   neighbours' colours is within the colour tolerance in every channel;
// - the other eye sees something nearer there: the surface is hidden from it (parallax), ignored;
// - the other eye sees farther, or nothing, there: it sees through a surface this eye sees, so
//   something is missing from it. Such pixels count as seen by both and disagreeing.
// Coverage is the share of pixels with geometry.
#include <cstdint>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "image_compare.h"

namespace cx::testing {

struct EyeCapture {
  RgbaImage color;
  std::vector<float> depth;  // width * height, rows top to bottom
  glm::mat4 viewProj{1.0f};  // world -> Vulkan clip space (y down, reverse Z)
};

struct StereoConsistency {
  double coverage[2] = {0.0, 0.0};
  uint64_t seenByBoth = 0;  // pixels of either eye whose surface the other eye has too, or sees through
  uint64_t agreeing = 0;    // of those, the pixels whose colour agrees
  uint64_t seeThrough = 0;  // of those, the pixels whose surface the other eye sees through
  double agreement() const { return seenByBoth ? double(agreeing) / double(seenByBoth) : 0.0; }
  double coverageDifference() const;
  std::string summary() const;
};

inline constexpr double kSameSurface = 0.03;  // relative depth difference still the same surface

StereoConsistency compareEyes(const EyeCapture& left, const EyeCapture& right, int colourTolerance);

}  // namespace cx::testing
