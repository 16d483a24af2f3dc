// Packs booth plots into a rectangular hall: strips of blocks separated by aisles.
//
//   wall ─────────────────────────────────────────────
//        perimeter aisle (wallMargin)
//        [ block ] cross aisle [ block ] cross aisle [ block ]    strip 0 (front, +Z)
//        strip aisle
//        [ block ]             [ block ]             [ block ]    strip 1
//        ...
//
// A strip holds one kind of booth: free-standing booths (islands, car stands) in a line with
// gaps, or two back-to-back rows of wall-sharing booths (shell scheme, corner, studio) where each
// row faces its own aisle. Every position is a multiple of 0.5 m, so the manifest stays exact.
#include <algorithm>
#include <cmath>

#include "sample_expo_internal.h"

namespace cx::expo::sample {

namespace {

float roundUpTo(float v, float step) {
  return std::ceil(v / step - 1e-4f) * step;
}

struct StripKind {
  std::vector<StyleKind> styles;  // booths this strip takes
  bool doubleRow = false;
  float depth = 0.0f;  // of the whole strip
};

class Packer {
 public:
  Packer(float width, const HallLayoutParams& p) : p_(p) {
    float usable = width - 2.0f * p.wallMargin;
    blocks_ = std::max(1, int(std::lround((usable + p.crossAisle) / (p.targetBlock + p.crossAisle))));
    blockWidth_ = std::floor((usable - float(blocks_ - 1) * p.crossAisle) / float(blocks_));
    float grid = float(blocks_) * blockWidth_ + float(blocks_ - 1) * p.crossAisle;
    left_ = std::floor(-grid * 0.5f * 2.0f) * 0.5f;  // on the 0.5 m grid
  }

  float blockWidth() const { return blockWidth_; }

  // Free-standing booths of one size, `size` wide, centred groups in each block.
  void freeStanding(std::vector<PlotRequest>& queue, float size) {
    int perBlock = std::max(1, int((blockWidth_ + p_.islandGap) / (size + p_.islandGap)));
    float group = float(perBlock) * size + float(perBlock - 1) * p_.islandGap;
    float offset = std::floor((blockWidth_ - group)) * 0.5f;
    size_t next = 0;
    while (next < queue.size()) {
      beginStrip(size);
      for (int b = 0; b < blocks_ && next < queue.size(); ++b) {
        for (int i = 0; i < perBlock && next < queue.size(); ++i) {
          float x = blockLeft(b) + offset + float(i) * (size + p_.islandGap) + size * 0.5f;
          place(queue[next++], {x, z_ - size * 0.5f}, 0.0f);
        }
      }
      endStrip(size);
    }
  }

  // Two back-to-back rows. Row items are taken from `ends` (placed at the row ends, e.g. corner
  // booths) and `middles`; widths along the row, `rowDepth` deep.
  void doubleRows(std::vector<PlotRequest>& ends, float endWidth, std::vector<PlotRequest>& middles,
                  float middleWidth, float rowDepth) {
    size_t e = 0, m = 0;
    while (e < ends.size() || m < middles.size()) {
      beginStrip(2.0f * rowDepth);
      for (int b = 0; b < blocks_; ++b) {
        for (int row = 0; row < 2; ++row) {
          if (e >= ends.size() && m >= middles.size()) break;
          // Ends at both row ends when there are middles between them, then middles, then (once
          // middles run out) more ends; placed contiguously from the block's left edge.
          std::vector<std::pair<const PlotRequest*, float>> items, back;
          float room = blockWidth_;
          if (e < ends.size() && room >= endWidth) {
            items.emplace_back(&ends[e++], endWidth);
            room -= endWidth;
          }
          if (e < ends.size() && m < middles.size() && room >= endWidth + middleWidth) {
            back.emplace_back(&ends[e++], endWidth);
            room -= endWidth;
          }
          while (m < middles.size() && room >= middleWidth) {
            items.emplace_back(&middles[m++], middleWidth);
            room -= middleWidth;
          }
          while (m >= middles.size() && e < ends.size() && room >= endWidth) {
            items.emplace_back(&ends[e++], endWidth);
            room -= endWidth;
          }
          items.insert(items.end(), back.begin(), back.end());
          float x = blockLeft(b);
          // Row 0 faces the front aisle (+Z), row 1 the back aisle (rotated 180 degrees).
          float zc = row == 0 ? z_ - rowDepth * 0.5f : z_ - rowDepth * 1.5f;
          for (auto& [req, w] : items) {
            place(*req, {x + w * 0.5f, zc}, row == 0 ? 0.0f : 180.0f);
            x += w;
          }
        }
      }
      endStrip(2.0f * rowDepth);
    }
  }

