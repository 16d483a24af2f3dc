#pragma once
// A uniform grid over booth footprints for picking, hover and culling-by-area. Built once per
// layout (about 10 ms for 100k booths); the queries are const, allocation-free apart from the
// caller's output vector, and safe to run from several threads at once.
//
// Every query gives exactly what a brute-force loop over all booths with the functions of
// footprint.h gives, ties going to the lower booth index.
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <vector>

#include <glm/glm.hpp>

#include "cx/expo/footprint.h"

namespace cx::expo {

struct BoothHit {
  uint32_t booth = 0;  // index into the bounds the index was built from
  float distance = 0.0f;
};

class SpatialIndex {
 public:
  SpatialIndex() = default;
  // Booths with non-finite bounds are left out of every query.
  explicit SpatialIndex(std::span<const BoothBounds> bounds);

  // The nearest booth box (y from 0 to its height) hit by origin + t * normalize(dir), 0 <= t <=
  // maxDist; distance 0 when the origin is inside a box. nullopt on a miss or a zero direction.
  std::optional<BoothHit> raycast(glm::vec3 origin, glm::vec3 dir,
                                  float maxDist = std::numeric_limits<float>::infinity()) const;

  // Replaces `out` with the booths whose footprints touch the closed rectangle [min, max] in world
  // (x, z), in no particular order.
  void queryRect(glm::vec2 min, glm::vec2 max, std::vector<uint32_t>& out) const;

  // The booth whose footprint is nearest to `point` in (x, z) (distance 0 inside it), if any lies
  // within maxDist.
  std::optional<BoothHit> nearest(glm::vec2 point,
                                  float maxDist = std::numeric_limits<float>::infinity()) const;

  size_t size() const { return bounds_.size(); }
  const std::vector<BoothBounds>& bounds() const { return bounds_; }
  float cellSize() const { return cellSize_; }

 private:
  struct Aabb {
    glm::vec2 min, max;
  };
  int cellX(float x) const;
  int cellZ(float z) const;
  std::span<const uint32_t> cell(int x, int z) const {
    size_t c = size_t(z) * size_t(cellsX_) + size_t(x);
    return {items_.data() + cellStart_[c], items_.data() + cellStart_[c + 1]};
  }

  std::vector<BoothBounds> bounds_;
  std::vector<Aabb> aabbs_;
  std::vector<uint32_t> cellStart_;  // cellsX_ * cellsZ_ + 1 offsets into items_
  std::vector<uint32_t> items_;      // booth indices, grouped by cell
  glm::vec2 origin_{0.0f};           // world (x, z) of the grid's min corner
  glm::vec2 extent_{0.0f};           // world size covered by the grid
  float cellSize_ = 1.0f;
  float inverseCellSize_ = 1.0f;
  int cellsX_ = 0;
  int cellsZ_ = 0;
  float maxHeight_ = 0.0f;
};

}  // namespace cx::expo
