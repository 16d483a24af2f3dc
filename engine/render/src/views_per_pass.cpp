#include "cx/render/views_per_pass.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "cx/assets/gltf.h"
#include "cx/render/gpu_scene.h"
#include "cx/render/offscreen.h"
#include "cx/render/renderer.h"
#include "render_frame.h"

namespace cx::render {
namespace {

constexpr uint32_t kProbeSize = 32;

// A floor one metre under the eye, reaching 50 m ahead and 50 m behind: every view of it has
// triangles that must be clipped at the near plane. Unlit magenta, so it is told from the sky by
// colour alone.
assets::Model probeFloor() {
  assets::Model m;
  m.name = "multiview probe";
  assets::Material mat;
  mat.name = "probe";
  mat.baseColorFactor = {1.0f, 0.0f, 1.0f, 1.0f};
  mat.unlit = true;
  mat.doubleSided = true;
  m.materials.push_back(mat);
  assets::Primitive prim;
  prim.material = 0;
  for (glm::vec2 c : {glm::vec2(-50, -50), glm::vec2(50, -50), glm::vec2(50, 50), glm::vec2(-50, 50)}) {
    assets::Vertex v;
    v.position = {c.x, -1.0f, c.y};
    prim.vertices.push_back(v);
  }
  prim.indices = {0, 2, 1, 0, 3, 2};
  prim.boundsMin = {-50.0f, -1.0f, -50.0f};
  prim.boundsMax = {50.0f, -1.0f, 50.0f};
  assets::Mesh mesh;
  mesh.name = "probe";
  mesh.primitives.push_back(std::move(prim));
  m.meshes.push_back(std::move(mesh));
  m.instances.push_back({0, glm::mat4(1.0f)});
  assets::computeBounds(m);
  return m;
}

uint32_t floorPixels(const Pixels& p) {
  uint32_t n = 0;
  for (size_t i = 0; i + 3 < p.rgba.size(); i += 4)
    if (p.rgba[i] > 200 && p.rgba[i + 1] < 80 && p.rgba[i + 2] > 200) ++n;
  return n;
}

}  // namespace

MultiviewProbeResult probeMultiview(Renderer& r) {
  const Context& ctx = *r.ctx;
  const assets::Model model = probeFloor();
  GpuModel gpu = uploadModel(ctx, r, model);
  const DrawInstance instance{&gpu, glm::mat4(1.0f), glm::vec4(1.0f)};
  GpuSceneDesc sceneDesc;
  sceneDesc.deviceLocal = false;
  GpuScene scene = createGpuScene(ctx, r, {&instance, 1}, sceneDesc);
  // Two identical views, so that whatever differs between the layers is the driver's doing.
  const View view = lookAtView({0.0f, 0.0f, 0.0f}, {0.0f, 0.0f, -1.0f}, glm::radians(90.0f), 1.0f, 0.05f);
  const View views[2] = {view, view};
  OffscreenTarget target = createOffscreenTarget(ctx, {kProbeSize, kProbeSize}, 2, VK_FORMAT_R8G8B8A8_UNORM);
  renderFrame(r, views, target.target(), scene, Lighting{}, FrameSync{}, true);
  const uint32_t first = floorPixels(readPixels(ctx, r, target, 0));
  const uint32_t second = floorPixels(readPixels(ctx, r, target, 1));
  destroyOffscreenTarget(ctx, target);
  destroyGpuScene(r, scene);
  destroyModel(ctx, gpu);

  // The floor covers the lower half of a 90-degree view.
  const uint32_t expected = kProbeSize * kProbeSize / 2;
  MultiviewProbeResult result;
  if (first < expected * 3 / 4) {
    result.multiviewCorrect = false;
    result.reason = fmt::format("the probe's first view drew {} of about {} floor pixels; not trusting multiview",
                                first, expected);
  } else if (second < first * 9 / 10) {
    result.multiviewCorrect = false;
    result.reason = fmt::format(
        "the device drops near-clipped triangles in the second view of a multiview pass (probe: {} of {} floor "
        "pixels in view 1, {} in view 0)",
        second, expected, first);
  } else {
    result.reason = fmt::format("the probe's near-clipped floor is drawn in both views ({} and {} pixels)", first,
                                second);
  }
  return result;
}

void resolveViewsPerPass(Renderer& r) {
  if (r.viewsPerPassResolved) return;
  const Context& ctx = *r.ctx;
  std::string why;
  switch (r.desc.viewsPerPass) {
    case ViewsPerPass::One:
      r.multiviewPass = false;
      why = "as configured";
      break;
    case ViewsPerPass::All:
      r.multiviewPass = true;
      why = "as configured";
      break;
    case ViewsPerPass::Auto: {
      if (ctx.caps.maxMultiviewViewCount < 2) {
        r.multiviewPass = false;
        why = "the device has no multiview";
        break;
      }
      const auto key = std::make_pair(ctx.deviceUuid, ctx.properties.driverVersion);
      MultiviewProbeCache* cache = r.desc.probeCache;
      MultiviewProbeResult result;
      bool known = false;
      if (cache) {
        if (auto it = cache->results.find(key); it != cache->results.end()) {
          result = it->second;
          result.reason += "; probed earlier in this session";
          known = true;
        }
      }
      if (!known) {
        result = r.desc.multiviewProbe ? r.desc.multiviewProbe(r) : probeMultiview(r);
        if (cache) cache->results[key] = result;
      }
      r.multiviewPass = result.multiviewCorrect;
      why = result.reason;
      break;
    }
  }
  r.viewsPerPassResolved = true;
  spdlog::info("renderer: stereo frames {} ({})", r.multiviewPass ? "in one multiview pass" : "one pass per view",
               why);
}

}  // namespace cx::render

namespace cx::render {

void setViewsPerPass(Renderer& r, ViewsPerPass viewsPerPass) {
  if (r.desc.viewsPerPass == viewsPerPass && r.viewsPerPassResolved) return;
  r.desc.viewsPerPass = viewsPerPass;
  r.viewsPerPassResolved = false;
}

std::map<std::string, ViewsPerPass> viewsPerPassNames() {
  return {{"auto", ViewsPerPass::Auto}, {"1", ViewsPerPass::One}, {"all", ViewsPerPass::All}};
}

}  // namespace cx::render