  // Moves strips apart (up to `maxExtra` per aisle) so the hall of `depth` looks evenly used,
  // then shifts everything so strip 0 starts at the front perimeter aisle.
  std::vector<PlacedPlot> finish(float depth, float maxExtra) {
    float used = usedDepth();
    int aisles = std::max(0, strip_ - 1);
    float extra = 0.0f;
    if (aisles > 0) {
      float spare = depth - 2.0f * p_.wallMargin - used;
      extra = std::clamp(std::floor(spare / float(aisles) * 2.0f) * 0.5f, 0.0f, maxExtra);
    }
    float front = depth * 0.5f - p_.wallMargin;
    for (PlacedPlot& plot : plots_) plot.center.y += front - extra * float(plot.strip);
    return std::move(plots_);
  }

  // Depth from the first strip's front to the last strip's back.
  float usedDepth() const { return strip_ == 0 ? 0.0f : -(z_ + p_.stripAisle); }

 private:
  float blockLeft(int b) const { return left_ + float(b) * (blockWidth_ + p_.crossAisle); }
  void beginStrip(float) { number_ = 0; }
  void endStrip(float depth) {
    z_ -= depth + p_.stripAisle;
    ++strip_;
  }
  void place(const PlotRequest& req, glm::vec2 c, float rot) {
    PlacedPlot plot;
    plot.request = req;
    plot.center = c;
    plot.rotationDeg = rot;
    plot.strip = strip_;
    plot.number = ++number_;
    plots_.push_back(plot);
  }

  const HallLayoutParams& p_;
  int blocks_ = 1;
  float blockWidth_ = 0.0f;
  float left_ = 0.0f;
  float z_ = 0.0f;  // front edge of the next strip, 0 at the first
  int strip_ = 0;
  int number_ = 0;
  std::vector<PlacedPlot> plots_;
};

float footprintArea(StyleKind k) {
  glm::vec2 f = styleSpec(k).footprint;
  return f.x * f.y;
}

}  // namespace

HallPlan packHall(float minWidth, float minDepth, const std::vector<PlotRequest>& requests,
                  const HallLayoutParams& params) {
  std::vector<PlotRequest> byStyle[kStyleCount];
  double area = 0.0;
  for (const PlotRequest& r : requests) {
    byStyle[size_t(r.style)].push_back(r);
    area += footprintArea(r.style);
  }
  // Aisles take a little over half of a hall; grow the width with the square root of the need.
  const double kGrossPerNet = 2.2;
  HallPlan plan;
  double aspect = double(minWidth) / double(minDepth);
  plan.width = std::max(minWidth, roundUpTo(float(std::sqrt(area * kGrossPerNet * aspect)), 10.0f));
  plan.width = std::max(plan.width, 12.0f + 2.0f * params.wallMargin);

  Packer packer(plan.width, params);
  auto& shells = byStyle[size_t(StyleKind::Shell)];
  auto& corners = byStyle[size_t(StyleKind::Corner)];
  auto& studios = byStyle[size_t(StyleKind::Studio)];
  std::vector<PlotRequest> none;
  packer.freeStanding(byStyle[size_t(StyleKind::Car)], 12.0f);
  packer.freeStanding(byStyle[size_t(StyleKind::Island9)], 9.0f);
  packer.freeStanding(byStyle[size_t(StyleKind::Island6)], 6.0f);
  packer.doubleRows(none, 0.0f, studios, 6.0f, 5.0f);
  packer.doubleRows(corners, 6.0f, shells, 3.0f, 3.0f);

  plan.depth = std::max(minDepth, roundUpTo(packer.usedDepth() + 2.0f * params.wallMargin, 10.0f));
  plan.plots = packer.finish(plan.depth, 4.0f);
  return plan;
}

}  // namespace cx::expo::sample
