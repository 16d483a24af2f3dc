// Far levels of detail: far booths are drawn with fewer triangles, in the same number of draw
// calls, and the picture stays the same but for edges moved by up to a pixel.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <unordered_map>

#include <glm/gtc/matrix_transform.hpp>
#include <span>

#include "cx/assets/geometry.h"
#include "cx/expo/expo_assets.h"
#include "cx/expo/sample_expo.h"
#include "cx/render/render_scene.h"
#include "cx/render/view.h"
#include "render_fixture.h"
#include "test_models.h"

namespace cx::testing {
namespace {

struct Rendered {
  render::FrameStats stats;
  RgbaImage image;                // the first view's
  std::vector<RgbaImage> layers;  // every view's
};

class Lod : public RenderTest {
 protected:
  // Builds the generated expo with `r` (models belong to the renderer that uploaded them) and
  // renders `views` of it (none: the default overview). `mirroredCopies` adds, for the first 40
  // booths, a copy mirrored in X (negative determinant: clockwise front faces) and one turned by
  // 30 degrees beside it.
  Rendered renderExpo(render::Renderer& r, int exhibitors, std::span<const render::View> views, uint32_t w, uint32_t h,
                      bool mirroredCopies = false) {
    Rendered out;
    auto sample = expo::buildSampleExpo({exhibitors, 13, 0});
    EXPECT_TRUE(sample.ok()) << sample.message();
    if (!sample) return out;
    std::unordered_map<std::string, const assets::Model*> byPath;
    for (const auto& m : sample->models) byPath[m.path] = &m.model;
    auto scene = render::buildExpoRenderScene(*ctx, r, sample->expo, [&](const expo::SceneModel& m) {
      auto it = byPath.find(m.path);
      return expo::finishExpoModelLoad(m, it != byPath.end() ? Result<assets::Model>(*it->second)
                                                            : Result<assets::Model>(makeError("missing")));
    });
    EXPECT_TRUE(scene.ok()) << scene.message();
    if (!scene) return out;
    if (mirroredCopies) {
      const size_t all = scene->instances.size();
      for (size_t i = 0, copied = 0; i < all && copied < 40; ++i) {
        render::DrawInstance copy = scene->instances[i];
        if (!copy.model || glm::length(copy.model->boundsMax - copy.model->boundsMin) > 20.0f) continue;  // booths only
        ++copied;
        copy.transform = glm::translate(glm::mat4(1.0f), glm::vec3(0.0f, 0.0f, 12.0f)) * copy.transform *
                         glm::scale(glm::mat4(1.0f), glm::vec3(-1.0f, 1.0f, 1.0f));
        scene->instances.push_back(copy);
        // And one turned by 30 degrees: no axis map (facing.h), the eye goes into its frame.
        copy = scene->instances[i];
        copy.transform = glm::translate(glm::mat4(1.0f), glm::vec3(0.0f, 0.0f, 24.0f)) * copy.transform *
                         glm::rotate(glm::mat4(1.0f), glm::radians(30.0f), glm::vec3(0.0f, 1.0f, 0.0f));
        scene->instances.push_back(copy);
      }
    }
    std::vector<render::View> v(views.begin(), views.end());
    if (v.empty()) v.push_back(render::defaultView(*scene, float(w) / float(h)));
    out = renderInstances(r, v, scene->instances, w, h);
    render::destroyRenderScene(*ctx, *scene);
    return out;
  }

  // Renders `instances` from `views` with `r` (one layer per view) and reads every layer back.
  Rendered renderInstances(render::Renderer& r, std::span<const render::View> views,
                           std::span<const render::DrawInstance> instances, uint32_t w, uint32_t h) {
    Rendered out;
    auto target = render::createOffscreenTarget(*ctx, {w, h}, uint32_t(views.size()));
    out.stats = render::render(r, views, target.target(), instances);
    for (uint32_t layer = 0; layer < views.size(); ++layer) {
      auto pixels = render::readPixels(*ctx, r, target, layer);
      out.layers.push_back({pixels.width, pixels.height, std::move(pixels.rgba)});
    }
    out.image = out.layers.front();
    render::waitIdle(r);
    render::destroyOffscreenTarget(*ctx, target);
    return out;
  }

  // For a failed comparison: both images next to the golden failures.
  static void saveBoth(const std::string& name, const RgbaImage& full, const RgbaImage& lod) {
    const auto dir = std::filesystem::temp_directory_path() / "cloudexpo-golden-failures";
    std::filesystem::create_directories(dir);
    savePng(dir / (name + ".full.png"), full);
    savePng(dir / (name + ".lod.png"), lod);
  }

