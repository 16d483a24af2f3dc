// bakeModel: charts and samples, the Embree scene, the two light passes, and the result written
// into the model (cx/bake/bake.h).
#include "cx/bake/bake.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <numeric>

#include "charts.h"
#include "cx/assets/gltf.h"
#include "integrate.h"
#include "ray_scene.h"
#include "samples.h"

namespace cx::bake {
namespace {

using namespace detail;

enum class Mode { Skip, Texture, Vertex };

// One mesh per placement: a mesh that several nodes place is copied, since each copy gets its
// own light.
void unshareMeshes(assets::Model& model) {
  std::vector<bool> used(model.meshes.size(), false);
  for (assets::MeshInstance& inst : model.instances) {
    if (inst.mesh >= model.meshes.size()) continue;
    if (used[inst.mesh]) {
      assets::Mesh copy = model.meshes[inst.mesh];
      model.meshes.push_back(std::move(copy));
      inst.mesh = uint32_t(model.meshes.size() - 1);
      used.push_back(true);
    } else {
      used[inst.mesh] = true;
    }
  }
}

bool validIndices(const assets::Primitive& p) {
  if (p.indices.size() % 3 != 0 || p.vertices.empty()) return false;
  for (uint32_t i : p.indices)
    if (i >= p.vertices.size()) return false;
  return true;
}

// How a material is baked: not at all (blended, unlit or glowing: the bake would not show), per
// vertex where every primitive using it is dense, else into the atlas.
std::vector<Mode> materialModes(const assets::Model& model, const std::vector<glm::mat4>& meshWorld,
                                const BakeSettings& s, float texelsPerMetre) {
  std::vector<Mode> modes(model.materials.size() + 1, Mode::Texture);  // the last: the glTF default
  for (size_t m = 0; m < model.materials.size(); ++m) {
    const assets::Material& mat = model.materials[m];
    const float glow = luminance(mat.emissiveFactor * mat.emissiveStrength);
    if (mat.alphaMode == assets::AlphaMode::Blend || mat.unlit || glow > 0.01f) modes[m] = Mode::Skip;
  }
  if (s.vertexAo == VertexAo::Never) return modes;
  std::vector<double> edgeSum(modes.size(), 0.0), edgeCount(modes.size(), 0.0);
  for (size_t mi = 0; mi < model.meshes.size(); ++mi) {
    for (const assets::Primitive& p : model.meshes[mi].primitives) {
      const size_t m = p.material >= 0 && size_t(p.material) < model.materials.size() ? size_t(p.material)
                                                                                         : model.materials.size();
      const glm::mat3 w(meshWorld[mi]);
      for (size_t t = 0; t + 2 < p.indices.size(); t += 3)
        for (int e = 0; e < 3; ++e) {
          const glm::vec3 a = w * p.vertices[p.indices[t + size_t(e)]].position;
          const glm::vec3 b = w * p.vertices[p.indices[t + size_t((e + 1) % 3)]].position;
          edgeSum[m] += glm::length(a - b);
          edgeCount[m] += 1.0;
        }
    }
  }
  for (size_t m = 0; m < modes.size(); ++m) {
    if (modes[m] == Mode::Skip || edgeCount[m] == 0.0) continue;
    const double meanEdge = edgeSum[m] / edgeCount[m];
    if (s.vertexAo == VertexAo::Always || meanEdge * texelsPerMetre < 2.0) modes[m] = Mode::Vertex;
  }
  return modes;
}

struct BakeTarget {
  uint32_t mesh = 0, primitive = 0;
  Mode mode = Mode::Texture;
  int32_t chartInput = -1;   // into the chart inputs (Texture)
  uint32_t firstSample = 0;  // Vertex: its vertices' samples
};

Status checkSettings(const BakeSettings& s) {
  if (s.samplesPerTexel < 4 || s.samplesPerTexel > 4096)
    return makeError(fmt::format("bake: samples per texel must be within 4..4096, got {}", s.samplesPerTexel));
  if (!(s.texelsPerSquareMetre >= 0.01f && s.texelsPerSquareMetre <= 1e6f))
    return makeError(fmt::format("bake: texels per square metre must be within 0.01..1e6, got {}", s.texelsPerSquareMetre));
  if (s.maxTexels < 64 || s.maxAtlasSide < 16 || s.maxAtlasSide > 16384)
    return makeError("bake: the texel budget must be at least 64 and the atlas side within 16..16384");
  if (s.bounces < 0 || s.bounces > 1) return makeError(fmt::format("bake: bounces must be 0 or 1, got {}", s.bounces));
  if (s.lightSamples < 1 || s.lightSamples > 1024)
    return makeError(fmt::format("bake: light samples must be within 1..1024, got {}", s.lightSamples));
  if (!(s.skyRadiance > 0.0f) || !(s.groundRadiance >= 0.0f) || !std::isfinite(s.skyRadiance) ||
      !std::isfinite(s.groundRadiance))
    return makeError("bake: the sky radiance must be positive and the ground radiance at least 0");
  if (!(s.environmentScale >= 0.0f && s.environmentScale <= 4.0f))
    return makeError(fmt::format("bake: the environment scale must be within 0..4, got {}", s.environmentScale));
  return {};
}

}  // namespace

Result<BakeReport> bakeModel(assets::Model& model, std::span<const Occluder> occluders, const BakeSettings& settings) {
  if (auto st = checkSettings(settings); !st) return st.error();
  const auto start = std::chrono::steady_clock::now();
  auto report = [&](float f, const char* phase) {
    if (settings.progress) settings.progress(std::clamp(f, 0.0f, 1.0f), phase);
  };
  const std::string key = bakeKey(model, occluders, settings);
  BakeReport out;
  unshareMeshes(model);
  std::vector<glm::mat4> meshWorld(model.meshes.size(), glm::mat4(1.0f));
  std::vector<bool> placed(model.meshes.size(), false);
  for (const assets::MeshInstance& inst : model.instances)
    if (inst.mesh < model.meshes.size()) {
      meshWorld[inst.mesh] = inst.world;
      placed[inst.mesh] = true;
    }

  // Charts at the asked density, lowered until they fit the texel budget and the atlas side.
  float tpm = std::sqrt(settings.texelsPerSquareMetre);
  const std::vector<Mode> modes = materialModes(model, meshWorld, settings, tpm);
  auto modeOf = [&](const assets::Primitive& p) {
    return modes[p.material >= 0 && size_t(p.material) < model.materials.size() ? size_t(p.material)
                                                                                : model.materials.size()];
  };
  std::vector<BakeTarget> targets;
  std::vector<ChartInput> chartInputs;
  for (uint32_t m = 0; m < model.meshes.size(); ++m) {
    if (!placed[m]) continue;
    for (uint32_t p = 0; p < model.meshes[m].primitives.size(); ++p) {
      const assets::Primitive& prim = model.meshes[m].primitives[p];
      const Mode mode = modeOf(prim);
      if (mode == Mode::Skip || !validIndices(prim) || prim.indices.empty()) continue;
      BakeTarget t{m, p, mode};
      if (mode == Mode::Texture) {
        t.chartInput = int32_t(chartInputs.size());
        chartInputs.push_back({&prim, meshWorld[m]});
      }
      targets.push_back(t);
    }
  }
  report(0.0f, "charts");
  ChartSet charts;
  uint32_t atlasWidth = 0, atlasHeight = 0;
  if (!chartInputs.empty()) {
    for (int attempt = 0; attempt < 8; ++attempt) {
      charts = buildCharts(chartInputs, tpm);
      const uint64_t texels = chartTexels(charts.charts);
      atlasWidth = atlasWidthFor(charts.charts, {});
      atlasHeight = packCharts(charts.charts, {}, atlasWidth);
      const bool fits = texels <= settings.maxTexels && atlasWidth <= settings.maxAtlasSide &&
                        atlasHeight <= settings.maxAtlasSide && atlasHeight > 0;
      if (fits) break;
      // Padding does not shrink with the density: aim a little under the budget.
      const double scale = std::sqrt(double(settings.maxTexels) / double(std::max<uint64_t>(texels, 1))) * 0.95;
      const double side = double(settings.maxAtlasSide) / double(std::max(atlasWidth, atlasHeight)) * 0.95;
      tpm *= float(std::min({scale, side, 0.95}));
      if (attempt == 7) return makeError(fmt::format("bake: {}: the charts do not fit a {}x{} atlas", model.name,
                                                     settings.maxAtlasSide, settings.maxAtlasSide));
    }
  }
  out.texelsPerSquareMetre = tpm * tpm;

  // Sample points: texels of the charts, then the vertices of vertex-baked primitives.
  std::vector<SamplePoint> samples;
  uint32_t tiles = 0;
  std::vector<glm::mat4> chartWorlds;
  std::vector<bool> textured(chartInputs.size(), true);
  for (const ChartInput& c : chartInputs) chartWorlds.push_back(c.world);
  std::vector<ChartGrid> grids = rasterizeCharts(charts, chartWorlds, textured, samples, tiles);
  out.texels = samples.size();
  for (BakeTarget& t : targets) {
    if (t.mode != Mode::Vertex) continue;
    const assets::Primitive& prim = model.meshes[t.mesh].primitives[t.primitive];
    const glm::mat4& world = meshWorld[t.mesh];
    const glm::mat3 normalMatrix = glm::transpose(glm::inverse(glm::mat3(world)));
    t.firstSample = uint32_t(samples.size());
    // Face normals accumulated per vertex stand in for the geometric normal (ray offsets).
    std::vector<glm::vec3> faceSum(prim.vertices.size(), glm::vec3(0.0f));
    for (size_t i = 0; i + 2 < prim.indices.size(); i += 3) {
      const glm::vec3 a = prim.vertices[prim.indices[i]].position, b = prim.vertices[prim.indices[i + 1]].position,
                      c = prim.vertices[prim.indices[i + 2]].position;
      const glm::vec3 n = normalMatrix * glm::cross(b - a, c - a);
      for (int k = 0; k < 3; ++k) faceSum[prim.indices[i + size_t(k)]] += n;
    }
    for (size_t v = 0; v < prim.vertices.size(); ++v) {
      SamplePoint sp;
      sp.position = glm::vec3(world * glm::vec4(prim.vertices[v].position, 1.0f));
      const float gl = glm::length(faceSum[v]);
      sp.geomNormal = gl > 1e-12f ? faceSum[v] / gl : glm::vec3(0, 1, 0);
      const glm::vec3 n = normalMatrix * prim.vertices[v].normal;
      const float nl = glm::length(n);
      sp.normal = nl > 1e-12f ? n / nl : sp.geomNormal;
      // A light tile per metre cell of space.
      sp.tile = tiles++;
      samples.push_back(sp);
    }
    out.vertices += prim.vertices.size();
  }

  // The ray scene: every opaque primitive of the model (the baked ones as charted), the occluders.
  report(0.02f, "scene");
  RayScene scene;
  if (auto st = scene.init(settings.threads); !st) return st.error();
  glm::vec3 lo(1e30f), hi(-1e30f);
  for (uint32_t m = 0; m < model.meshes.size(); ++m) {
    if (!placed[m]) continue;
    for (uint32_t p = 0; p < model.meshes[m].primitives.size(); ++p) {
      const assets::Primitive& prim = model.meshes[m].primitives[p];
      if (!validIndices(prim)) continue;
      if (prim.material >= 0 && size_t(prim.material) < model.materials.size() &&
          model.materials[size_t(prim.material)].alphaMode == assets::AlphaMode::Blend)
        continue;
      TriangleSet set;
      set.info = surfaceOf(model, prim.material);
      const auto target = std::find_if(targets.begin(), targets.end(),
                                       [&](const BakeTarget& t) { return t.mesh == m && t.primitive == p; });
      const std::vector<assets::Vertex>* vertices = &prim.vertices;
      set.indices = prim.indices;
      if (target != targets.end()) {
        set.info.target = int32_t(target - targets.begin());
        if (target->mode == Mode::Texture) {
          vertices = &charts.primitives[size_t(target->chartInput)].vertices;
          set.indices = charts.primitives[size_t(target->chartInput)].indices;
        }
      }
      for (const assets::Vertex& v : *vertices) {
        set.positions.push_back(glm::vec3(meshWorld[m] * glm::vec4(v.position, 1.0f)));
        lo = glm::min(lo, set.positions.back());
        hi = glm::max(hi, set.positions.back());
      }
      scene.addTriangles(std::move(set));
    }
  }
  for (const Occluder& o : occluders)
    if (o.model) scene.addOccluder(*o.model, o.transform);
  if (auto st = scene.commit(); !st) return st.error();

  IntegratorInput in;
  in.scene = &scene;
  in.settings = &settings;
  in.samples = &samples;
  in.tileCount = tiles;
  in.sceneSize = hi.x >= lo.x ? glm::length(hi - lo) : 1.0f;
  auto addLight = [&](const assets::Light& l, const glm::mat4& world) {
    BakeLight b;
    b.type = l.type;
    b.position = glm::vec3(world[3]);
    const glm::vec3 axis = -glm::vec3(world[2]);
    b.direction = glm::length(axis) > 1e-12f ? glm::normalize(axis) : glm::vec3(0, 0, -1);
    b.intensity = luminance(l.color) * l.intensity;
    b.range = l.range;
    b.cosInner = std::cos(l.innerConeAngle);
    b.cosOuter = std::cos(l.outerConeAngle);
    in.lights.push_back(b);
  };
  for (const assets::LightInstance& li : model.lightInstances)
    if (li.light < model.lights.size()) addLight(model.lights[li.light], li.world);
  for (const auto& [light, world] : scene.occluderLights) addLight(light, world);

  // Pass 1: direct light; pass 2: its bounce.
  std::atomic<uint64_t> rays{0};
  const float passShare = settings.bounces > 0 ? 0.6f : 0.96f;
  DirectLight direct = directIrradiance(in, rays, [&](float f) { report(0.04f + f * passShare, "direct light"); });
  std::vector<float> total = direct.baked;
  if (settings.bounces > 0 && !samples.empty()) {
    fillGrids(grids, direct.total);
    dilateGrids(grids);
    double sum = 0.0;
    for (float e : direct.total) sum += e;
    const float meanDirect = float(sum / double(direct.total.size()));
    auto lookup = [&](const SurfaceInfo& surface, uint32_t primID, float u, float v) -> float {
      const BakeTarget& t = targets[size_t(surface.target)];
      const float w[3] = {1.0f - u - v, u, v};
      if (t.mode == Mode::Texture) {
        const ChartedPrimitive& cp = charts.primitives[size_t(t.chartInput)];
        if (size_t(primID) * 3 + 2 >= cp.indices.size()) return -1.0f;
        const uint32_t* idx = &cp.indices[size_t(primID) * 3];
        const glm::vec2 local = cp.local[idx[0]] * w[0] + cp.local[idx[1]] * w[1] + cp.local[idx[2]] * w[2];
        return gridValueAt(grids[cp.chartOfVertex[idx[0]]], local);
      }
      const assets::Primitive& prim = model.meshes[t.mesh].primitives[t.primitive];
      if (size_t(primID) * 3 + 2 >= prim.indices.size()) return -1.0f;
      float e = 0.0f;
      for (int k = 0; k < 3; ++k) e += w[k] * direct.total[t.firstSample + prim.indices[size_t(primID) * 3 + size_t(k)]];
      return e;
    };
    std::vector<float> bounce = bounceIrradiance(in, lookup, meanDirect, rays,
                                                 [&](float f) { report(0.64f + f * 0.32f, "bounce"); });
    for (size_t s = 0; s < total.size(); ++s) total[s] += bounce[s];
  }
  // The bake's value: irradiance relative to the open environment's, 0..1.
  double upSum = 0.0, upCount = 0.0;
  for (size_t s = 0; s < total.size(); ++s) {
    total[s] = std::clamp(total[s] / referenceIrradiance(settings, samples[s].normal), 0.0f, 1.0f);
    if (samples[s].normal.y > 0.9f) {
      upSum += total[s];
      upCount += 1.0;
    }
  }
  out.meanUpward = upCount > 0.0 ? float(upSum / upCount) : 0.0f;
  report(0.97f, "write");
  for (ChartGrid& g : grids) std::fill(g.value.begin(), g.value.end(), 0.0f);
  fillGrids(grids, total);
  smoothGrids(grids);
  dilateGrids(grids);

  // Materials whose bake would not show keep none: no texture to sample, no atlas space.
  std::vector<double> area(modes.size(), 0.0), bright(modes.size(), 0.0);
  auto materialSlot = [&](const BakeTarget& t) {
    const int m = model.meshes[t.mesh].primitives[t.primitive].material;
    return m >= 0 && size_t(m) < model.materials.size() ? size_t(m) : model.materials.size();
  };
  for (const BakeTarget& t : targets) {
    const size_t m = materialSlot(t);
    if (t.mode == Mode::Texture) {
      for (size_t c = 0; c < charts.charts.size(); ++c) {
        if (charts.charts[c].primitive != uint32_t(t.chartInput)) continue;
        for (size_t i = 0; i < grids[c].sample.size(); ++i) {
          if (grids[c].sample[i] < 0) continue;
          area[m] += 1.0;
          bright[m] += grids[c].value[i] >= settings.uniformLevel ? 1.0 : 0.0;
        }
      }
    } else {
      const size_t n = model.meshes[t.mesh].primitives[t.primitive].vertices.size();
      for (size_t v = 0; v < n; ++v) {
        area[m] += 1.0;
        bright[m] += total[t.firstSample + v] >= settings.uniformLevel ? 1.0 : 0.0;
      }
    }
  }
  std::vector<bool> keep(modes.size(), false);
  for (size_t m = 0; m < modes.size(); ++m) {
    keep[m] = area[m] > 0.0 && bright[m] < area[m] * double(settings.uniformShare);
    if (area[m] > 0.0 && !keep[m]) ++out.materialsUniform;
  }

  // The atlas of the kept charts, packed anew.
  std::vector<uint32_t> kept;
  for (size_t c = 0; c < charts.charts.size(); ++c) {
    const auto t = std::find_if(targets.begin(), targets.end(),
                                [&](const BakeTarget& bt) { return bt.chartInput == int32_t(charts.charts[c].primitive); });
    if (t != targets.end() && keep[materialSlot(*t)]) kept.push_back(uint32_t(c));
  }
  int atlasImage = -1;
  if (!kept.empty()) {
    atlasWidth = atlasWidthFor(charts.charts, kept);
    atlasHeight = packCharts(charts.charts, kept, atlasWidth);
    assets::Image image;
    image.name = "baked occlusion";
    image.width = atlasWidth;
    image.height = atlasHeight;
    image.colorSpace = assets::ColorSpace::Linear;
    image.rgba8.assign(size_t(atlasWidth) * atlasHeight * 4, 255);
    for (uint32_t c : kept) {
      const Chart& chart = charts.charts[c];
      const ChartGrid& g = grids[c];
      for (uint32_t y = 0; y < chart.height; ++y)
        for (uint32_t x = 0; x < chart.width; ++x) {
          const uint8_t v = uint8_t(std::lround(std::clamp(g.value[size_t(y) * g.width + x], 0.0f, 1.0f) * 255.0f));
          uint8_t* px = &image.rgba8[(size_t(chart.y + y) * atlasWidth + chart.x + x) * 4];
          px[0] = px[1] = px[2] = v;
        }
    }
    model.images.push_back(std::move(image));
    atlasImage = int(model.images.size() - 1);
    assets::Sampler sampler;
    sampler.wrapS = sampler.wrapT = assets::Wrap::ClampToEdge;
    model.samplers.push_back(sampler);
    out.atlasWidth = atlasWidth;
    out.atlasHeight = atlasHeight;
  }
  const int atlasSampler = int(model.samplers.size()) - 1;

  // Into the model: split vertices with TEXCOORD_1 and the materials' occlusion maps, or COLOR_0.
  for (const BakeTarget& t : targets) {
    const size_t m = materialSlot(t);
    if (!keep[m]) continue;
    assets::Primitive& prim = model.meshes[t.mesh].primitives[t.primitive];
    if (t.mode == Mode::Texture) {
      ChartedPrimitive& cp = charts.primitives[size_t(t.chartInput)];
      for (size_t v = 0; v < cp.vertices.size(); ++v) {
        const Chart& chart = charts.charts[cp.chartOfVertex[v]];
        cp.vertices[v].uv1 = (glm::vec2(float(chart.x), float(chart.y)) + cp.local[v]) /
                             glm::vec2(float(atlasWidth), float(atlasHeight));
      }
      prim.vertices = std::move(cp.vertices);
      prim.indices = std::move(cp.indices);
      prim.hasUv1 = true;
    } else {
      for (size_t v = 0; v < prim.vertices.size(); ++v) {
        const float ao = total[t.firstSample + v];
        prim.vertices[v].color = glm::vec4(glm::vec3(prim.vertices[v].color) * ao, prim.vertices[v].color.a);
      }
    }
  }
  bool defaultMaterialBaked = false;
  for (size_t m = 0; m < modes.size(); ++m) {
    if (!keep[m]) continue;
    const bool vertex = std::any_of(targets.begin(), targets.end(),
                                    [&](const BakeTarget& t) { return materialSlot(t) == m && t.mode == Mode::Vertex; });
    if (m == model.materials.size()) {
      defaultMaterialBaked = !vertex;
      if (vertex) ++out.materialsVertex;
      continue;
    }
    if (vertex) {
      ++out.materialsVertex;
      continue;
    }
    assets::Material& mat = model.materials[m];
    mat.occlusionTexture = {};
    mat.occlusionTexture.image = atlasImage;
    mat.occlusionTexture.sampler = atlasSampler;
    mat.occlusionTexture.texCoord = 1;
    mat.occlusionStrength = 1.0f;
    ++out.materialsTextured;
  }
  if (defaultMaterialBaked) {
    // Primitives without a material take a copy of the glTF default that carries the bake.
    assets::Material mat;
    mat.name = "baked default";
    mat.occlusionTexture.image = atlasImage;
    mat.occlusionTexture.sampler = atlasSampler;
    mat.occlusionTexture.texCoord = 1;
    const size_t defaultSlot = model.materials.size();
    std::vector<const BakeTarget*> users;
    for (const BakeTarget& t : targets)
      if (materialSlot(t) == defaultSlot && t.mode == Mode::Texture) users.push_back(&t);
    model.materials.push_back(mat);
    for (const BakeTarget* t : users) model.meshes[t->mesh].primitives[t->primitive].material = int(defaultSlot);
    ++out.materialsTextured;
  }
  assets::computeBounds(model);
  std::erase_if(model.assetExtras, [](const auto& kv) { return kv.first == kBakeKeyExtra || kv.first == kBakeVertexExtra; });
  model.assetExtras.emplace_back(kBakeKeyExtra, key);
  if (out.materialsVertex > 0) model.assetExtras.emplace_back(kBakeVertexExtra, "1");
  out.rays = rays.load();
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  report(1.0f, "done");
  return out;
}

Status stripBake(assets::Model& model) {
  for (const auto& [key, value] : model.assetExtras)
    if (key == kBakeVertexExtra)
      return makeError("it was baked into its vertex colours, which cannot be undone: bake the model as authored");
  std::vector<bool> imageUsed(model.images.size(), false), samplerUsed(model.samplers.size(), false);
  for (assets::Material& m : model.materials) {
    if (m.occlusionTexture.texCoord == 1) m.occlusionTexture = {};
    for (const assets::TextureRef* t : {&m.baseColorTexture, &m.metallicRoughnessTexture, &m.normalTexture,
                                        &m.occlusionTexture, &m.emissiveTexture}) {
      if (t->image >= 0 && size_t(t->image) < imageUsed.size()) imageUsed[size_t(t->image)] = true;
      if (t->sampler >= 0 && size_t(t->sampler) < samplerUsed.size()) samplerUsed[size_t(t->sampler)] = true;
    }
  }
  // Keep what is still used, renumbered in order.
  std::vector<int> imageIndex(model.images.size(), -1), samplerIndex(model.samplers.size(), -1);
  std::vector<assets::Image> images;
  std::vector<assets::Sampler> samplers;
  for (size_t i = 0; i < model.images.size(); ++i)
    if (imageUsed[i]) {
      imageIndex[i] = int(images.size());
      images.push_back(std::move(model.images[i]));
    }
  for (size_t i = 0; i < model.samplers.size(); ++i)
    if (samplerUsed[i]) {
      samplerIndex[i] = int(samplers.size());
      samplers.push_back(model.samplers[i]);
    }
  for (assets::Material& m : model.materials)
    for (assets::TextureRef* t : {&m.baseColorTexture, &m.metallicRoughnessTexture, &m.normalTexture,
                                  &m.occlusionTexture, &m.emissiveTexture}) {
      if (t->image >= 0) t->image = size_t(t->image) < imageIndex.size() ? imageIndex[size_t(t->image)] : -1;
      if (t->sampler >= 0) t->sampler = size_t(t->sampler) < samplerIndex.size() ? samplerIndex[size_t(t->sampler)] : -1;
    }
  model.images = std::move(images);
  model.samplers = std::move(samplers);
  bool uv1Read = false;
  for (const assets::Material& m : model.materials)
    for (const assets::TextureRef* t : {&m.baseColorTexture, &m.metallicRoughnessTexture, &m.normalTexture,
                                        &m.occlusionTexture, &m.emissiveTexture})
      uv1Read = uv1Read || (t->image >= 0 && t->texCoord == 1);
  if (!uv1Read)
    for (assets::Mesh& mesh : model.meshes)
      for (assets::Primitive& p : mesh.primitives) p.hasUv1 = false;
  std::erase_if(model.assetExtras, [](const auto& kv) { return kv.first == kBakeKeyExtra; });
  return {};
}

}  // namespace cx::bake
