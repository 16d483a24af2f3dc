// Flood fill from the entrances of a pavilion over the free floor; see reachableBooths.
#include <algorithm>
#include <cmath>

#include "layout_rules_geometry.h"

namespace cx::expo::rules {

namespace {

constexpr int32_t kOutside = -2;
constexpr int32_t kFree = -1;

}  // namespace

std::vector<bool> reachableBooths(const Pavilion& pavilion, const std::vector<size_t>& booths,
                                  const std::vector<Rect>& rects, float cellSize, size_t maxCells) {
  std::vector<bool> reached(booths.size(), false);
  const std::vector<glm::vec2>& poly = pavilion.floor;
  if (poly.size() < 3 || booths.empty()) return reached;
  glm::vec2 lo(poly[0]), hi(poly[0]);
  for (glm::vec2 p : poly) {
    lo = glm::min(lo, p);
    hi = glm::max(hi, p);
  }
  glm::vec2 size = hi - lo;
  if (!(size.x > 0.0f && size.y > 0.0f) || !std::isfinite(size.x) || !std::isfinite(size.y)) return reached;
  float cs = std::max(cellSize, 0.05f);
  double cells = double(size.x / cs + 1.0f) * double(size.y / cs + 1.0f);
  if (cells > double(maxCells)) cs *= float(std::sqrt(cells / double(maxCells))) * 1.01f;
  const int nx = std::max(1, int(std::ceil(size.x / cs)));
  const int nz = std::max(1, int(std::ceil(size.y / cs)));
  auto centerX = [&](int x) { return lo.x + (float(x) + 0.5f) * cs; };
  auto centerZ = [&](int z) { return lo.y + (float(z) + 0.5f) * cs; };
  std::vector<int32_t> grid(size_t(nx) * size_t(nz), kOutside);
  auto at = [&](int x, int z) -> int32_t& { return grid[size_t(z) * size_t(nx) + size_t(x)]; };

  // Floor: scanlines through the cell centres, even-odd between edge crossings.
  std::vector<float> crossings;
  for (int z = 0; z < nz; ++z) {
    float cz = centerZ(z);
    crossings.clear();
    for (size_t i = 0, j = poly.size() - 1; i < poly.size(); j = i++) {
      glm::vec2 a = poly[j], b = poly[i];
      if ((a.y > cz) != (b.y > cz)) crossings.push_back(a.x + (cz - a.y) * (b.x - a.x) / (b.y - a.y));
    }
    std::sort(crossings.begin(), crossings.end());
    for (size_t k = 0; k + 1 < crossings.size(); k += 2) {
      int x0 = std::max(0, int(std::ceil((crossings[k] - lo.x) / cs - 0.5f)));
      int x1 = std::min(nx - 1, int(std::floor((crossings[k + 1] - lo.x) / cs - 0.5f)));
      for (int x = x0; x <= x1; ++x) at(x, z) = kFree;
    }
  }

  // Booths block the floor cells whose centres they cover.
  auto cellRange = [&](float a, float b, float origin, int n, int& i0, int& i1) {
    i0 = std::clamp(int(std::floor((a - origin) / cs)), 0, n - 1);
    i1 = std::clamp(int(std::floor((b - origin) / cs)), 0, n - 1);
  };
  for (size_t k = 0; k < booths.size(); ++k) {
    const Rect& r = rects[booths[k]];
    if (!r.valid) continue;
    int x0, x1, z0, z1;
    cellRange(r.aabbMin.x, r.aabbMax.x, lo.x, nx, x0, x1);
    cellRange(r.aabbMin.y, r.aabbMax.y, lo.y, nz, z0, z1);
    for (int z = z0; z <= z1; ++z)
      for (int x = x0; x <= x1; ++x) {
        int32_t& cell = at(x, z);
        if (cell == kOutside) continue;
        glm::vec2 l = toLocal(r, {centerX(x), centerZ(z)});
        if (std::fabs(l.x) < r.half.x && std::fabs(l.y) < r.half.y) cell = int32_t(k);
      }
  }

  // Flood fill from the entrances.
  std::vector<uint8_t> filled(grid.size(), 0);
  std::vector<uint32_t> stack;
  for (const Entrance& e : pavilion.entrances) {
    float radius = e.width * 0.5f + cs;
    int x0, x1, z0, z1;
    cellRange(e.position.x - radius, e.position.x + radius, lo.x, nx, x0, x1);
    cellRange(e.position.y - radius, e.position.y + radius, lo.y, nz, z0, z1);
    for (int z = z0; z <= z1; ++z)
      for (int x = x0; x <= x1; ++x) {
        size_t c = size_t(z) * size_t(nx) + size_t(x);
        if (grid[c] != kFree || filled[c]) continue;
        if (glm::length(glm::vec2(centerX(x), centerZ(z)) - e.position) > radius) continue;
        filled[c] = 1;
        stack.push_back(uint32_t(c));
      }
  }
  while (!stack.empty()) {
    uint32_t c = stack.back();
    stack.pop_back();
    int x = int(c % uint32_t(nx)), z = int(c / uint32_t(nx));
    const int dx[4] = {1, -1, 0, 0};
    const int dz[4] = {0, 0, 1, -1};
    for (int k = 0; k < 4; ++k) {
      int xn = x + dx[k], zn = z + dz[k];
      if (xn < 0 || zn < 0 || xn >= nx || zn >= nz) continue;
      size_t n = size_t(zn) * size_t(nx) + size_t(xn);
      int32_t v = grid[n];
      if (v >= 0) {
        reached[size_t(v)] = true;
      } else if (v == kFree && !filled[n]) {
        filled[n] = 1;
        stack.push_back(uint32_t(n));
      }
    }
  }

  // Booths that cover no cell centre: judge by the cell under their centre.
  std::vector<uint8_t> covers(booths.size(), 0);
  for (int32_t v : grid)
    if (v >= 0) covers[size_t(v)] = 1;
  for (size_t k = 0; k < booths.size(); ++k) {
    if (covers[k] || reached[k]) continue;
    const Rect& r = rects[booths[k]];
    if (!r.valid) continue;
    int x = int(std::floor((r.center.x - lo.x) / cs)), z = int(std::floor((r.center.y - lo.y) / cs));
    if (x >= 0 && z >= 0 && x < nx && z < nz) reached[k] = filled[size_t(z) * size_t(nx) + size_t(x)] != 0;
  }
  return reached;
}

}  // namespace cx::expo::rules
