#include "integrate.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <thread>

namespace cx::bake::detail {
namespace {

constexpr float kPi = 3.14159265358979f;
constexpr float kGoldenFraction = 0.61803398875f;
constexpr size_t kChunk = 64;  // samples per work item

uint64_t mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

// SplitMix64 seeded per (seed, sample, purpose): every sample has its own stream, so the result
// does not depend on which thread measures it or in what order.
struct Rng {
  uint64_t state;
  Rng(uint64_t seed, uint64_t sample, uint64_t purpose)
      : state(mix64(seed * 0x9e3779b97f4a7c15ull ^ mix64(sample + 0x632be59bd9b4e019ull * purpose))) {}
  uint64_t next() { return mix64(state += 0x9e3779b97f4a7c15ull); }
  float unit() { return float(next() >> 40) * (1.0f / 16777216.0f); }
};

// An orthonormal basis around unit n (Duff et al. 2017).
void basis(glm::vec3 n, glm::vec3& t, glm::vec3& b) {
  const float sign = std::copysign(1.0f, n.z);
  const float a = -1.0f / (sign + n.z);
  const float c = n.x * n.y * a;
  t = glm::vec3(1.0f + sign * n.x * n.x * a, sign * c, -sign * n.x);
  b = glm::vec3(c, sign + n.y * n.y * a, -n.y);
}

// The i-th of n cosine-distributed directions around n: a rank-1 lattice shifted per sample
// (Cranley-Patterson rotation), so each sample's rays cover the hemisphere evenly.
glm::vec3 cosineDirection(uint32_t i, uint32_t n, glm::vec2 shift, glm::vec3 normal, glm::vec3 t, glm::vec3 b) {
  float u = (float(i) + 0.5f) / float(n) + shift.x;
  float v = float(i) * kGoldenFraction + shift.y;
  u -= std::floor(u);
  v -= std::floor(v);
  const float r = std::sqrt(u), phi = 2.0f * kPi * v;
  return t * (r * std::cos(phi)) + b * (r * std::sin(phi)) + normal * std::sqrt(std::max(0.0f, 1.0f - u));
}

struct TileLights {
  std::vector<uint32_t> emitter;
  std::vector<float> cdf;  // cumulative, last = 1
};

// Per light tile: the emitters that can reach it, with probabilities proportional to their
// unoccluded contribution at the tile's first sample, mixed with a uniform share so a texel of the
// tile that sees an emitter the first sample does not still can pick it.
std::vector<TileLights> buildTileLights(const IntegratorInput& in) {
  const auto& emitters = in.scene->emitters();
  std::vector<TileLights> tiles(in.tileCount);
  if (emitters.empty()) return tiles;
  std::vector<int64_t> firstSample(in.tileCount, -1);
  for (size_t s = 0; s < in.samples->size(); ++s)
    if (firstSample[(*in.samples)[s].tile] < 0) firstSample[(*in.samples)[s].tile] = int64_t(s);
  parallelFor(
      in.tileCount, in.settings->threads,
      [&](size_t first, size_t last) {
        std::vector<float> weight(emitters.size());
        for (size_t tile = first; tile < last; ++tile) {
          if (firstSample[tile] < 0) continue;
          const SamplePoint& sp = (*in.samples)[size_t(firstSample[tile])];
          float total = 0.0f;
          for (size_t e = 0; e < emitters.size(); ++e) {
            const auto& em = emitters[e];
            const glm::vec3 centre = (em.a + em.b + em.c) / 3.0f;
            const glm::vec3 d = centre - sp.position;
            const float d2 = std::max(glm::dot(d, d), em.area);
            const float dist = std::sqrt(d2);
            const float cosR = glm::dot(sp.normal, d) / dist;
            float cosE = -glm::dot(em.normal, d) / dist;
            if (em.doubleSided) cosE = std::fabs(cosE);
            // A little even when facing away at the centre: a large emitter or a tile's far texels may still see it.
            const float w = em.emission * em.area * (std::max(cosR, 0.0f) + 0.05f) * (std::max(cosE, 0.0f) + 0.05f) / d2;
            weight[e] = w;
            total += w;
          }
          if (!(total > 0.0f)) continue;
          TileLights& tl = tiles[tile];
          for (size_t e = 0; e < emitters.size(); ++e)
            if (weight[e] >= total * 1e-4f) tl.emitter.push_back(uint32_t(e));
          float kept = 0.0f;
          for (uint32_t e : tl.emitter) kept += weight[e];
          const float uniform = 0.05f / float(tl.emitter.size());
          float run = 0.0f;
          for (uint32_t e : tl.emitter) {
            run += 0.95f * weight[e] / kept + uniform;
            tl.cdf.push_back(run);
          }
          tl.cdf.back() = 1.0f;
        }
      },
      {});
  return tiles;
}

}  // namespace

float referenceIrradiance(const BakeSettings& s, glm::vec3 n) {
  return kPi * (s.groundRadiance + (s.skyRadiance - s.groundRadiance) * (1.0f + n.y) * 0.5f);
}

void parallelFor(size_t count, unsigned threads, const std::function<void(size_t, size_t)>& work,
                 const std::function<void(float)>& progress) {
  if (count == 0) return;
  const unsigned n = std::max(1u, threads ? threads : std::thread::hardware_concurrency());
  std::atomic<size_t> next{0}, done{0};
  auto run = [&](bool reporter) {
    auto lastReport = std::chrono::steady_clock::now();
    for (;;) {
      const size_t first = next.fetch_add(kChunk);
      if (first >= count) return;
      const size_t last = std::min(count, first + kChunk);
      work(first, last);
      const size_t sum = done.fetch_add(last - first) + (last - first);
      if (reporter && progress) {
        const auto now = std::chrono::steady_clock::now();
        if (now - lastReport > std::chrono::milliseconds(250)) {
          lastReport = now;
          progress(float(double(sum) / double(count)));
        }
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < n && size_t(t) * kChunk < count; ++t) pool.emplace_back(run, false);
  run(true);
  for (auto& t : pool) t.join();
  if (progress) progress(1.0f);
}

DirectLight directIrradiance(const IntegratorInput& in, std::atomic<uint64_t>& rays,
                             const std::function<void(float)>& progress) {
  const BakeSettings& st = *in.settings;
  const std::vector<SamplePoint>& samples = *in.samples;
  const auto& emitters = in.scene->emitters();
  const std::vector<TileLights> tiles = buildTileLights(in);
  const float offset = std::max(1e-3f, in.sceneSize * 2e-6f);
  const uint32_t n = uint32_t(st.samplesPerTexel);
  DirectLight out;
  out.baked.assign(samples.size(), 0.0f);
  out.total.assign(samples.size(), 0.0f);
  parallelFor(
      samples.size(), st.threads,
      [&](size_t first, size_t last) {
        uint64_t cast = 0;
        for (size_t s = first; s < last; ++s) {
          const SamplePoint& sp = samples[s];
          const glm::vec3 origin = sp.position + sp.geomNormal * offset;
          Rng rng(st.seed, s, 1);
          glm::vec3 t, b;
          basis(sp.normal, t, b);
          const glm::vec2 shift(rng.unit(), rng.unit());
          // The environment through the openings.
          float env = 0.0f;
          for (uint32_t i = 0; i < n; ++i) {
            const glm::vec3 d = cosineDirection(i, n, shift, sp.normal, t, b);
            if (glm::dot(d, sp.geomNormal) <= 0.0f) continue;  // into its own surface
            ++cast;
            if (!in.scene->occluded(origin, d, 1e30f)) env += d.y > 0.0f ? st.skyRadiance : st.groundRadiance;
          }
          env *= kPi / float(n) * st.environmentScale;
          // Emissive surfaces, sampled by their contribution (shadow rays to points on them).
          float emitted = 0.0f;
          const TileLights& tl = tiles[sp.tile];
          if (!tl.emitter.empty()) {
            const int m = st.lightSamples;
            for (int k = 0; k < m; ++k) {
              const float pick = rng.unit();
              const size_t j = size_t(std::lower_bound(tl.cdf.begin(), tl.cdf.end(), pick) - tl.cdf.begin());
              const size_t jj = std::min(j, tl.cdf.size() - 1);
              const float p = tl.cdf[jj] - (jj > 0 ? tl.cdf[jj - 1] : 0.0f);
              const auto& em = emitters[tl.emitter[jj]];
              float r1 = std::sqrt(rng.unit()), r2 = rng.unit();
              const glm::vec3 y = em.a * (1.0f - r1) + em.b * (r1 * (1.0f - r2)) + em.c * (r1 * r2);
              glm::vec3 d = y - origin;
              const float d2 = glm::dot(d, d);
              const float dist = std::sqrt(d2);
              if (!(dist > 1e-6f) || !(p > 0.0f)) continue;
              d /= dist;
              const float cosR = glm::dot(sp.normal, d);
              float cosE = -glm::dot(em.normal, d);
              if (em.doubleSided) cosE = std::fabs(cosE);
              if (cosR <= 0.0f || cosE <= 0.0f || glm::dot(sp.geomNormal, d) <= 0.0f) continue;
              ++cast;
              if (in.scene->occluded(origin, d, dist * (1.0f - 1e-4f) - offset)) continue;
              // The near field is capped (distance at least half the emitter's size): no fireflies.
              emitted += em.emission * cosR * cosE * em.area / std::max(d2, em.area * 0.25f) / p;
            }
            emitted /= float(m);
          }
          // Punctual lights.
          float punctual = 0.0f;
          for (const BakeLight& l : in.lights) {
            glm::vec3 d;
            float e = l.intensity, dist = 1e30f;
            if (l.type == assets::LightType::Directional) {
              d = -l.direction;
            } else {
              d = l.position - origin;
              const float d2 = std::max(glm::dot(d, d), 1e-4f);
              dist = std::sqrt(d2);
              d /= dist;
              e /= d2;
              if (l.range > 0.0f) {
                const float r2 = d2 / (l.range * l.range);
                e *= std::clamp(1.0f - r2 * r2, 0.0f, 1.0f);
              }
              if (l.type == assets::LightType::Spot) {
                const float cone = std::clamp((glm::dot(l.direction, -d) - l.cosOuter) /
                                                  std::max(1e-3f, l.cosInner - l.cosOuter),
                                              0.0f, 1.0f);
                e *= cone * cone;
              }
            }
            const float cosR = glm::dot(sp.normal, d);
            if (e <= 0.0f || cosR <= 0.0f || glm::dot(sp.geomNormal, d) <= 0.0f) continue;
            ++cast;
            if (!in.scene->occluded(origin, d, dist - offset)) punctual += e * cosR;
          }
          out.baked[s] = env + emitted;
          out.total[s] = env + emitted + punctual;
        }
        rays.fetch_add(cast, std::memory_order_relaxed);
      },
      progress);
  return out;
}

std::vector<float> bounceIrradiance(const IntegratorInput& in, const IrradianceLookup& lookup, float meanDirect,
                                    std::atomic<uint64_t>& rays, const std::function<void(float)>& progress) {
  const BakeSettings& st = *in.settings;
  const std::vector<SamplePoint>& samples = *in.samples;
  const float offset = std::max(1e-3f, in.sceneSize * 2e-6f);
  // The bounce is smooth: half the rays do.
  const uint32_t n = uint32_t(std::max(4, st.samplesPerTexel / 2));
  std::vector<float> out(samples.size(), 0.0f);
  parallelFor(
      samples.size(), st.threads,
      [&](size_t first, size_t last) {
        uint64_t cast = 0;
        for (size_t s = first; s < last; ++s) {
          const SamplePoint& sp = samples[s];
          const glm::vec3 origin = sp.position + sp.geomNormal * offset;
          Rng rng(st.seed, s, 2);
          glm::vec3 t, b;
          basis(sp.normal, t, b);
          const glm::vec2 shift(rng.unit(), rng.unit());
          float sum = 0.0f;
          for (uint32_t i = 0; i < n; ++i) {
            const glm::vec3 d = cosineDirection(i, n, shift, sp.normal, t, b);
            if (glm::dot(d, sp.geomNormal) <= 0.0f) continue;
            ++cast;
            const Hit h = in.scene->intersect(origin, d, 1e30f);
            if (!h.hit || !h.surface) continue;
            const bool front = glm::dot(h.ng, d) < 0.0f;
            if (!front && !h.surface->doubleSided) continue;  // the inside of a closed solid
            if (h.surface->emission > 0.0f) continue;          // counted by the light sampling
            float e = h.surface->target >= 0 ? lookup(*h.surface, h.primID, h.u, h.v) : -1.0f;
            if (e < 0.0f) e = meanDirect;
            sum += h.surface->albedo * e;
          }
          out[s] = sum / float(n);
        }
        rays.fetch_add(cast, std::memory_order_relaxed);
      },
      progress);
  return out;
}

}  // namespace cx::bake::detail
