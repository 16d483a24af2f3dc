#include "ray_scene.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cmath>
#include <limits>

namespace cx::bake::detail {
namespace {

void onEmbreeError(void*, RTCError code, const char* message) {
  spdlog::error("embree: error {}: {}", int(code), message ? message : "");
}

float srgbToLinear(float c) { return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f); }

// Mean linear colour of an image (sRGB-decoded when it is colour data).
glm::vec3 meanColor(const assets::Image& image) {
  if (image.rgba8.empty()) return glm::vec3(1.0f);
  glm::dvec3 sum(0.0);
  const size_t n = image.rgba8.size() / 4;
  for (size_t i = 0; i < n; ++i)
    for (int c = 0; c < 3; ++c) {
      const float v = image.rgba8[i * 4 + size_t(c)] / 255.0f;
      sum[c] += image.colorSpace == assets::ColorSpace::Srgb ? srgbToLinear(v) : v;
    }
  return glm::vec3(sum / double(n));
}

// Triangle sets of a model's opaque and masked primitives, in the model's frame (blended ones,
// glass, let light through).
std::vector<TriangleSet> trianglesOf(const assets::Model& model) {
  std::vector<TriangleSet> sets;
  for (const assets::MeshInstance& inst : model.instances) {
    if (inst.mesh >= model.meshes.size()) continue;
    for (const assets::Primitive& prim : model.meshes[inst.mesh].primitives) {
      if (prim.material >= 0 && size_t(prim.material) < model.materials.size() &&
          model.materials[size_t(prim.material)].alphaMode == assets::AlphaMode::Blend)
        continue;
      TriangleSet set;
      set.info = surfaceOf(model, prim.material);
      set.positions.reserve(prim.vertices.size());
      for (const assets::Vertex& v : prim.vertices) set.positions.push_back(glm::vec3(inst.world * glm::vec4(v.position, 1.0f)));
      set.indices = prim.indices;
      if (!set.indices.empty()) sets.push_back(std::move(set));
    }
  }
  return sets;
}

void appendEmitters(const TriangleSet& set, const glm::mat4& transform, std::vector<RayScene::Emitter>& out) {
  if (set.info.emission <= 0.0f) return;
  for (size_t t = 0; t + 2 < set.indices.size(); t += 3) {
    RayScene::Emitter e;
    e.a = glm::vec3(transform * glm::vec4(set.positions[set.indices[t]], 1.0f));
    e.b = glm::vec3(transform * glm::vec4(set.positions[set.indices[t + 1]], 1.0f));
    e.c = glm::vec3(transform * glm::vec4(set.positions[set.indices[t + 2]], 1.0f));
    const glm::vec3 cr = glm::cross(e.b - e.a, e.c - e.a);
    const float len = glm::length(cr);
    if (!(len > 1e-12f)) continue;
    e.normal = cr / len;
    e.area = 0.5f * len;
    e.emission = set.info.emission;
    e.doubleSided = set.info.doubleSided;
    out.push_back(e);
  }
}

}  // namespace

SurfaceInfo surfaceOf(const assets::Model& model, int material) {
  SurfaceInfo info;
  if (material < 0 || size_t(material) >= model.materials.size()) {
    info.albedo = 1.0f;  // the glTF default material is white
    return info;
  }
  const assets::Material& m = model.materials[size_t(material)];
  glm::vec3 base = glm::vec3(m.baseColorFactor);
  if (m.baseColorTexture.image >= 0 && size_t(m.baseColorTexture.image) < model.images.size())
    base *= meanColor(model.images[size_t(m.baseColorTexture.image)]);
  // Metals reflect little diffusely.
  info.albedo = std::clamp(luminance(base) * (1.0f - 0.5f * std::clamp(m.metallicFactor, 0.0f, 1.0f)), 0.0f, 0.95f);
  glm::vec3 emissive = m.emissiveFactor * m.emissiveStrength;
  if (m.emissiveTexture.image >= 0 && size_t(m.emissiveTexture.image) < model.images.size())
    emissive *= meanColor(model.images[size_t(m.emissiveTexture.image)]);
  info.emission = std::max(0.0f, luminance(emissive));
  info.doubleSided = m.doubleSided;
  return info;
}

