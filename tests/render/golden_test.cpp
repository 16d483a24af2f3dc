// Golden-image tests on lavapipe with validation on. Tolerance: a pixel is "bad" when any channel
// differs by more than 8/255; a test passes when at most 0.5% of the pixels are bad. References
// live in tests/golden/ and are rewritten with CX_UPDATE_GOLDEN=1.
#include <gtest/gtest.h>

#include <glm/gtc/matrix_transform.hpp>

#include "cx/assets/gltf.h"
#include "cx/render/gpu_model.h"
#include "cx/render/view.h"
#include "render_fixture.h"
#include "test_models.h"

namespace cx::testing {
namespace {

class Golden : public RenderTest {};

// A UNORM target (a swapchain or XR runtime may offer no sRGB format) gets the same bytes as an
// sRGB one: there the shaders encode (specialization constant kEncodeSrgb) instead of the store.
TEST_F(Golden, UnormTargetIsEncodedLikeAnSrgbTarget) {
  render::GpuModel gpu = render::uploadModel(*ctx, *renderer, litCube());
  render::DrawInstance instance{&gpu, glm::mat4(1.0f), glm::vec4(1.0f)};
  const render::View view = render::lookAtView({1.6f, 1.3f, 2.2f}, {0.0f, 0.0f, 0.0f}, glm::radians(45.0f), 1.0f);
  RgbaImage srgb = renderViews({&view, 1}, {&instance, 1}, 128, 128, 0, VK_FORMAT_R8G8B8A8_SRGB);
  RgbaImage unorm = renderViews({&view, 1}, {&instance, 1}, 128, 128, 0, VK_FORMAT_R8G8B8A8_UNORM);
  render::waitIdle(*renderer);
  render::destroyModel(*ctx, gpu);
  ASSERT_EQ(srgb.rgba.size(), unorm.rgba.size());
  auto result = compareImages(srgb, unorm, Tolerance{3, 0.0});  // pow() against the store's rounding
  EXPECT_TRUE(result.match) << result.message;
  // Unencoded (linear) bytes would be far darker: the comparison can fail.
  size_t dark = 0;
  for (size_t i = 0; i < srgb.rgba.size(); i += 4) dark += unorm.rgba[i + 1] + 20 < srgb.rgba[i + 1];
  EXPECT_EQ(dark, 0u);
}

TEST_F(Golden, LitCube) { expectGolden("lit_cube", renderModel(litCube(), 256, 256, nullptr, "lit_cube")); }
TEST_F(Golden, TexturedQuad) {
  expectGolden("textured_quad", renderModel(texturedQuad(), 256, 256, nullptr, "textured_quad"));
}
TEST_F(Golden, AlphaMask) { expectGolden("alpha_mask", renderModel(alphaMaskQuad(), 256, 256, nullptr, "mask")); }
TEST_F(Golden, AlphaBlend) { expectGolden("alpha_blend", renderModel(alphaBlendQuads(), 256, 256, nullptr, "blend")); }
TEST_F(Golden, DoubleSided) {
  expectGolden("double_sided", renderModel(doubleSidedPlane(), 256, 256, nullptr, "double_sided"));
}
TEST_F(Golden, NormalMapped) {
  expectGolden("normal_mapped", renderModel(normalMappedPlane(), 256, 256, nullptr, "normal_mapped"));
}
TEST_F(Golden, MultiNode) { expectGolden("multi_node", renderModel(multiNodeScene(), 256, 256, nullptr, "multi")); }
TEST_F(Golden, Emissive) { expectGolden("emissive", renderModel(emissiveObject(), 256, 256, nullptr, "emissive")); }

// The comparison must be able to fail: a blue cube is not the orange reference.
TEST_F(Golden, WrongMaterialIsRejected) {
  RgbaImage wrong = renderModel(wrongMaterialLitCube(), 256, 256, nullptr, "wrong");
  RgbaImage expected;
  std::string error;
  ASSERT_TRUE(loadPng(std::string(CX_GOLDEN_DIR) + "/lit_cube.png", expected, &error)) << error;
  auto result = compareImages(expected, wrong, Tolerance{});
  EXPECT_FALSE(result.match) << result.message;
  EXPECT_GT(result.badPixels, 1000u);
}

TEST_F(Golden, RenderingIsDeterministic) {
  RgbaImage a = renderModel(multiNodeScene(), 128, 128, nullptr, "det_a");
  RgbaImage b = renderModel(multiNodeScene(), 128, 128, nullptr, "det_b");
  ASSERT_EQ(a.rgba.size(), b.rgba.size());
  EXPECT_TRUE(a.rgba == b.rgba);
}

// A renderer like the fixture's (no anti-aliasing) drawing stereo frames `viewsPerPass`.
render::RendererDesc withViewsPerPass(render::ViewsPerPass viewsPerPass) {
  render::RendererDesc rd;
  rd.antiAliasing = render::AntiAliasing::None;
  rd.viewsPerPass = viewsPerPass;
  return rd;
}

// Two views, in one multiview pass or one pass each: each layer equals the single-view render of
// that eye, and the eyes differ (parallax).
TEST_F(Golden, StereoLayersMatchSingleViewsInEitherPassMode) {
  for (auto mode : {render::ViewsPerPass::All, render::ViewsPerPass::One}) {
    SCOPED_TRACE(mode == render::ViewsPerPass::All ? "one multiview pass" : "one pass per view");
    recreateRenderer(withViewsPerPass(mode));
    assets::Model model = litCube();
    assets::computeBounds(model);
    render::GpuModel gpu = render::uploadModel(*ctx, *renderer, model);
    render::DrawInstance instance{&gpu, glm::mat4(1.0f), glm::vec4(1.0f)};
    render::View eyes[2];
    const float ipd = 0.064f * 4.0f;  // exaggerated so the shift is several pixels at this size
    for (int e = 0; e < 2; ++e) {
      glm::vec3 eye(e == 0 ? -ipd / 2 : ipd / 2, 0.8f, 3.0f);
      eyes[e] = render::lookAtView(eye, eye + glm::vec3(0.0f, -0.25f, -3.0f), glm::radians(50.0f), 1.0f, 0.05f);
    }
    RgbaImage left = renderViews({eyes, 2}, {&instance, 1}, 128, 128, 0);
    RgbaImage right = renderViews({eyes, 2}, {&instance, 1}, 128, 128, 1);
    RgbaImage leftSingle = renderViews({&eyes[0], 1}, {&instance, 1}, 128, 128);
    RgbaImage rightSingle = renderViews({&eyes[1], 1}, {&instance, 1}, 128, 128);
    render::waitIdle(*renderer);
    render::destroyModel(*ctx, gpu);
    EXPECT_EQ(renderer->multiviewPass, mode == render::ViewsPerPass::All);
    auto leftResult = compareImages(leftSingle, left, Tolerance{2, 0.0});
    auto rightResult = compareImages(rightSingle, right, Tolerance{2, 0.0});
    EXPECT_TRUE(leftResult.match) << leftResult.message;
    EXPECT_TRUE(rightResult.match) << rightResult.message;
    EXPECT_FALSE(compareImages(left, right, Tolerance{8, 0.01}).match) << "the eyes should differ by parallax";
  }
}

}  // namespace
}  // namespace cx::testing

