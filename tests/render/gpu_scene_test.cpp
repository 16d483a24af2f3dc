// The persistent GPU scene: cluster culling keeps exactly the instances a brute-force frustum test
// keeps; two views in one multiview pass differ by the expected parallax; the anti-aliasing
// settings (FXAA, 4x MSAA) render validation-clean and smooth edges.
#include <gtest/gtest.h>

#include <random>

#include <glm/gtc/matrix_transform.hpp>

#include "cx/assets/gltf.h"
#include "cx/render/culling.h"
#include "cx/render/gpu_scene.h"
#include "cx/render/view.h"
#include "render_fixture.h"
#include "test_models.h"

namespace cx::testing {
namespace {

class GpuSceneTest : public RenderTest {
 protected:
  void SetUp() override {
    RenderTest::SetUp();
    model = litCube();
    assets::computeBounds(model);
    gpu = render::uploadModel(*ctx, *renderer, model);
  }
  void TearDown() override {
    render::waitIdle(*renderer);
    render::destroyModel(*ctx, gpu);
    RenderTest::TearDown();
  }
  // A renderer with other settings; the model is re-uploaded (its material sets use the
  // renderer's layouts).
  void resetRenderer(const render::RendererDesc& desc) {
    render::waitIdle(*renderer);
    render::destroyModel(*ctx, gpu);
    render::destroyRenderer(*renderer);
    renderer = render::createRenderer(*ctx, desc);
    gpu = render::uploadModel(*ctx, *renderer, model);
  }
  assets::Model model;
  render::GpuModel gpu;
};

TEST_F(GpuSceneTest, CullingKeepsWhatABruteForceFrustumTestKeeps) {
  std::mt19937 rng(11);
  std::uniform_real_distribution<float> pos(-150.0f, 150.0f), scale(0.3f, 6.0f), angle(-3.14159f, 3.14159f);
  std::vector<render::DrawInstance> instances;
  for (int i = 0; i < 4000; ++i) {
    glm::mat4 m = glm::translate(glm::mat4(1.0f), glm::vec3(pos(rng), std::abs(pos(rng)) * 0.05f, pos(rng)));
    m = glm::rotate(m, angle(rng), glm::normalize(glm::vec3(0.2f, 1.0f, 0.1f)));
    m = glm::scale(m, glm::vec3(scale(rng), scale(rng), scale(rng)));
    instances.push_back({&gpu, m, glm::vec4(1.0f)});
  }
  render::GpuScene scene = render::createGpuScene(*ctx, *renderer, instances);
  ASSERT_EQ(scene.instanceCount, instances.size());
  EXPECT_GT(scene.clusters.size(), 50u) << "instances are split into clusters";
  auto target = render::createOffscreenTarget(*ctx, {32, 32});
  int totalKept = 0;
  for (int v = 0; v < 24; ++v) {
    glm::vec3 eye(pos(rng) * 0.5f, 1.7f + std::abs(pos(rng)) * 0.1f, pos(rng) * 0.5f);
    float a = angle(rng);
    render::View view = render::lookAtView(eye, eye + glm::vec3(std::sin(a), -0.15f, std::cos(a)),
                                           glm::radians(60.0f + 10.0f * float(v % 3)), 1.3f, 0.05f);
    // Brute force: every instance's world box against the frustum, one by one.
    render::Frustum f = render::frustumFromViewProj(view.projection * view.view);
    uint32_t expected = 0;
    for (const auto& inst : instances) {
      glm::vec3 bmin, bmax;
      render::transformAabb(inst.transform * model.instances[0].world, model.boundsMin, model.boundsMax, bmin, bmax);
      expected += render::aabbInFrustum(f, bmin, bmax);
    }
    render::FrameStats stats = render::render(*renderer, {&view, 1}, target.target(), scene);
    EXPECT_EQ(stats.instancesDrawn, expected) << "view " << v;
    EXPECT_EQ(stats.instancesDrawn + stats.instancesCulled, instances.size()) << "view " << v;
    totalKept += int(expected);
  }
  EXPECT_GT(totalKept, 24 * 40) << "the views should see a fair share of the instances";
  EXPECT_LT(totalKept, 24 * 4000 / 2) << "and cull most of them";
  render::waitIdle(*renderer);
  render::destroyOffscreenTarget(*ctx, target);
  render::destroyGpuScene(*renderer, scene);
}

// Horizontal centre of the pixels that differ from the background (the top-left pixel).
float objectCenterX(const RgbaImage& img) {
  double sum = 0, count = 0;
  for (uint32_t y = 0; y < img.height; ++y)
    for (uint32_t x = 0; x < img.width; ++x) {
      const uint8_t* p = &img.rgba[(size_t(y) * img.width + x) * 4];
      const uint8_t* bg = &img.rgba[(size_t(y) * img.width) * 4];
      if (std::abs(p[0] - bg[0]) + std::abs(p[1] - bg[1]) + std::abs(p[2] - bg[2]) > 30) {
        sum += x + 0.5;
        count += 1;
      }
    }
  return count > 0 ? float(sum / count) : -1.0f;
}

TEST_F(GpuSceneTest, MultiviewEyesDifferByTheExpectedParallax) {
  // Two parallel eyes `ipd` apart look down -Z at the cube `depth` away: its image must shift by
  // ipd * focal / depth pixels between the layers, to the left in the right eye.
  const float ipd = 0.3f, depth = 4.0f, fov = glm::radians(50.0f);
  const uint32_t size = 160;
  glm::mat4 world = glm::translate(glm::mat4(1.0f), glm::vec3(0.0f, 0.0f, -depth));
  render::DrawInstance instance{&gpu, world, glm::vec4(1.0f)};
  render::View eyes[2];
  for (int e = 0; e < 2; ++e) {
    glm::vec3 eye(e == 0 ? -ipd / 2 : ipd / 2, 0.0f, 0.0f);
    eyes[e] = render::lookAtView(eye, eye + glm::vec3(0.0f, 0.0f, -1.0f), fov, 1.0f, 0.05f);
  }
  RgbaImage left = renderViews({eyes, 2}, {&instance, 1}, size, size, 0);
  RgbaImage right = renderViews({eyes, 2}, {&instance, 1}, size, size, 1);
  const float focalPx = float(size) * 0.5f / std::tan(fov * 0.5f);
  // The cube's centre is at `depth`; its visible front face is nearer, so allow for the box depth.
  const float halfDepth = (model.boundsMax.z - model.boundsMin.z) * 0.5f;
  const float expectedFar = ipd * focalPx / depth, expectedNear = ipd * focalPx / (depth - halfDepth);
  const float shift = objectCenterX(left) - objectCenterX(right);
  std::printf("parallax: %.2f px (expected %.2f .. %.2f)\n", shift, expectedFar, expectedNear);
  EXPECT_GE(shift, expectedFar - 1.0f);
  EXPECT_LE(shift, expectedNear + 1.0f);
}

TEST_F(GpuSceneTest, AntiAliasingSettingsSmoothEdges) {
  // A tilted lit cube against the sky: the AA settings change edge pixels only.
  render::View view = render::lookAtView({2.2f, 1.7f, 2.9f}, {0.0f, 0.0f, 0.0f}, glm::radians(35.0f), 1.0f, 0.05f);
  render::DrawInstance instance{&gpu, glm::rotate(glm::mat4(1.0f), 0.3f, glm::vec3(0, 0, 1)), glm::vec4(1.0f)};
  const render::AntiAliasing modes[3] = {render::AntiAliasing::None, render::AntiAliasing::Fxaa,
                                         render::AntiAliasing::Msaa4};
  RgbaImage images[3];
  for (int m = 0; m < 3; ++m) {
    render::RendererDesc desc;
    desc.antiAliasing = modes[m];
    resetRenderer(desc);
    EXPECT_EQ(renderer->antiAliasing, modes[m]);
    images[m] = renderViews({&view, 1}, {&instance, 1}, 96, 96);
  }
  EXPECT_FALSE(compareImages(images[0], images[1], Tolerance{8, 0.0}).match) << "FXAA changes edge pixels";
  EXPECT_FALSE(compareImages(images[0], images[2], Tolerance{8, 0.0}).match) << "MSAA changes edge pixels";
  EXPECT_TRUE(compareImages(images[0], images[1], Tolerance{8, 0.05}).match) << "but nothing else";
  EXPECT_TRUE(compareImages(images[0], images[2], Tolerance{8, 0.05}).match) << "but nothing else";
  auto golden = compareWithGolden("aa_fxaa_cube", images[1]);
  EXPECT_TRUE(golden.match) << golden.message;
}

// Opaque draws are grouped by shader variant, front to back within each: a plain cube near, a
// textured quad in the middle and another plain model far take two pipeline binds, not three.
TEST_F(GpuSceneTest, OpaqueDrawsAreGroupedByShaderVariant) {
  assets::Model quadModel = texturedQuad();
  assets::Model farModel = wrongMaterialLitCube();
  assets::computeBounds(quadModel);
  assets::computeBounds(farModel);
  render::GpuModel quad = render::uploadModel(*ctx, *renderer, quadModel);
  render::GpuModel far = render::uploadModel(*ctx, *renderer, farModel);
  ASSERT_NE(quad.materials[0].textureMask, 0u) << "the quad's material has a base colour texture";
  ASSERT_EQ(gpu.materials[0].textureMask, 0u);
  const render::View view =
      render::lookAtView({0.0f, 0.5f, 4.0f}, {0.0f, 0.0f, -10.0f}, glm::radians(60.0f), 1.0f, 0.05f);
  render::DrawInstance instances[3] = {{&gpu, glm::translate(glm::mat4(1.0f), {0.0f, 0.0f, 0.0f}), glm::vec4(1.0f)},
                                       {&quad, glm::translate(glm::mat4(1.0f), {1.5f, 0.0f, -4.0f}), glm::vec4(1.0f)},
                                       {&far, glm::translate(glm::mat4(1.0f), {-1.5f, 0.0f, -9.0f}), glm::vec4(1.0f)}};
  auto target = render::createOffscreenTarget(*ctx, {64, 64});
  render::FrameStats stats = render::render(*renderer, {&view, 1}, target.target(), instances);
  render::waitIdle(*renderer);
  render::destroyOffscreenTarget(*ctx, target);
  render::destroyModel(*ctx, quad);
  render::destroyModel(*ctx, far);
  EXPECT_EQ(stats.instancesDrawn, 3u);
  EXPECT_EQ(stats.meshPipelineBinds, 2u) << "plain variant (near cube, far cube), then the textured one";
}

TEST_F(GpuSceneTest, AutoPicksFxaaOnCpuDevicesAndMsaaOnGpus) {
  resetRenderer({});
  EXPECT_EQ(renderer->antiAliasing,
            ctx->caps.isCpu ? render::AntiAliasing::Fxaa : render::AntiAliasing::Msaa4);
  EXPECT_EQ(renderer->depthPrepass, !ctx->caps.isCpu);
}

// The depth pre-pass changes cost, not pixels.
TEST_F(GpuSceneTest, DepthPrepassGivesTheSameImage) {
  render::View view = render::lookAtView({2.2f, 1.7f, 2.9f}, {0.0f, 0.0f, 0.0f}, glm::radians(35.0f), 1.0f, 0.05f);
  render::DrawInstance instances[2] = {{&gpu, glm::mat4(1.0f), glm::vec4(1.0f)},
                                       {&gpu, glm::translate(glm::mat4(1.0f), {0.5f, 0.2f, -1.0f}), glm::vec4(1.0f)}};
  RgbaImage plain = renderViews({&view, 1}, instances, 96, 96);
  render::RendererDesc desc;
  desc.antiAliasing = render::AntiAliasing::None;
  desc.depthPrepass = render::RendererDesc::DepthPrepass::On;
  resetRenderer(desc);
  RgbaImage prepass = renderViews({&view, 1}, instances, 96, 96);
  auto result = compareImages(plain, prepass, Tolerance{2, 0.0});
  EXPECT_TRUE(result.match) << result.message;
}

}  // namespace
}  // namespace cx::testing
