#include "cx/expo/spatial_index.h"

#include <algorithm>
#include <cmath>

namespace cx::expo {

namespace {

// Cells per booth at most; a few more cells than booths keeps most cells at 0-2 entries.
constexpr double kMaxCellsPerBooth = 4.0;

bool finiteBounds(const BoothBounds& b) {
  return std::isfinite(b.center.x) && std::isfinite(b.center.y) && std::isfinite(b.halfExtents.x) &&
         std::isfinite(b.halfExtents.y) && std::isfinite(b.axisX.x) && std::isfinite(b.axisX.y) &&
         std::isfinite(b.height) && b.halfExtents.x >= 0.0f && b.halfExtents.y >= 0.0f;
}

// Lexicographic (distance, index): ties go to the lower index, as in a brute-force loop.
bool better(float d, uint32_t i, const std::optional<BoothHit>& best) {
  return !best || d < best->distance || (d == best->distance && i < best->booth);
}

}  // namespace

SpatialIndex::SpatialIndex(std::span<const BoothBounds> bounds) : bounds_(bounds.begin(), bounds.end()) {
  const size_t n = bounds_.size();
  aabbs_.resize(n);
  std::vector<bool> usable(n);
  glm::vec2 lo(std::numeric_limits<float>::max()), hi(-std::numeric_limits<float>::max());
  double extentSum = 0.0;
  size_t count = 0;
  for (size_t i = 0; i < n; ++i) {
    usable[i] = finiteBounds(bounds_[i]);
    if (!usable[i]) continue;
    footprintAabb(bounds_[i], aabbs_[i].min, aabbs_[i].max);
    lo = glm::min(lo, aabbs_[i].min);
    hi = glm::max(hi, aabbs_[i].max);
    extentSum += std::max(aabbs_[i].max.x - aabbs_[i].min.x, aabbs_[i].max.y - aabbs_[i].min.y);
    maxHeight_ = std::max(maxHeight_, bounds_[i].height);
    ++count;
  }
  if (count == 0) {
    cellStart_.assign(1, 0);
    return;
  }

  glm::vec2 size = glm::max(hi - lo, glm::vec2(1e-3f));
  double cell =
      std::max({extentSum / double(count), std::sqrt(double(size.x) * double(size.y) / double(count)), 1e-3});
  auto cellsFor = [&](double c) { return std::ceil(double(size.x) / c) * std::ceil(double(size.y) / c); };
  while (cellsFor(cell) > kMaxCellsPerBooth * double(count) + 16.0) cell *= 1.25;
  cellSize_ = float(cell);
  inverseCellSize_ = float(1.0 / cell);
  cellsX_ = std::max(1, int(std::ceil(double(size.x) / cell)));
  cellsZ_ = std::max(1, int(std::ceil(double(size.y) / cell)));
  origin_ = lo;
  extent_ = glm::vec2(float(cellsX_ * cell), float(cellsZ_ * cell));

  // Booths are registered with a small margin so that a ray or point that touches a booth exactly
  // on a cell border still finds it despite rounding in the grid walk.
  const float pad = 0.01f * cellSize_ + 1e-3f;
  cellStart_.assign(size_t(cellsX_) * size_t(cellsZ_) + 1, 0);
  auto forEachCell = [&](size_t i, auto&& visit) {
    int x0 = cellX(aabbs_[i].min.x - pad), x1 = cellX(aabbs_[i].max.x + pad);
    int z0 = cellZ(aabbs_[i].min.y - pad), z1 = cellZ(aabbs_[i].max.y + pad);
    for (int z = z0; z <= z1; ++z)
      for (int x = x0; x <= x1; ++x) visit(size_t(z) * size_t(cellsX_) + size_t(x));
  };
  for (size_t i = 0; i < n; ++i)
    if (usable[i]) forEachCell(i, [&](size_t c) { ++cellStart_[c + 1]; });
  for (size_t c = 1; c < cellStart_.size(); ++c) cellStart_[c] += cellStart_[c - 1];
  items_.resize(cellStart_.back());
  std::vector<uint32_t> fill(cellStart_.begin(), cellStart_.end() - 1);
  for (size_t i = 0; i < n; ++i)
    if (usable[i]) forEachCell(i, [&](size_t c) { items_[fill[c]++] = uint32_t(i); });
}

int SpatialIndex::cellX(float x) const {
  float f = std::floor((x - origin_.x) * inverseCellSize_);
  return int(std::clamp(f, 0.0f, float(cellsX_ - 1)));
}

int SpatialIndex::cellZ(float z) const {
  float f = std::floor((z - origin_.y) * inverseCellSize_);
  return int(std::clamp(f, 0.0f, float(cellsZ_ - 1)));
}

void SpatialIndex::queryRect(glm::vec2 min, glm::vec2 max, std::vector<uint32_t>& out) const {
  out.clear();
  if (cellsX_ == 0 || !(min.x <= max.x) || !(min.y <= max.y)) return;
  if (max.x < origin_.x || max.y < origin_.y || min.x > origin_.x + extent_.x ||
      min.y > origin_.y + extent_.y)
    return;
  int x0 = cellX(min.x), x1 = cellX(max.x), z0 = cellZ(min.y), z1 = cellZ(max.y);
  for (int z = z0; z <= z1; ++z) {
    for (int x = x0; x <= x1; ++x) {
      for (uint32_t i : cell(x, z)) {
        const Aabb& a = aabbs_[i];
        if (a.max.x < min.x || a.min.x > max.x || a.max.y < min.y || a.min.y > max.y) continue;
        // A booth spanning several cells is reported only from the cell holding the min corner
        // of (its box intersected with the query): no duplicates, no per-query scratch state.
        if (cellX(std::max(a.min.x, min.x)) != x || cellZ(std::max(a.min.y, min.y)) != z) continue;
        if (footprintOverlapsRect(bounds_[i], min, max)) out.push_back(i);
      }
    }
  }
}

std::optional<BoothHit> SpatialIndex::nearest(glm::vec2 point, float maxDist) const {
  if (cellsX_ == 0 || !std::isfinite(point.x) || !std::isfinite(point.y) || !(maxDist >= 0.0f))
    return std::nullopt;
  // Rings of cells around the cell of P, the point clamped into the grid box. For any q in the box,
  // |point - q|^2 >= |point - P|^2 + |P - q|^2 (projection onto a convex set), and a cell of ring k
  // is at least (k - 1) cells away from P: that bounds every cell of ring k from below.
  const glm::vec2 clamped = glm::clamp(point, origin_, origin_ + extent_);
  const double outside2 = double(glm::dot(point - clamped, point - clamped));
  const int cx = cellX(point.x), cz = cellZ(point.y);
  const int maxRing = std::max({cx, cellsX_ - 1 - cx, cz, cellsZ_ - 1 - cz});
  std::optional<BoothHit> best;
  auto visit = [&](int x, int z) {
    if (x < 0 || z < 0 || x >= cellsX_ || z >= cellsZ_) return;
    for (uint32_t i : cell(x, z)) {
      float d = footprintDistance(bounds_[i], point);
      if (d <= maxDist && better(d, i, best)) best = BoothHit{i, d};
    }
  };
  for (int k = 0; k <= maxRing; ++k) {
    double ring = double(std::max(k - 1, 0)) * double(cellSize_);
    double ringDistance = std::sqrt(outside2 + ring * ring);
    if (ringDistance > double(maxDist) || (best && ringDistance > double(best->distance))) break;
    if (k == 0) {
      visit(cx, cz);
      continue;
    }
    for (int x = std::max(cx - k, 0); x <= std::min(cx + k, cellsX_ - 1); ++x) {
      visit(x, cz - k);
      visit(x, cz + k);
    }
    for (int z = std::max(cz - k + 1, 0); z <= std::min(cz + k - 1, cellsZ_ - 1); ++z) {
      visit(cx - k, z);
      visit(cx + k, z);
    }
  }
  return best;
}

std::optional<BoothHit> SpatialIndex::raycast(glm::vec3 origin, glm::vec3 dir, float maxDist) const {
  if (cellsX_ == 0 || !(maxDist >= 0.0f)) return std::nullopt;
  float length = glm::length(dir);
  if (!(length > 0.0f) || !std::isfinite(length) || !std::isfinite(origin.x) || !std::isfinite(origin.y) ||
      !std::isfinite(origin.z))
    return std::nullopt;
  dir = glm::normalize(dir);

  // Clip the ray to the grid box (x, z) and to the slab 0 <= y <= tallest booth.
  double t0 = 0.0, t1 = maxDist;
  const double o[3] = {origin.x, origin.y, origin.z};
  const double d[3] = {dir.x, dir.y, dir.z};
  const double lo[3] = {origin_.x, 0.0, origin_.y};
  const double hi[3] = {double(origin_.x) + extent_.x, maxHeight_, double(origin_.y) + extent_.y};
  for (int a = 0; a < 3; ++a) {
    if (d[a] == 0.0) {
      if (o[a] < lo[a] || o[a] > hi[a]) return std::nullopt;
      continue;
    }
    double ta = (lo[a] - o[a]) / d[a], tb = (hi[a] - o[a]) / d[a];
    if (ta > tb) std::swap(ta, tb);
    t0 = std::max(t0, ta);
    t1 = std::min(t1, tb);
    if (t0 > t1) return std::nullopt;
  }

  // Walk the cells the clipped segment crosses, in order (a 2D DDA in x, z).
  const double cellLength = cellSize_;
  double ex = o[0] + d[0] * t0, ez = o[2] + d[2] * t0;
  int x = cellX(float(ex)), z = cellZ(float(ez));
  const int stepX = d[0] > 0 ? 1 : -1, stepZ = d[2] > 0 ? 1 : -1;
  const double inf = std::numeric_limits<double>::infinity();
  auto boundary = [&](int index, int step, double origin, double direction, double gridMin) {
    if (direction == 0.0) return inf;
    double edge = gridMin + double(index + (step > 0 ? 1 : 0)) * cellLength;
    return (edge - origin) / direction;
  };
  double nextX = boundary(x, stepX, o[0], d[0], origin_.x);
  double nextZ = boundary(z, stepZ, o[2], d[2], origin_.y);
  const double deltaX = d[0] == 0.0 ? inf : cellLength / std::fabs(d[0]);
  const double deltaZ = d[2] == 0.0 ? inf : cellLength / std::fabs(d[2]);

  std::optional<BoothHit> best;
  for (;;) {
    for (uint32_t i : cell(x, z)) {
      if (auto t = rayBoothDistance(bounds_[i], origin, dir, maxDist); t && better(*t, i, best))
        best = BoothHit{i, *t};
    }
    double next = std::min(nextX, nextZ);
    if (next > t1 || (best && next > double(best->distance))) break;
    if (nextX < nextZ) {
      x += stepX;
      nextX += deltaX;
    } else {
      z += stepZ;
      nextZ += deltaZ;
    }
    if (x < 0 || z < 0 || x >= cellsX_ || z >= cellsZ_) break;
  }
  return best;
}

}  // namespace cx::expo
