#pragma once
// Rendering with no display: a colour image (one layer per view) that the renderer draws into,
// read back to CPU pixels and written as PNG. Used by expo-tool render, previews, benchmarks and
// the golden-image tests.
#include <filesystem>
#include <vector>

#include "cx/core/result.h"
#include "cx/render/renderer.h"

namespace cx::render {

struct Pixels {
  uint32_t width = 0;
  uint32_t height = 0;
  std::vector<uint8_t> rgba;  // RGBA8, rows top to bottom, sRGB-encoded
};

struct OffscreenTarget {
  Image color;
  Image depth;  // optional (createOffscreenTarget's keepDepth): kept like an XR depth swapchain
  Buffer readback;
  RenderTarget target() const;
};

// `keepDepth`: the target has its own depth image (D32_SFLOAT, RendererDesc's default depth
// format), which the renderer stores and readDepth reads back.
OffscreenTarget createOffscreenTarget(const Context& ctx, VkExtent2D extent, uint32_t layers = 1,
                                      VkFormat format = VK_FORMAT_R8G8B8A8_SRGB, bool keepDepth = false);
void destroyOffscreenTarget(const Context& ctx, OffscreenTarget& target);

// Waits for the renderer's frames, copies `layer` of the target to the CPU.
Pixels readPixels(const Context& ctx, Renderer& renderer, OffscreenTarget& target, uint32_t layer = 0);
// The same for the depth of a target made with keepDepth: one float per pixel, rows top to bottom,
// reverse Z (1 at the near plane, 0 where nothing was drawn).
std::vector<float> readDepth(const Context& ctx, Renderer& renderer, OffscreenTarget& target, uint32_t layer = 0);

// Writes a PNG atomically (temp file + rename).
Status writePng(const std::filesystem::path& path, const Pixels& pixels);

}  // namespace cx::render