RayScene::~RayScene() {
  for (ModelScene& m : models_)
    if (m.scene) rtcReleaseScene(m.scene);
  if (top_) rtcReleaseScene(top_);
  if (device_) rtcReleaseDevice(device_);
}

Status RayScene::init(unsigned threads) {
  const std::string config = threads > 0 ? fmt::format("threads={}", threads) : std::string();
  device_ = rtcNewDevice(config.empty() ? nullptr : config.c_str());
  if (!device_) return makeError(fmt::format("embree: cannot create a device (error {})", int(rtcGetDeviceError(nullptr))));
  rtcSetDeviceErrorFunction(device_, onEmbreeError, nullptr);
  top_ = rtcNewScene(device_);
  rtcSetSceneBuildQuality(top_, RTC_BUILD_QUALITY_HIGH);
  return {};
}

unsigned RayScene::attach(RTCScene scene, const TriangleSet& set) {
  RTCGeometry geom = rtcNewGeometry(device_, RTC_GEOMETRY_TYPE_TRIANGLE);
  auto* vertices = static_cast<float*>(rtcSetNewGeometryBuffer(geom, RTC_BUFFER_TYPE_VERTEX, 0, RTC_FORMAT_FLOAT3,
                                                               3 * sizeof(float), set.positions.size()));
  for (size_t i = 0; i < set.positions.size(); ++i) {
    vertices[i * 3] = set.positions[i].x;
    vertices[i * 3 + 1] = set.positions[i].y;
    vertices[i * 3 + 2] = set.positions[i].z;
  }
  auto* indices = static_cast<unsigned*>(rtcSetNewGeometryBuffer(geom, RTC_BUFFER_TYPE_INDEX, 0, RTC_FORMAT_UINT3,
                                                                 3 * sizeof(unsigned), set.indices.size() / 3));
  for (size_t i = 0; i < set.indices.size() / 3 * 3; ++i) indices[i] = set.indices[i];
  rtcCommitGeometry(geom);
  const unsigned id = rtcAttachGeometry(scene, geom);
  rtcReleaseGeometry(geom);
  return id;
}

void RayScene::addTriangles(TriangleSet set) {
  if (set.indices.size() < 3) return;
  const unsigned id = attach(top_, set);
  if (topInfos_.size() <= id) {
    topInfos_.resize(id + 1);
    instanceModel_.resize(id + 1, -1);
    instanceNormal_.resize(id + 1);
  }
  topInfos_[id] = set.info;
  instanceModel_[id] = -1;
  appendEmitters(set, glm::mat4(1.0f), emitters_);
  topSets_.push_back(std::move(set));
}

RayScene::ModelScene& RayScene::sceneFor(const assets::Model& model) {
  for (ModelScene& m : models_)
    if (m.model == &model) return m;
  ModelScene m;
  m.model = &model;
  m.scene = rtcNewScene(device_);
  rtcSetSceneBuildQuality(m.scene, RTC_BUILD_QUALITY_HIGH);
  m.sets = trianglesOf(model);
  for (const TriangleSet& set : m.sets) {
    const unsigned id = attach(m.scene, set);
    if (m.infos.size() <= id) m.infos.resize(id + 1);
    m.infos[id] = set.info;
  }
  rtcCommitScene(m.scene);
  models_.push_back(std::move(m));
  return models_.back();
}