namespace cx::testing {
namespace {
// With nothing to draw, both layers of a stereo frame still get the background, in either mode.
TEST_F(Golden, StereoEmptySceneDrawsSkyInEveryLayer) {
  for (auto mode : {render::ViewsPerPass::All, render::ViewsPerPass::One}) {
    SCOPED_TRACE(mode == render::ViewsPerPass::All ? "one multiview pass" : "one pass per view");
    recreateRenderer(withViewsPerPass(mode));
    render::View eyes[2];
    for (int e = 0; e < 2; ++e) {
      glm::vec3 eye(e == 0 ? -0.1f : 0.1f, 1.6f, 0.0f);
      eyes[e] = render::lookAtView(eye, eye + glm::vec3(0.0f, 0.0f, -1.0f), glm::radians(60.0f), 1.0f);
    }
    RgbaImage left = renderViews({eyes, 2}, {}, 64, 64, 0);
    RgbaImage right = renderViews({eyes, 2}, {}, 64, 64, 1);
    EXPECT_GT(meanLuminance(left, 0, 0, 64, 64), 60.0);
    EXPECT_GT(meanLuminance(right, 0, 0, 64, 64), 60.0);
    EXPECT_TRUE(compareImages(left, right, Tolerance{2, 0.0}).match);
  }
}
}  // namespace
}  // namespace cx::testing
