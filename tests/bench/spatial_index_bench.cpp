// Spatial index: build and the three queries on expo-like layouts of 1k and 100k booths.
// Target: every query well under 1 ms at 100k booths.
#include <benchmark/benchmark.h>

#include <cmath>
#include <random>
#include <vector>

#include "cx/expo/spatial_index.h"

namespace {

// Blocks of 2 x 8 shell booths (3 x 3 m) separated by 3 m aisles; every 7th booth larger and turned.
std::vector<cx::expo::BoothBounds> expoLayout(int count) {
  std::vector<cx::expo::BoothBounds> out;
  out.reserve(size_t(count));
  int blocksPerRow = std::max(1, int(std::sqrt(double(count) / 16.0)));
  for (int i = 0; i < count; ++i) {
    int block = i / 16, inBlock = i % 16;
    float bx = float(block % blocksPerRow) * 27.0f;  // 8 booths * 3 m + 3 m aisle
    float bz = float(block / blocksPerRow) * 9.0f;   // 2 booths * 3 m + 3 m aisle
    glm::vec2 center(bx + 1.5f + 3.0f * float(inBlock % 8), -(bz + 1.5f + 3.0f * float(inBlock / 8)));
    if (i % 7 == 0)
      out.push_back(cx::expo::makeBoothBounds(center, {3.0f, 2.0f}, 30.0f, 4.0f));
    else
      out.push_back(cx::expo::makeBoothBounds(center, {3.0f, 3.0f}, 0.0f, 2.5f));
  }
  return out;
}

struct Floor {
  glm::vec2 min, max;
};

Floor floorOf(const std::vector<cx::expo::BoothBounds>& booths) {
  Floor f{glm::vec2(1e30f), glm::vec2(-1e30f)};
  for (const auto& b : booths) {
    f.min = glm::min(f.min, b.center);
    f.max = glm::max(f.max, b.center);
  }
  return f;
}

void BM_Build(benchmark::State& state) {
  auto booths = expoLayout(int(state.range(0)));
  for (auto _ : state) {
    cx::expo::SpatialIndex index(booths);
    benchmark::DoNotOptimize(index.size());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

// Picking from a visitor's eye (1.7 m) along the floor, up to 60 m, like a mouse ray.
void BM_RaycastVisitor(benchmark::State& state) {
  auto booths = expoLayout(int(state.range(0)));
  cx::expo::SpatialIndex index(booths);
  Floor f = floorOf(booths);
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> u(0.0f, 1.0f);
  std::vector<std::pair<glm::vec3, glm::vec3>> rays(1024);
  for (auto& [o, d] : rays) {
    o = glm::vec3(f.min.x + u(rng) * (f.max.x - f.min.x), 1.7f, f.min.y + u(rng) * (f.max.y - f.min.y));
    float a = u(rng) * 6.2831853f;
    d = glm::vec3(std::cos(a), -0.05f - 0.2f * u(rng), std::sin(a));
  }
  size_t i = 0, hits = 0;
  for (auto _ : state) {
    auto& [o, d] = rays[i++ & 1023];
    auto hit = index.raycast(o, d, 60.0f);
    hits += hit.has_value();
    benchmark::DoNotOptimize(hit);
  }
  state.counters["hit%"] = 100.0 * double(hits) / double(state.iterations());
}

// An overview camera 80 m up looking down at 30 degrees, unlimited distance.
void BM_RaycastOverview(benchmark::State& state) {
  auto booths = expoLayout(int(state.range(0)));
  cx::expo::SpatialIndex index(booths);
  Floor f = floorOf(booths);
  std::mt19937 rng(2);
  std::uniform_real_distribution<float> u(0.0f, 1.0f);
  std::vector<std::pair<glm::vec3, glm::vec3>> rays(1024);
  for (auto& [o, d] : rays) {
    o = glm::vec3(f.min.x + u(rng) * (f.max.x - f.min.x), 80.0f, f.min.y + u(rng) * (f.max.y - f.min.y));
    float a = u(rng) * 6.2831853f;
    d = glm::vec3(std::cos(a), -0.58f, std::sin(a));
  }
  size_t i = 0;
  for (auto _ : state) {
    auto& [o, d] = rays[i++ & 1023];
    benchmark::DoNotOptimize(index.raycast(o, d));
  }
}

// A 30 x 30 m window (what a floor-plan tile or a local check looks at).
void BM_QueryRect(benchmark::State& state) {
  auto booths = expoLayout(int(state.range(0)));
  cx::expo::SpatialIndex index(booths);
  Floor f = floorOf(booths);
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> u(0.0f, 1.0f);
  std::vector<glm::vec2> corners(1024);
  for (auto& c : corners)
    c = glm::vec2(f.min.x + u(rng) * (f.max.x - f.min.x), f.min.y + u(rng) * (f.max.y - f.min.y));
  std::vector<uint32_t> out;
  size_t i = 0, found = 0;
  for (auto _ : state) {
    glm::vec2 c = corners[i++ & 1023];
    index.queryRect(c, c + glm::vec2(30.0f), out);
    found += out.size();
  }
  state.counters["booths/query"] = double(found) / double(state.iterations());
}

void BM_Nearest(benchmark::State& state) {
  auto booths = expoLayout(int(state.range(0)));
  cx::expo::SpatialIndex index(booths);
  Floor f = floorOf(booths);
  std::mt19937 rng(4);
  std::uniform_real_distribution<float> u(-0.1f, 1.1f);  // some points outside the floor
  std::vector<glm::vec2> points(1024);
  for (auto& p : points)
    p = glm::vec2(f.min.x + u(rng) * (f.max.x - f.min.x), f.min.y + u(rng) * (f.max.y - f.min.y));
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(index.nearest(points[i++ & 1023]));
}

}  // namespace

BENCHMARK(BM_Build)->Arg(1000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RaycastVisitor)->Arg(1000)->Arg(100000);
BENCHMARK(BM_RaycastOverview)->Arg(1000)->Arg(100000);
BENCHMARK(BM_QueryRect)->Arg(1000)->Arg(100000);
BENCHMARK(BM_Nearest)->Arg(1000)->Arg(100000);
