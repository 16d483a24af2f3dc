#include "cx/render/gpu_scene.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <numeric>
#include <unordered_map>

#include <glm/gtc/matrix_inverse.hpp>

#include "cx/render/facing.h"

#include "cx/render/culling.h"
#include "frame_data.h"
#include "gpu_types.h"

namespace cx::render {
namespace {

// Instances per culling cluster: small enough that a cluster straddling the frustum edge wastes
// little, large enough that 100k booths make only a few thousand clusters.
constexpr uint32_t kInstancesPerCluster = 32;
// A model this large (diagonal, metres) is a building: drawn after the booths, so the booths in
// front of its floor and walls fill the depth buffer first.
constexpr float kLargeModelDiagonal = 40.0f;

// The world-space deviations of a mesh's far LODs under `world`: their model-space errors times
// the largest axis scale.
LodErrors worldLodError(const GpuModel& model, uint32_t mesh, const glm::mat4& world) {
  if (mesh >= model.meshLodError.size()) return {};
  const float scale = std::max({glm::length(glm::vec3(world[0])), glm::length(glm::vec3(world[1])),
                                glm::length(glm::vec3(world[2]))});
  LodErrors e = model.meshLodError[mesh];
  for (float& v : e) v *= scale;
  return e;
}

void meshBounds(const GpuModel& model, const GpuMesh& mesh, glm::vec3& lo, glm::vec3& hi) {
  lo = glm::vec3(1e30f);
  hi = glm::vec3(-1e30f);
  for (uint32_t k = 0; k < mesh.primitiveCount; ++k) {
    lo = glm::min(lo, model.primitives[mesh.firstPrimitive + k].boundsMin);
    hi = glm::max(hi, model.primitives[mesh.firstPrimitive + k].boundsMax);
  }
}

void growLodErrors(LodErrors& max, const LodErrors& e) {
  for (uint32_t k = 0; k < kLodLevels; ++k) max[k] = std::max(max[k], e[k]);
}

uint32_t spread3(uint32_t v) {  // 10 bits -> every third bit
  v &= 0x3ff;
  v = (v | (v << 16)) & 0x030000FF;
  v = (v | (v << 8)) & 0x0300F00F;
  v = (v | (v << 4)) & 0x030C30C3;
  v = (v | (v << 2)) & 0x09249249;
  return v;
}

Buffer makeBuffer(const Context& ctx, UploadBatch& batch, const void* data, size_t bytes, bool deviceLocal,
                  const char* name) {
  const VkDeviceSize size = std::max<VkDeviceSize>(bytes, 64);
  if (deviceLocal) {
    Buffer b = createBuffer(
        ctx, {size, VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT, MemoryUsage::DeviceLocal, name});
    if (bytes) uploadToBuffer(batch, b, {static_cast<const uint8_t*>(data), bytes});
    return b;
  }
  Buffer b = createBuffer(ctx, {size, VK_BUFFER_USAGE_STORAGE_BUFFER_BIT, MemoryUsage::Upload, name});
  if (bytes) std::memcpy(b.mapped, data, bytes);
  flushBuffer(ctx, b);
  return b;
}

Image makeImage(const Context& ctx, UploadBatch& batch, uint32_t w, uint32_t h, VkFormat format,
                std::vector<std::vector<uint8_t>> mips, const char* name) {
  ImageDesc d;
  d.extent = {w, h};
  d.format = format;
  d.mipLevels = uint32_t(mips.size());
  d.debugName = name;
  Image img = createImage(ctx, d);
  uploadToImage(batch, img, mips);
  return img;
}

// Box-filtered mip chain of a tightly packed image with `channels` bytes per texel.
std::vector<std::vector<uint8_t>> mipChain(std::vector<uint8_t> level0, uint32_t w, uint32_t h, uint32_t channels,
                                           uint32_t maxLevels) {
  std::vector<std::vector<uint8_t>> mips;
  mips.push_back(std::move(level0));
  while (mips.size() < maxLevels && (w > 1 || h > 1)) {
    const uint32_t nw = std::max(1u, w / 2), nh = std::max(1u, h / 2);
    const auto& src = mips.back();
    std::vector<uint8_t> dst(size_t(nw) * nh * channels);
    for (uint32_t y = 0; y < nh; ++y)
      for (uint32_t x = 0; x < nw; ++x)
        for (uint32_t c = 0; c < channels; ++c) {
          uint32_t sum = 0;
          for (uint32_t k = 0; k < 4; ++k) {
            uint32_t sx = std::min(w - 1, x * 2 + (k & 1)), sy = std::min(h - 1, y * 2 + (k >> 1));
            sum += src[(size_t(sy) * w + sx) * channels + c];
          }
          dst[(size_t(y) * nw + x) * channels + c] = uint8_t((sum + 2) / 4);
        }
    mips.push_back(std::move(dst));
    w = nw;
    h = nh;
  }
  return mips;
}

// Logos packed into a grid of square cells (aspect kept, centred), RGBA8.
constexpr uint32_t kLogoCell = 128;

struct LogoAtlas {
  uint32_t width = 1, height = 1;
  std::vector<uint8_t> pixels{255, 255, 255, 255};
  std::vector<glm::vec4> uv;  // per logo, of its drawn area; zero size when it was empty
};

LogoAtlas packLogos(const std::vector<assets::Image>& logos) {
  LogoAtlas a;
  if (logos.empty()) return a;
  const uint32_t columns = std::min<uint32_t>(16, uint32_t(logos.size()));
  const uint32_t rows = (uint32_t(logos.size()) + columns - 1) / columns;
  a.width = columns * kLogoCell;
  a.height = rows * kLogoCell;
  a.pixels.assign(size_t(a.width) * a.height * 4, 0);
  for (size_t i = 0; i < logos.size(); ++i) {
    const assets::Image& img = logos[i];
    const uint32_t cx0 = uint32_t(i % columns) * kLogoCell, cy0 = uint32_t(i / columns) * kLogoCell;
    if (img.width == 0 || img.height == 0 || img.rgba8.size() < size_t(img.width) * img.height * 4) {
      a.uv.emplace_back(0.0f);
      continue;
    }
    // Fit inside the cell less a 2-texel border (mip bleeding), nearest-neighbour resample.
    const float inner = float(kLogoCell - 4);
    const float scale = std::min(inner / float(img.width), inner / float(img.height));
    const uint32_t w = std::max(1u, uint32_t(float(img.width) * scale)), h = std::max(1u, uint32_t(float(img.height) * scale));
    const uint32_t ox = cx0 + (kLogoCell - w) / 2, oy = cy0 + (kLogoCell - h) / 2;
    for (uint32_t y = 0; y < h; ++y)
      for (uint32_t x = 0; x < w; ++x) {
        uint32_t sx = std::min(img.width - 1, uint32_t((float(x) + 0.5f) / scale));
        uint32_t sy = std::min(img.height - 1, uint32_t((float(y) + 0.5f) / scale));
        std::memcpy(&a.pixels[(size_t(oy + y) * a.width + ox + x) * 4], &img.rgba8[(size_t(sy) * img.width + sx) * 4], 4);
      }
    a.uv.emplace_back(float(ox) / a.width, float(oy) / a.height, float(ox + w) / a.width, float(oy + h) / a.height);
  }
  return a;
}

}  // namespace

void buildClusters(std::span<const glm::vec3> itemMin, std::span<const glm::vec3> itemMax, uint32_t maxPerCluster,
                   std::vector<uint32_t>& order, std::vector<CullCluster>& clusters) {
  const size_t n = itemMin.size();
  order.resize(n);
  std::iota(order.begin(), order.end(), 0u);
  clusters.clear();
  if (n == 0) return;
  glm::vec3 lo(1e30f), hi(-1e30f);
  for (size_t i = 0; i < n; ++i) {
    glm::vec3 c = (itemMin[i] + itemMax[i]) * 0.5f;
    lo = glm::min(lo, c);
    hi = glm::max(hi, c);
  }
  const glm::vec3 scale = 1023.0f / glm::max(hi - lo, glm::vec3(1e-3f));
  std::vector<uint32_t> code(n);
  for (size_t i = 0; i < n; ++i) {
    glm::uvec3 q((((itemMin[i] + itemMax[i]) * 0.5f) - lo) * scale);
    code[i] = spread3(q.x) | (spread3(q.y) << 1) | (spread3(q.z) << 2);
  }
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return code[a] < code[b]; });
  for (size_t start = 0; start < n; start += maxPerCluster) {
    CullCluster c;
    c.first = uint32_t(start);
    c.count = uint32_t(std::min<size_t>(maxPerCluster, n - start));
    c.boundsMin = glm::vec3(1e30f);
    c.boundsMax = glm::vec3(-1e30f);
    for (uint32_t k = 0; k < c.count; ++k) {
      c.boundsMin = glm::min(c.boundsMin, itemMin[order[start + k]]);
      c.boundsMax = glm::max(c.boundsMax, itemMax[order[start + k]]);
    }
    clusters.push_back(c);
  }
}