void RayScene::addOccluder(const assets::Model& model, const glm::mat4& transform) {
  const size_t before = models_.size();
  ModelScene& ms = sceneFor(model);
  const int32_t index = models_.size() > before ? int32_t(models_.size() - 1) : int32_t(&ms - models_.data());
  RTCGeometry inst = rtcNewGeometry(device_, RTC_GEOMETRY_TYPE_INSTANCE);
  rtcSetGeometryInstancedScene(inst, ms.scene);
  rtcSetGeometryTransform(inst, 0, RTC_FORMAT_FLOAT4X4_COLUMN_MAJOR, &transform[0][0]);
  rtcCommitGeometry(inst);
  const unsigned id = rtcAttachGeometry(top_, inst);
  rtcReleaseGeometry(inst);
  if (topInfos_.size() <= id) {
    topInfos_.resize(id + 1);
    instanceModel_.resize(id + 1, -1);
    instanceNormal_.resize(id + 1);
  }
  instanceModel_[id] = index;
  instanceNormal_[id] = glm::transpose(glm::inverse(glm::mat3(transform)));
  for (const TriangleSet& set : ms.sets) appendEmitters(set, transform, emitters_);
  for (const assets::LightInstance& li : model.lightInstances)
    if (li.light < model.lights.size()) occluderLights.emplace_back(model.lights[li.light], transform * li.world);
}

Status RayScene::commit() {
  rtcCommitScene(top_);
  const RTCError error = rtcGetDeviceError(device_);
  if (error != RTC_ERROR_NONE) return makeError(fmt::format("embree: building the scene failed (error {})", int(error)));
  return {};
}

Hit RayScene::intersect(glm::vec3 origin, glm::vec3 dir, float tfar) const {
  RTCIntersectContext context;
  rtcInitIntersectContext(&context);
  RTCRayHit rh{};
  rh.ray.org_x = origin.x;
  rh.ray.org_y = origin.y;
  rh.ray.org_z = origin.z;
  rh.ray.dir_x = dir.x;
  rh.ray.dir_y = dir.y;
  rh.ray.dir_z = dir.z;
  rh.ray.tnear = 0.0f;
  rh.ray.tfar = tfar;
  rh.ray.mask = ~0u;
  rh.hit.geomID = RTC_INVALID_GEOMETRY_ID;
  rh.hit.instID[0] = RTC_INVALID_GEOMETRY_ID;
  rtcIntersect1(top_, &context, &rh);
  Hit h;
  if (rh.hit.geomID == RTC_INVALID_GEOMETRY_ID) return h;
  h.hit = true;
  h.t = rh.ray.tfar;
  h.primID = rh.hit.primID;
  h.u = rh.hit.u;
  h.v = rh.hit.v;
  if (rh.hit.instID[0] != RTC_INVALID_GEOMETRY_ID) {
    const ModelScene& ms = models_[size_t(instanceModel_[rh.hit.instID[0]])];
    h.surface = rh.hit.geomID < ms.infos.size() ? &ms.infos[rh.hit.geomID] : nullptr;
    // Embree reports instanced hits' normals in the instance's object space.
    h.ng = instanceNormal_[rh.hit.instID[0]] * glm::vec3(rh.hit.Ng_x, rh.hit.Ng_y, rh.hit.Ng_z);
  } else {
    h.surface = rh.hit.geomID < topInfos_.size() ? &topInfos_[rh.hit.geomID] : nullptr;
    h.ng = glm::vec3(rh.hit.Ng_x, rh.hit.Ng_y, rh.hit.Ng_z);
  }
  return h;
}

bool RayScene::occluded(glm::vec3 origin, glm::vec3 dir, float tfar) const {
  RTCIntersectContext context;
  rtcInitIntersectContext(&context);
  RTCRay ray{};
  ray.org_x = origin.x;
  ray.org_y = origin.y;
  ray.org_z = origin.z;
  ray.dir_x = dir.x;
  ray.dir_y = dir.y;
  ray.dir_z = dir.z;
  ray.tnear = 0.0f;
  ray.tfar = tfar;
  ray.mask = ~0u;
  rtcOccluded1(top_, &context, &ray);
  return ray.tfar < 0.0f;  // Embree sets tfar to -inf on a hit
}

}  // namespace cx::bake::detail
