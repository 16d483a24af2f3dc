#include "render_fixture.h"

#include <filesystem>

#include "cx/assets/gltf.h"
#include "cx/core/log.h"
#include "cx/render/view.h"

namespace cx::testing {
namespace fs = std::filesystem;

void RenderTest::SetUp() {
  render::ContextDesc desc;
  desc.validation = true;  // always on in tests
  auto created = render::createContext(desc);
  ASSERT_TRUE(created.ok()) << created.message();
  ctx = std::move(*created);
  // Goldens are compared without anti-aliasing (the FXAA and MSAA paths have their own tests).
  render::RendererDesc rd;
  rd.antiAliasing = render::AntiAliasing::None;
  renderer = render::createRenderer(*ctx, rd);
}

void RenderTest::recreateRenderer(const render::RendererDesc& desc) {
  if (renderer) render::destroyRenderer(*renderer);
  renderer = render::createRenderer(*ctx, desc);
}

void RenderTest::TearDown() {
  if (renderer) render::destroyRenderer(*renderer);
  renderer.reset();
  if (ctx) {
    uint32_t messages = ctx->validation ? ctx->validation->count() : 0;
    std::string first;
    if (messages) {
      std::lock_guard lock(ctx->validation->mutex);
      for (auto& m : ctx->validation->recent) first += "\n  " + m;
    }
    render::destroyContext(*ctx);
    EXPECT_EQ(messages, 0u) << "Vulkan validation messages:" << first;
  }
}

RgbaImage RenderTest::renderViews(std::span<const render::View> views, std::span<const render::DrawInstance> instances,
                                  uint32_t width, uint32_t height, uint32_t layer, VkFormat format) {
  auto target = render::createOffscreenTarget(*ctx, {width, height}, uint32_t(views.size()), format);
  render::render(*renderer, views, target.target(), instances);
  auto pixels = render::readPixels(*ctx, *renderer, target, layer);
  render::destroyOffscreenTarget(*ctx, target);
  return {pixels.width, pixels.height, std::move(pixels.rgba)};
}

RgbaImage RenderTest::renderModel(const assets::Model& model, uint32_t width, uint32_t height,
                                  const render::View* view, const std::string& tag) {
  const fs::path dir = fs::temp_directory_path() / ("cx-render-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path file = dir / (tag + ".glb");
  auto written = assets::writeGltf(file, model, {});
  EXPECT_TRUE(written.ok()) << written.message();
  auto loaded = assets::loadGltf(file);
  EXPECT_TRUE(loaded.ok()) << loaded.message();
  fs::remove_all(dir);
  if (!loaded) return {};
  render::GpuModel gpu = render::uploadModel(*ctx, *renderer, *loaded);
  const float aspect = float(width) / float(height);
  render::View v;
  if (view) {
    v = *view;
  } else {
    auto framing = render::frameBounds(loaded->boundsMin, loaded->boundsMax, glm::radians(45.0f), aspect);
    v = render::lookAtView(framing.eye, framing.target, glm::radians(45.0f), aspect, 0.01f);
  }
  render::DrawInstance instance{&gpu, glm::mat4(1.0f), glm::vec4(1.0f)};
  RgbaImage image = renderViews({&v, 1}, {&instance, 1}, width, height);
  render::waitIdle(*renderer);
  render::destroyModel(*ctx, gpu);
  return image;
}

}  // namespace cx::testing