GpuScene createGpuScene(const Context& ctx, Renderer& renderer, std::span<const DrawInstance> instances,
                        const GpuSceneDesc& desc) {
  GpuScene scene;
  scene.id = renderer.nextSceneId++;

  // Group (model, mesh, winding) placements.
  struct Pending {
    InstanceGroup group;
    std::vector<GpuInstance> data;
    std::vector<glm::vec3> bmin, bmax;
    std::vector<LodErrors> lodError;
    std::vector<glm::mat4x3> toMesh;
    std::vector<uint16_t> axes;
    std::vector<uint32_t> source, node;
  };
  std::vector<Pending> pending;
  std::unordered_map<const GpuModel*, std::vector<int>> byModel;  // model -> group per (mesh*2 + mirrored)
  scene.deviceLocal = desc.deviceLocal;
  for (size_t instIndex = 0; instIndex < instances.size(); ++instIndex) {
    const DrawInstance& inst = instances[instIndex];
    const GpuModel* model = inst.model;
    if (!model) continue;
    if (!model->lights.empty()) appendLights(*model, inst.transform, scene.lights);
    auto& slots = byModel[model];
    if (slots.empty()) slots.assign(model->meshes.size() * 2, -1);
    const glm::vec3 diag = model->boundsMax - model->boundsMin;
    for (size_t nodeIndex = 0; nodeIndex < model->nodes.size(); ++nodeIndex) {
      const auto& node = model->nodes[nodeIndex];
      if (node.mesh >= model->meshes.size()) continue;
      const GpuMesh& mesh = model->meshes[node.mesh];
      if (mesh.primitiveCount == 0) continue;
      const glm::mat4 world = inst.transform * node.world;
      const bool mirrored = glm::determinant(glm::mat3(world)) < 0.0f;
      glm::vec3 lmin, lmax;
      meshBounds(*model, mesh, lmin, lmax);
      int& slot = slots[node.mesh * 2 + (mirrored ? 1 : 0)];
      if (slot < 0) {
        slot = int(pending.size());
        Pending p;
        p.group.model = model;
        p.group.mesh = node.mesh;
        p.group.mirrored = mirrored;
        p.group.large = glm::length(diag) > kLargeModelDiagonal;
        for (uint32_t k = 0; k < mesh.primitiveCount; ++k)
          p.group.facing |= model->primitives[mesh.firstPrimitive + k].firstFacing != kNoFacing;
        p.group.meshMin = lmin;
        p.group.meshMax = lmax;
        pending.push_back(std::move(p));
      }
      Pending& p = pending[size_t(slot)];
      glm::vec3 wmin, wmax;
      transformAabb(world, lmin, lmax, wmin, wmax);
      GpuInstance gi{};
      gi.world = world;
      const glm::mat3 nm = glm::inverseTranspose(glm::mat3(world));
      for (int c = 0; c < 3; ++c) gi.normalMatrix[c] = glm::vec4(nm[c], 0.0f);
      gi.tint = inst.tint;
      gi.primaryColor = inst.primaryColor;
      gi.secondaryColor = inst.secondaryColor;
      p.data.push_back(gi);
      p.bmin.push_back(wmin);
      p.bmax.push_back(wmax);
      p.lodError.push_back(worldLodError(*model, node.mesh, world));
      p.toMesh.push_back(glm::mat4x3(glm::affineInverse(world)));
      p.axes.push_back(axisMapOf(glm::mat3(world)));
      growLodErrors(p.group.maxLodError, p.lodError.back());
      p.source.push_back(uint32_t(instIndex));
      p.node.push_back(uint32_t(nodeIndex));
    }
  }

  std::vector<GpuInstance> all;
  std::vector<uint32_t> order;
  std::vector<CullCluster> clusters;
  for (Pending& p : pending) {
    buildClusters(p.bmin, p.bmax, kInstancesPerCluster, order, clusters);
    InstanceGroup g = p.group;
    g.firstInstance = uint32_t(all.size());
    g.instanceCount = uint32_t(p.data.size());
    g.firstCluster = uint32_t(scene.clusters.size());
    g.clusterCount = uint32_t(clusters.size());
    for (CullCluster c : clusters) {
      c.first += g.firstInstance;
      scene.clusters.push_back(c);
    }
    for (uint32_t i : order) {
      all.push_back(p.data[i]);
      scene.instanceMin.push_back(p.bmin[i]);
      scene.instanceMax.push_back(p.bmax[i]);
      scene.instanceLodError.push_back(p.lodError[i]);
      scene.instanceToMesh.push_back(p.toMesh[i]);
      scene.instanceAxes.push_back(p.axes[i]);
      scene.instanceSource.push_back(p.source[i]);
      scene.instanceNode.push_back(p.node[i]);
    }
    scene.groups.push_back(g);
  }
  scene.instanceCount = uint32_t(all.size());

  UploadBatch batch{&ctx};
  scene.instances = makeBuffer(ctx, batch, all.data(), all.size() * sizeof(GpuInstance), desc.deviceLocal, "instances");
  scene.gpuBytes += scene.instances.size;

  // Signage.
  std::vector<GpuSign> signs;
  std::vector<GpuGlyph> glyphs;
  GlyphAtlas atlas;
  LogoAtlas logos;
  if (desc.signage && !desc.signage->signs.empty()) {
    const auto start = std::chrono::steady_clock::now();
    const SignageInput& in = *desc.signage;
    atlas = desc.atlas ? *desc.atlas : buildSignageAtlas(in);
    logos = packLogos(in.logos);
    std::vector<std::vector<SignQuad>> quads(in.signs.size());
    std::vector<glm::vec3> smin(in.signs.size()), smax(in.signs.size());
    for (size_t i = 0; i < in.signs.size(); ++i) {
      const SignInput& s = in.signs[i];
      glm::vec4 logoUv(0.0f);
      if (s.logo >= 0 && size_t(s.logo) < logos.uv.size()) logoUv = logos.uv[size_t(s.logo)];
      quads[i] = layoutSign(atlas, s, logoUv);
      glm::vec3 half(s.size * 0.5f, 0.01f);
      transformAabb(s.world, -half, half, smin[i], smax[i]);
    }
    buildClusters(smin, smax, kInstancesPerCluster, order, scene.signClusters);
    for (uint32_t i : order) {
      const SignInput& s = in.signs[i];
      const uint32_t signIndex = uint32_t(signs.size());
      signs.push_back({s.world, glm::vec4(s.textColor, 1.0f)});
      scene.signMin.push_back(smin[i]);
      scene.signMax.push_back(smax[i]);
      scene.signHeight.push_back(s.size.y);
      scene.signFirstGlyph.push_back(uint32_t(glyphs.size()));
      scene.signGlyphCount.push_back(uint32_t(quads[i].size()));
      for (const SignQuad& q : quads[i]) glyphs.push_back({q.rect, q.uv, glm::uvec4(signIndex, q.kind, 0, 0)});
      const std::vector<SignQuad> far = farSignQuads(quads[i]);
      float textHeight = 0.0f;
      for (const SignQuad& q : far)
        if (q.kind == 3) textHeight = q.rect.w - q.rect.y;
      scene.signTextHeight.push_back(textHeight);
      scene.signFirstFar.push_back(uint32_t(glyphs.size()));
      scene.signFarCount.push_back(uint32_t(far.size()));
      for (const SignQuad& q : far) glyphs.push_back({q.rect, q.uv, glm::uvec4(signIndex, q.kind, 0, 0)});
    }
    const size_t nearQuads = std::accumulate(scene.signGlyphCount.begin(), scene.signGlyphCount.end(), size_t(0));
    spdlog::info("signage: {} sign faces, {} glyph quads (+{} far), {}x{} SDF atlas from {} codepoints ({}), {} logos, "
                 "{:.0f} ms",
                 signs.size(), nearQuads, glyphs.size() - nearQuads, atlas.width, atlas.height, atlas.glyphs.size(),
                 fmt::join(atlas.fontFiles, ", "), in.logos.size(),
                 std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  scene.glyphCount = uint32_t(glyphs.size());
  if (glyphs.empty()) {
    // No signage: the frame binds the renderer's placeholders; nothing to allocate or upload
    // (keeps the per-frame scene of render(instances) to one host-visible buffer).
    submitUploads(batch);
    return scene;
  }
  scene.signs = makeBuffer(ctx, batch, signs.data(), signs.size() * sizeof(GpuSign), desc.deviceLocal, "signs");
  scene.glyphs = makeBuffer(ctx, batch, glyphs.data(), glyphs.size() * sizeof(GpuGlyph), desc.deviceLocal, "glyphs");
  const uint32_t aw = atlas.width, ah = atlas.height;
  scene.glyphAtlas = makeImage(ctx, batch, aw, ah, VK_FORMAT_R8_UNORM, mipChain(std::move(atlas.pixels), aw, ah, 1, 4),
                               "glyph atlas");
  const uint32_t lw = logos.width, lh = logos.height;
  scene.logoAtlas = makeImage(ctx, batch, lw, lh, VK_FORMAT_R8G8B8A8_SRGB, mipChain(std::move(logos.pixels), lw, lh, 4, 5),
                              "logo atlas");
  scene.gpuBytes += scene.signs.size + scene.glyphs.size + VkDeviceSize(aw) * ah * 4 / 3 +
                    VkDeviceSize(lw) * lh * 4 * 4 / 3;
  submitUploads(batch);
  return scene;
}

bool updateGpuSceneInstances(Renderer& /*renderer*/, GpuScene& scene, std::span<const uint32_t> indices,
                             std::span<const DrawInstance> instances) {
  if (!scene.deviceLocal || scene.instances.buffer == VK_NULL_HANDLE) return false;
  if (indices.empty()) return true;
  std::vector<char> wanted(instances.size(), 0);
  for (uint32_t i : indices)
    if (i < instances.size()) wanted[i] = 1;
  size_t group = 0;
  for (uint32_t e = 0; e < scene.instanceCount; ++e) {
    while (group < scene.groups.size() &&
           e >= scene.groups[group].firstInstance + scene.groups[group].instanceCount)
      ++group;
    const uint32_t src = scene.instanceSource[e];
    if (src >= instances.size() || !wanted[src]) continue;
    const DrawInstance& inst = instances[src];
    InstanceGroup& g = scene.groups[group];
    if (inst.model != g.model || scene.instanceNode[e] >= g.model->nodes.size()) return false;
    const GpuModel& model = *g.model;
    const auto& node = model.nodes[scene.instanceNode[e]];
    const glm::mat4 world = inst.transform * node.world;
    if ((glm::determinant(glm::mat3(world)) < 0.0f) != g.mirrored) return false;
    glm::vec3 lmin, lmax;
    meshBounds(model, model.meshes[node.mesh], lmin, lmax);
    glm::vec3 wmin, wmax;
    transformAabb(world, lmin, lmax, wmin, wmax);
    scene.instanceMin[e] = wmin;
    scene.instanceMax[e] = wmax;
    scene.instanceLodError[e] = worldLodError(model, node.mesh, world);
    growLodErrors(g.maxLodError, scene.instanceLodError[e]);
    scene.instanceToMesh[e] = glm::mat4x3(glm::affineInverse(world));
    scene.instanceAxes[e] = axisMapOf(glm::mat3(world));
    // Clusters are in buffer order: grow the one holding this entry (conservative culling).
    auto it = std::upper_bound(scene.clusters.begin(), scene.clusters.end(), e,
                               [](uint32_t v, const CullCluster& c) { return v < c.first; });
    if (it != scene.clusters.begin()) {
      CullCluster& c = *(it - 1);
      c.boundsMin = glm::min(c.boundsMin, wmin);
      c.boundsMax = glm::max(c.boundsMax, wmax);
    }
    GpuInstance gi{};
    gi.world = world;
    const glm::mat3 nm = glm::inverseTranspose(glm::mat3(world));
    for (int c = 0; c < 3; ++c) gi.normalMatrix[c] = glm::vec4(nm[c], 0.0f);
    gi.tint = inst.tint;
    gi.primaryColor = inst.primaryColor;
    gi.secondaryColor = inst.secondaryColor;
    scene.pendingEntries.push_back(e);
    const auto* bytes = reinterpret_cast<const uint8_t*>(&gi);
    scene.pendingData.insert(scene.pendingData.end(), bytes, bytes + sizeof(gi));
  }
  return true;
}

namespace {

// Gives the booth instances among `instances` their booth's colours, matching them to
// scene.expoScene->booths (same order) by model and transform. `skipColoured`: instances that
// already have a primary colour keep it.
void colourBoothInstances(const RenderScene& scene, std::span<DrawInstance> instances, bool skipColoured) {
  const auto& booths = scene.expoScene->booths;
  size_t cursor = 0;
  for (DrawInstance& inst : instances) {
    if (skipColoured && inst.primaryColor.a > 0.0f) continue;
    for (size_t k = cursor; k < booths.size(); ++k) {
      const expo::BoothInstance& b = booths[k];
      if (b.model >= scene.models.size() || scene.models[b.model].get() != inst.model || b.world != inst.transform)
        continue;
      inst.tint = glm::vec4(1.0f);
      inst.primaryColor = glm::vec4(b.primaryColor, 1.0f);
      inst.secondaryColor = glm::vec4(b.secondaryColor, 1.0f);
      cursor = k + 1;
      break;
    }
  }
}

}  // namespace

void applyBoothColors(RenderScene& scene) {
  if (scene.expoScene) colourBoothInstances(scene, scene.instances, false);
}

GpuScene createRenderSceneGpu(const Context& ctx, Renderer& renderer, const RenderScene& scene,
                              const LogoLoader& loadLogo) {
  SignageInput signage;
  if (scene.expo && scene.expoScene) signage = signageForExpo(*scene.expo, *scene.expoScene, scene.models, loadLogo);
  return createRenderSceneGpu(ctx, renderer, scene, &signage, nullptr);
}

GpuScene createRenderSceneGpu(const Context& ctx, Renderer& renderer, const RenderScene& scene,
                              const SignageInput* signage, const GlyphAtlas* atlas) {
  GpuSceneDesc desc;
  desc.signage = signage;
  desc.atlas = atlas;
  // Booth colours per material where the models carry the cx_* roles (assignBoothMaterialRoles).
  bool roles = false;
  for (const auto& m : scene.models)
    for (const GpuMaterial& mat : m->materials) roles = roles || mat.role != MaterialRole::Own;
  if (roles && scene.expoScene) {
    std::vector<DrawInstance> instances = scene.instances;
    colourBoothInstances(scene, instances, true);
    return createGpuScene(ctx, renderer, instances, desc);
  }
  return createGpuScene(ctx, renderer, scene.instances, desc);
}

void destroyGpuScene(Renderer& renderer, GpuScene& scene) {
  const Context& ctx = *renderer.ctx;
  // The scene may be in use by frames in flight: free it once every slot has moved past them.
  auto buffers = std::make_shared<std::vector<Buffer>>(std::vector<Buffer>{scene.instances, scene.signs, scene.glyphs});
  auto images = std::make_shared<std::vector<Image>>(std::vector<Image>{scene.glyphAtlas, scene.logoAtlas});
  auto remaining = std::make_shared<size_t>(renderer.frames.size());
  auto release = [&ctx, buffers, images, remaining] {
    if (--*remaining) return;
    for (Buffer& b : *buffers) destroyBuffer(ctx, b);
    for (Image& i : *images) destroyImage(ctx, i);
  };
  if (renderer.frames.empty()) {
    *remaining = 1;
    release();
  } else {
    for (auto& f : renderer.frames) f->deletions.push_back(release);
  }
  scene = {};
}

}  // namespace cx::render