  std::unique_ptr<render::Renderer> fullDetailRenderer() {
    render::RendererDesc rd;
    rd.antiAliasing = render::AntiAliasing::None;
    rd.lodPixelError = 0.0f;
    return render::createRenderer(*ctx, rd);
  }

  std::unique_ptr<render::Renderer> allTrianglesRenderer() {
    render::RendererDesc rd;
    rd.antiAliasing = render::AntiAliasing::None;
    rd.eyeRegionCulling = false;
    return render::createRenderer(*ctx, rd);
  }
};

TEST_F(Lod, OverviewUsesFarLodsAndLooksTheSame) {
  Rendered lod = renderExpo(*renderer, 1000, {}, 480, 270);
  auto fullRenderer = fullDetailRenderer();
  Rendered full = renderExpo(*fullRenderer, 1000, {}, 480, 270);
  render::destroyRenderer(*fullRenderer);
  std::printf("lod: %llu triangles, %u of %u instances far, %u draws; full detail: %llu triangles, %u draws\n",
              static_cast<unsigned long long>(lod.stats.trianglesSubmitted), lod.stats.instancesFar,
              lod.stats.instancesDrawn, lod.stats.drawCalls,
              static_cast<unsigned long long>(full.stats.trianglesSubmitted), full.stats.drawCalls);
  EXPECT_EQ(full.stats.instancesFar, 0u);
  EXPECT_EQ(lod.stats.instancesDrawn, full.stats.instancesDrawn);
  EXPECT_GT(lod.stats.instancesFar, lod.stats.instancesDrawn / 2) << "most booths are far in an overview";
  // Thin sides of slabs, boards and poles go as well: about a third of the triangles remain here
  // (measured 37.7k of 114k).
  EXPECT_LT(double(lod.stats.trianglesSubmitted), 0.5 * double(full.stats.trianglesSubmitted));
  EXPECT_LE(lod.stats.drawCalls, full.stats.drawCalls);
  // A deviation of at most a pixel moves edges by up to a pixel. An overview is mostly edges of
  // small booths, so it allows 1.5% of the pixels rather than the goldens' 0.5% (measured: 1.21%
  // with thin strips dropped, 0.63% before); a missing or wrongly lit part would change far more.
  auto result = compareImages(full.image, lod.image, Tolerance{8, 0.015});
  std::printf("lod against full detail: %s\n", result.message.c_str());
  EXPECT_TRUE(result.match) << result.message;
  if (!result.match) saveBoth("lod_overview", full.image, lod.image);
}

TEST_F(Lod, NearBoothsKeepFullDetailAndMixedViewsAddNoDraws) {
  // A visitor's eye inside the expo: the nearest booths are in full detail, the far ones not.
  const render::View eye =
      render::lookAtView({0.0f, 1.65f, 0.0f}, {30.0f, 1.0f, -60.0f}, glm::radians(70.0f), 16.0f / 9.0f);
  Rendered lod = renderExpo(*renderer, 1000, {&eye, 1}, 480, 270);
  auto fullRenderer = fullDetailRenderer();
  Rendered full = renderExpo(*fullRenderer, 1000, {&eye, 1}, 480, 270);
  render::destroyRenderer(*fullRenderer);
  std::printf("eye view: %u of %u instances far, %u draws (full detail: %u draws)\n", lod.stats.instancesFar,
              lod.stats.instancesDrawn, lod.stats.drawCalls, full.stats.drawCalls);
  ASSERT_GT(lod.stats.instancesDrawn, 0u);
  EXPECT_LT(lod.stats.instancesFar, lod.stats.instancesDrawn) << "some booths are near";
  if (ctx->caps.multiDrawIndirect && ctx->caps.drawIndirectFirstInstance) {
    // Near and far of one primitive go in one indirect call; a primitive whose far LOD is empty
    // (thin poles) and has no near instance is not drawn at all.
    EXPECT_LE(lod.stats.drawCalls, full.stats.drawCalls);
  }
  auto result = compareImages(full.image, lod.image, Tolerance{});
  EXPECT_TRUE(result.match) << result.message;
}

TEST_F(Lod, EyeRegionCullingLeavesTheImageAsItWas) {
  // Leaving out the triangles turned away from each instance's eye region (facing.h) must change
  // nothing on screen, for mono and stereo views and for mirrored instances (clockwise front faces).
  if (!ctx->caps.multiDrawIndirect || !ctx->caps.drawIndirectFirstInstance) GTEST_SKIP() << "needs multiDrawIndirect";
  const float aspect = 16.0f / 9.0f;
  const render::View eye = render::lookAtView({0.0f, 1.65f, 0.0f}, {30.0f, 1.0f, -60.0f}, glm::radians(70.0f), aspect);
  // A stereo pair above the halls: lavapipe (Mesa 22.3) drops, in the second view of a multiview
  // pass only, triangles that need clipping at the near plane, with or without eye regions, so
  // the pair stays clear of geometry there.
  const render::View left = render::lookAtView({-0.032f, 30.0f, 40.0f}, {-0.032f, 0.0f, -20.0f}, glm::radians(60.0f), aspect);
  const render::View right = render::lookAtView({0.032f, 30.0f, 40.0f}, {0.032f, 0.0f, -20.0f}, glm::radians(60.0f), aspect);
  const render::View stereo[2] = {left, right};
  struct Case {
    const char* name;
    std::span<const render::View> views;
  } cases[] = {{"overview", {}}, {"eye", {&eye, 1}}, {"stereo", stereo}};
  auto allTriangles = allTrianglesRenderer();
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Rendered culled = renderExpo(*renderer, 1000, c.views, 480, 270, true);
    Rendered all = renderExpo(*allTriangles, 1000, c.views, 480, 270, true);
    std::printf("%s: %llu triangles with eye regions, %llu without; %u and %u draws\n", c.name,
                static_cast<unsigned long long>(culled.stats.trianglesSubmitted),
                static_cast<unsigned long long>(all.stats.trianglesSubmitted), culled.stats.drawCalls,
                all.stats.drawCalls);
    EXPECT_EQ(culled.stats.instancesDrawn, all.stats.instancesDrawn);
    EXPECT_LT(culled.stats.trianglesSubmitted, all.stats.trianglesSubmitted);
    EXPECT_LE(culled.stats.drawCalls, all.stats.drawCalls);
    ASSERT_EQ(culled.layers.size(), all.layers.size());
    for (size_t layer = 0; layer < all.layers.size(); ++layer) {
      // Only back faces go, which the rasteriser would have culled: the same pixels.
      auto result = compareImages(all.layers[layer], culled.layers[layer], Tolerance{0, 0.0});
      EXPECT_TRUE(result.match) << "view " << layer << ": " << result.message;
      if (!result.match) saveBoth(std::string("eye_regions_") + c.name, all.layers[layer], culled.layers[layer]);
    }
  }
  render::destroyRenderer(*allTriangles);
}

TEST_F(Lod, FarBoothPartsAreOneMergedDrawThatLooksTheSame) {
  // Booths of plain boxes, far away: each far booth is drawn as one merged primitive with its
  // materials (colour, metallic, roughness, booth-colour role) in the vertices, in one draw
  // instead of four, and the picture is the one of the primitives drawn one by one.
  const assets::Model model = boothParts();
  auto fullRenderer = fullDetailRenderer();
  std::vector<render::View> view = {
      render::lookAtView({60.0f, 90.0f, 160.0f}, {60.0f, 0.0f, 60.0f}, glm::radians(30.0f), 16.0f / 9.0f)};
  Rendered out[2];
  render::Renderer* renderers[2] = {renderer.get(), fullRenderer.get()};
  for (int k = 0; k < 2; ++k) {
    render::GpuModel gpu = render::uploadModel(*ctx, *renderers[k], model);
    render::assignBoothMaterialRoles(gpu, model);
    std::vector<render::DrawInstance> instances;
    for (int i = 0; i < 400; ++i) {
      render::DrawInstance inst{&gpu, glm::translate(glm::mat4(1.0f), glm::vec3(float(i % 20) * 6.0f, 0.0f,
                                                                                   float(i / 20) * 6.0f))};
      // Half the booths in exhibitor colours (roles), half in their materials' own.
      if (i % 2 == 0) {
        inst.primaryColor = glm::vec4(0.9f, 0.1f, 0.1f, 1.0f);
        inst.secondaryColor = glm::vec4(0.1f, 0.2f, 0.9f, 1.0f);
      }
      instances.push_back(inst);
    }
    out[k] = renderInstances(*renderers[k], view, instances, 320, 180);
    render::destroyModel(*ctx, gpu);
  }
  render::destroyRenderer(*fullRenderer);
  std::printf("far: %u of %u instances far, %u draws; full detail: %u draws\n", out[0].stats.instancesFar,
              out[0].stats.instancesDrawn, out[0].stats.drawCalls, out[1].stats.drawCalls);
  ASSERT_EQ(out[0].stats.instancesFar, out[0].stats.instancesDrawn) << "every booth far";
  // Besides the sky's draw: one for the merged primitive, four for the boxes one by one.
  EXPECT_EQ(out[1].stats.drawCalls - out[0].stats.drawCalls, 3u);
  // Far away only the hidden plate's edges go (buildPrimitiveLod), so only the shading path
  // differs: allow rounding, not a changed colour.
  auto result = compareImages(out[1].image, out[0].image, Tolerance{2, 0.0});
  std::printf("merged against separate: %s\n", result.message.c_str());
  EXPECT_TRUE(result.match) << result.message;
  if (!result.match) saveBoth("merged_far", out[1].image, out[0].image);
  // The exhibitor colours show (so the comparison covers the roles): reddish primary panels.
  size_t red = 0;
  for (size_t p = 0; p + 3 < out[0].image.rgba.size(); p += 4) {
    const uint8_t* c = &out[0].image.rgba[p];
    red += c[0] > 2 * c[1] && c[0] > 2 * c[2];
  }
  EXPECT_GT(red, 200u);
}

TEST_F(Lod, HeavyModelsKeepTheirEyeRegionListsWithinTheCap) {
  // Eight finely tessellated boxes (3888 triangles each): each box's 26 eye-region lists hold
  // about 200k indices, so past about five boxes the model's lists would pass the 4 MiB cap
  // (kMaxFacingIndicesPerModel) and the rest draw whole ranges. The picture does not change.
  assets::Model model;
  model.materials.push_back(assets::Material{});
  assets::Mesh mesh;
  const int n = 18;
  for (int b = 0; b < 8; ++b) {
    assets::Primitive p;
    p.material = 0;
    const glm::vec3 center(float(b % 4) * 3.0f, 1.0f, float(b / 4) * 3.0f);
    for (int axis = 0; axis < 3; ++axis) {
      for (float side : {-1.0f, 1.0f}) {
        glm::vec3 normal(0.0f), u(0.0f), v(0.0f);
        normal[axis] = side;
        u[(axis + 1) % 3] = 1.0f;
        v[(axis + 2) % 3] = 1.0f;
        if (side < 0.0f) std::swap(u, v);  // counter-clockwise seen from outside
        const uint32_t base = uint32_t(p.vertices.size());
        for (int j = 0; j <= n; ++j)
          for (int i = 0; i <= n; ++i) {
            assets::Vertex vert;
            vert.position = center + normal + u * (2.0f * float(i) / n - 1.0f) + v * (2.0f * float(j) / n - 1.0f);
            vert.normal = normal;
            p.vertices.push_back(vert);
          }
        for (int j = 0; j < n; ++j)
          for (int i = 0; i < n; ++i) {
            const uint32_t a = base + uint32_t(j * (n + 1) + i);
            p.indices.insert(p.indices.end(), {a, a + 1, a + n + 2, a, a + n + 2, a + n + 1});
          }
      }
    }
    assets::computePrimitiveBounds(p);
    mesh.primitives.push_back(std::move(p));
  }
  model.meshes.push_back(std::move(mesh));
  model.instances.push_back({0, glm::mat4(1.0f)});
  assets::computeBounds(model);

  auto allTriangles = allTrianglesRenderer();
  const render::View view =
      render::lookAtView({-6.0f, 7.0f, 12.0f}, {4.5f, 1.0f, 1.5f}, glm::radians(50.0f), 16.0f / 9.0f);
  Rendered out[2];
  render::Renderer* renderers[2] = {renderer.get(), allTriangles.get()};
  size_t withLists = 0, withoutLists = 0;
  VkDeviceSize gpuBytes = 0;
  for (int k = 0; k < 2; ++k) {
    render::GpuModel gpu = render::uploadModel(*ctx, *renderers[k], model);
    if (k == 0) {
      for (const auto& prim : gpu.primitives) (prim.firstFacing != render::kNoFacing ? withLists : withoutLists)++;
      gpuBytes = gpu.gpuBytes;
    }
    render::DrawInstance inst{&gpu, glm::mat4(1.0f)};
    out[k] = renderInstances(*renderers[k], {&view, 1}, {&inst, 1}, 320, 180);
    render::destroyModel(*ctx, gpu);
  }
  render::destroyRenderer(*allTriangles);
  std::printf("%zu primitives with eye-region lists, %zu without; %llu triangles, %llu without regions; %.2f MiB\n",
              withLists, withoutLists, static_cast<unsigned long long>(out[0].stats.trianglesSubmitted),
              static_cast<unsigned long long>(out[1].stats.trianglesSubmitted), double(gpuBytes) / 1048576.0);
  EXPECT_GE(withLists, 3u);
  // Vertices, indices and at most the 4 MiB of lists: what a primitive over the cap had built is
  // given back (measured 5.7 MiB; about 8 without giving it back).
  EXPECT_LT(gpuBytes, VkDeviceSize(6.5 * 1048576.0));
  EXPECT_GE(withoutLists, 1u) << "the cap should stop the lists before the last boxes";
  EXPECT_LT(out[0].stats.trianglesSubmitted, out[1].stats.trianglesSubmitted);
  auto result = compareImages(out[1].image, out[0].image, Tolerance{0, 0.0});
  EXPECT_TRUE(result.match) << result.message;
}

}  // namespace
}  // namespace cx::testing
