#include "stereo_consistency.h"

#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

namespace cx::testing {
namespace {

double coverageOf(const EyeCapture& eye) {
  if (eye.depth.empty()) return 0.0;
  uint64_t covered = 0;
  for (float d : eye.depth) covered += d > 0.0f;
  return double(covered) / double(eye.depth.size());
}

bool coloursAgree(const RgbaImage& a, size_t ia, const RgbaImage& b, size_t ib, int tolerance) {
  for (int c = 0; c < 3; ++c)
    if (std::abs(int(a.rgba[ia * 4 + c]) - int(b.rgba[ib * 4 + c])) > tolerance) return false;
  return true;
}

// Re-projects every covered pixel of `from` into `to` and counts into `out`.
void reproject(const EyeCapture& from, const EyeCapture& to, int tolerance, StereoConsistency& out) {
  const int w = int(from.color.width), h = int(from.color.height);
  const glm::mat4 toWorld = glm::inverse(from.viewProj);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const size_t i = size_t(y) * w + x;
      const float d = from.depth[i];
      if (d <= 0.0f) continue;
      glm::vec4 world = toWorld * glm::vec4((x + 0.5f) / w * 2.0f - 1.0f, (y + 0.5f) / h * 2.0f - 1.0f, d, 1.0f);
      world /= world.w;
      const glm::vec4 clip = to.viewProj * world;
      if (clip.w <= 0.0f) continue;
      const glm::vec3 ndc = glm::vec3(clip) / clip.w;
      const int tx = int(std::floor((ndc.x + 1.0f) * 0.5f * w));
      const int ty = int(std::floor((ndc.y + 1.0f) * 0.5f * h));
      if (tx < 1 || ty < 1 || tx >= w - 1 || ty >= h - 1) continue;  // outside the other eye's view
      // Reverse Z with an infinite far plane: view distance is proportional to 1 / depth.
      bool same = false, agree = false, nearer = false;
      for (int dy = -1; dy <= 1; ++dy) {
        for (int dx = -1; dx <= 1; ++dx) {
          const size_t j = size_t(ty + dy) * w + (tx + dx);
          const float td = to.depth[j];
          if (td <= 0.0f) continue;  // nothing there: seen through
          const double ratio = double(ndc.z) / double(td);  // the other eye's distance / ours
          if (std::abs(ratio - 1.0) <= kSameSurface) {
            same = true;
            agree = agree || coloursAgree(from.color, i, to.color, j, tolerance);
          } else if (ratio < 1.0) {
            nearer = true;  // the other eye has something in front: hidden from it
          }
        }
      }
      if (same) {
        ++out.seenByBoth;
        out.agreeing += agree;
      } else if (!nearer) {
        ++out.seenByBoth;
        ++out.seeThrough;
      }
    }
  }
}

}  // namespace

double StereoConsistency::coverageDifference() const { return std::abs(coverage[0] - coverage[1]); }

std::string StereoConsistency::summary() const {
  return fmt::format("coverage left {:.1f}% right {:.1f}%; of {} pixels seen by both eyes {:.2f}% agree in colour, "
                     "{} seen through by the other eye",
                     coverage[0] * 100.0, coverage[1] * 100.0, seenByBoth, agreement() * 100.0, seeThrough);
}

StereoConsistency compareEyes(const EyeCapture& left, const EyeCapture& right, int colourTolerance) {
  StereoConsistency s;
  s.coverage[0] = coverageOf(left);
  s.coverage[1] = coverageOf(right);
  reproject(left, right, colourTolerance, s);
  reproject(right, left, colourTolerance, s);
  return s;
}

}  // namespace cx::testing
