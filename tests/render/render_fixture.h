#pragma once
// A Vulkan context with validation always on, a renderer, and helpers to render a Model to pixels.
// Any validation message fails the test in TearDown.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "cx/assets/model.h"
#include "cx/render/context.h"
#include "cx/render/offscreen.h"
#include "cx/render/renderer.h"
#include "image_compare.h"

namespace cx::testing {

class RenderTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Writes `model` as .glb, loads it back through the loader, uploads and renders it framed by its
  // bounds (or from `view` when given).
  RgbaImage renderModel(const assets::Model& model, uint32_t width = 256, uint32_t height = 256,
                        const render::View* view = nullptr, const std::string& tag = "model");
  RgbaImage renderViews(std::span<const render::View> views, std::span<const render::DrawInstance> instances,
                        uint32_t width, uint32_t height, uint32_t layer = 0,
                        VkFormat format = VK_FORMAT_R8G8B8A8_SRGB);

  // Replaces the fixture's renderer (no anti-aliasing) with one made from `desc`.
  void recreateRenderer(const render::RendererDesc& desc);

  std::unique_ptr<render::Context> ctx;
  std::unique_ptr<render::Renderer> renderer;
};

// The image matches tests/golden/<name>.png within the default tolerance (image_compare.h).
inline void expectGolden(const std::string& name, const RgbaImage& image) {
  ASSERT_GT(image.width, 0u);
  auto result = compareWithGolden(name, image);
  EXPECT_TRUE(result.match) << name << ": " << result.message;
}

}  // namespace cx::testing
