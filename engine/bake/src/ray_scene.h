#pragma once
// The baker's Embree scene: the baked model's primitives in its frame, the occluders as instances
// of one Embree scene per distinct model, and per geometry what a ray that hits it needs to know
// (albedo, emission, which baked primitive). Private to the baker; Embree types stay here.
#include <embree3/rtcore.h>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "cx/assets/model.h"
#include "cx/bake/bake.h"
#include "cx/core/result.h"

namespace cx::bake::detail {

// What a hit surface is. `target` is the index of the baked primitive (into the caller's list) or
// -1 for occluders and for surfaces of the model that are not baked.
struct SurfaceInfo {
  float albedo = 0.5f;    // luminance of the base colour
  float emission = 0.0f;  // luminance of emissive factor x strength
  bool doubleSided = false;
  int32_t target = -1;
};

struct Hit {
  bool hit = false;
  float t = 0.0f;
  glm::vec3 ng{0.0f};  // geometric normal in world space, not normalised
  uint32_t primID = 0;
  float u = 0.0f, v = 0.0f;
  const SurfaceInfo* surface = nullptr;
};

// One triangle list in the baked model's frame.
struct TriangleSet {
  std::vector<glm::vec3> positions;
  std::vector<uint32_t> indices;
  SurfaceInfo info;
};

class RayScene {
 public:
  RayScene() = default;
  ~RayScene();
  RayScene(const RayScene&) = delete;
  RayScene& operator=(const RayScene&) = delete;

  // `threads` for Embree's BVH builds (0: all).
  Status init(unsigned threads);
  // Geometry of the baked model (already in its frame).
  void addTriangles(TriangleSet set);
  // An occluder: its model's geometry (built once per distinct model) placed by `transform`.
  void addOccluder(const assets::Model& model, const glm::mat4& transform);
  Status commit();

  Hit intersect(glm::vec3 origin, glm::vec3 dir, float tfar) const;
  bool occluded(glm::vec3 origin, glm::vec3 dir, float tfar) const;

  // Every triangle of the scene that emits (luminance > 0), in world space, for light sampling.
  struct Emitter {
    glm::vec3 a, b, c;
    glm::vec3 normal;  // unit, the front face's
    float area = 0.0f;
    float emission = 0.0f;
    bool doubleSided = false;
  };
  const std::vector<Emitter>& emitters() const { return emitters_; }
  // Punctual lights of the occluders, placed in the model's frame.
  std::vector<std::pair<assets::Light, glm::mat4>> occluderLights;

 private:
  struct ModelScene {
    const assets::Model* model = nullptr;
    RTCScene scene = nullptr;
    std::vector<SurfaceInfo> infos;  // per geometry of `scene`
    std::vector<TriangleSet> sets;   // kept for the emitters of each placement
  };
  ModelScene& sceneFor(const assets::Model& model);
  unsigned attach(RTCScene scene, const TriangleSet& set);

  RTCDevice device_ = nullptr;
  RTCScene top_ = nullptr;
  std::vector<SurfaceInfo> topInfos_;       // per geometry id of top_ that is triangles
  std::vector<int32_t> instanceModel_;      // per geometry id of top_: ModelScene index, -1 triangles
  std::vector<glm::mat3> instanceNormal_;   // per geometry id of top_: the instance's normal matrix
  std::vector<ModelScene> models_;
  std::vector<Emitter> emitters_;
  std::vector<TriangleSet> topSets_;
};

// Luminance of a linear RGB colour.
inline float luminance(glm::vec3 c) { return 0.2126f * c.r + 0.7152f * c.g + 0.0722f * c.b; }

// What a model's material means to a ray.
SurfaceInfo surfaceOf(const assets::Model& model, int material);

}  // namespace cx::bake::detail
