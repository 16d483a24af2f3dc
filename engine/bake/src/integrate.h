#pragma once
// The baker's light transport at each sample point: environment through the openings, emissive
// surfaces and punctual lights with shadow rays (pass 1), then one diffuse bounce of pass 1's
// light (pass 2). Private to the baker.
#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "cx/bake/bake.h"
#include "ray_scene.h"
#include "samples.h"

namespace cx::bake::detail {

// A punctual light in the baked model's frame.
struct BakeLight {
  assets::LightType type = assets::LightType::Point;
  glm::vec3 position{0.0f};
  glm::vec3 direction{0.0f, 0.0f, -1.0f};  // where it shines
  float intensity = 0.0f;                  // luminance of colour x intensity
  float range = 0.0f;
  float cosInner = 1.0f, cosOuter = 0.7071f;
};

struct IntegratorInput {
  const RayScene* scene = nullptr;
  const BakeSettings* settings = nullptr;
  const std::vector<SamplePoint>* samples = nullptr;
  std::vector<BakeLight> lights;
  uint32_t tileCount = 0;
  float sceneSize = 1.0f;  // bounding diagonal, for ray offsets
};

// Pass 1 at every sample: `baked` is the irradiance from the environment and the emitters (what
// the renderer has no light for), `total` adds the punctual lights, which the renderer shades in
// real time, so they are only baked through their bounce.
struct DirectLight {
  std::vector<float> baked;
  std::vector<float> total;
};
DirectLight directIrradiance(const IntegratorInput& in, std::atomic<uint64_t>& rays,
                             const std::function<void(float)>& progress);

// Where a bounce ray landed on the baked model: the pass-1 irradiance there. `surface.target`
// tells which baked primitive; return a negative value when unknown (the caller's mean is used).
using IrradianceLookup = std::function<float(const SurfaceInfo& surface, uint32_t primID, float u, float v)>;

// One bounce: the mean over cosine-weighted rays of albedo x pass-1 irradiance where they land.
std::vector<float> bounceIrradiance(const IntegratorInput& in, const IrradianceLookup& lookup, float meanDirect,
                                    std::atomic<uint64_t>& rays, const std::function<void(float)>& progress);

// What an unoccluded surface with normal n gets from the environment alone.
float referenceIrradiance(const BakeSettings& settings, glm::vec3 n);

// Runs `work(first, last)` over [0, count) in chunks on `threads` threads (the caller's included)
// and reports the share done through `progress` from the calling thread.
void parallelFor(size_t count, unsigned threads, const std::function<void(size_t, size_t)>& work,
                 const std::function<void(float)>& progress);

}  // namespace cx::bake::detail
