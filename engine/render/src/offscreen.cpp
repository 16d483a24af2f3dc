#include "cx/render/offscreen.h"

#include <stb_image_write.h>

#include <cstring>

#include "cx/core/file.h"
#include "cx/render/vk_check.h"

namespace cx::render {

RenderTarget OffscreenTarget::target() const {
  RenderTarget t;
  t.image = color.image;
  t.view = color.view;
  t.format = color.format;
  t.extent = color.extent;
  t.layers = color.layers;
  t.layoutBefore = VK_IMAGE_LAYOUT_UNDEFINED;  // fully redrawn every frame
  t.layoutAfter = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
  t.depthImage = depth.image;
  t.depthView = depth.view;
  return t;
}

OffscreenTarget createOffscreenTarget(const Context& ctx, VkExtent2D extent, uint32_t layers, VkFormat format,
                                      bool keepDepth) {
  OffscreenTarget t;
  ImageDesc desc;
  desc.extent = extent;
  desc.format = format;
  desc.layers = layers;
  desc.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
  desc.debugName = "offscreen color";
  t.color = createImage(ctx, desc);
  if (keepDepth) {
    ImageDesc dd;
    dd.extent = extent;
    dd.format = VK_FORMAT_D32_SFLOAT;
    dd.layers = layers;
    dd.usage = VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
    dd.aspect = VK_IMAGE_ASPECT_DEPTH_BIT;
    dd.debugName = "offscreen depth";
    t.depth = createImage(ctx, dd);
  }
  t.readback = createBuffer(ctx, {VkDeviceSize(extent.width) * extent.height * 4, VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                                  MemoryUsage::Readback, "readback"});
  return t;
}

void destroyOffscreenTarget(const Context& ctx, OffscreenTarget& t) {
  destroyImage(ctx, t.color);
  destroyImage(ctx, t.depth);
  destroyBuffer(ctx, t.readback);
}

namespace {

// Copies one layer of `image` (in `layout`, its writes not yet visible to transfers) into the
// readback buffer; the image is left in `layout`.
void copyLayerToReadback(const Context& ctx, OffscreenTarget& t, VkImage image, VkImageAspectFlags aspect,
                         VkImageLayout layout, uint32_t layer) {
  submitAndWait(ctx, [&](VkCommandBuffer cmd) {
    VkImageSubresourceRange range{aspect, 0, 1, layer, 1};
    imageBarrier(cmd, image, range, layout, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT,
                 VK_ACCESS_2_MEMORY_WRITE_BIT, VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_READ_BIT);
    VkBufferImageCopy region{};
    region.imageSubresource = {aspect, 0, layer, 1};
    region.imageExtent = {t.color.extent.width, t.color.extent.height, 1};
    vkCmdCopyImageToBuffer(cmd, image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, t.readback.buffer, 1, &region);
    imageBarrier(cmd, image, range, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, layout, VK_PIPELINE_STAGE_2_COPY_BIT, 0,
                 VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT, 0);
    VkMemoryBarrier2 hostBarrier{VK_STRUCTURE_TYPE_MEMORY_BARRIER_2};
    hostBarrier.srcStageMask = VK_PIPELINE_STAGE_2_COPY_BIT;
    hostBarrier.srcAccessMask = VK_ACCESS_2_TRANSFER_WRITE_BIT;
    hostBarrier.dstStageMask = VK_PIPELINE_STAGE_2_HOST_BIT;
    hostBarrier.dstAccessMask = VK_ACCESS_2_HOST_READ_BIT;
    VkDependencyInfo dep{VK_STRUCTURE_TYPE_DEPENDENCY_INFO};
    dep.memoryBarrierCount = 1;
    dep.pMemoryBarriers = &hostBarrier;
    vkCmdPipelineBarrier2(cmd, &dep);
  });
  invalidateBuffer(ctx, t.readback);
}

}  // namespace

Pixels readPixels(const Context& ctx, Renderer& renderer, OffscreenTarget& t, uint32_t layer) {
  waitIdle(renderer);
  // The render left the image in TRANSFER_SRC.
  copyLayerToReadback(ctx, t, t.color.image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, layer);
  Pixels p;
  p.width = t.color.extent.width;
  p.height = t.color.extent.height;
  p.rgba.resize(size_t(p.width) * p.height * 4);
  std::memcpy(p.rgba.data(), t.readback.mapped, p.rgba.size());
  if (t.color.format == VK_FORMAT_B8G8R8A8_SRGB || t.color.format == VK_FORMAT_B8G8R8A8_UNORM) {
    for (size_t i = 0; i < p.rgba.size(); i += 4) std::swap(p.rgba[i], p.rgba[i + 2]);
  }
  return p;
}

std::vector<float> readDepth(const Context& ctx, Renderer& renderer, OffscreenTarget& t, uint32_t layer) {
  if (!t.depth.image) return {};
  waitIdle(renderer);
  // The render left the caller's depth image in DEPTH_STENCIL_ATTACHMENT_OPTIMAL.
  copyLayerToReadback(ctx, t, t.depth.image, VK_IMAGE_ASPECT_DEPTH_BIT,
                      VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL, layer);
  std::vector<float> depth(size_t(t.color.extent.width) * t.color.extent.height);
  std::memcpy(depth.data(), t.readback.mapped, depth.size() * sizeof(float));
  return depth;
}

Status writePng(const std::filesystem::path& path, const Pixels& pixels) {
  std::vector<uint8_t> encoded;
  auto sink = [](void* context, void* data, int size) {
    auto* out = static_cast<std::vector<uint8_t>*>(context);
    auto* bytes = static_cast<uint8_t*>(data);
    out->insert(out->end(), bytes, bytes + size);
  };
  if (!stbi_write_png_to_func(sink, &encoded, int(pixels.width), int(pixels.height), 4, pixels.rgba.data(),
                              int(pixels.width * 4)))
    return makeError(path.string() + ": PNG encoding failed");
  return writeFileAtomic(path, std::span<const uint8_t>(encoded));
}

}  // namespace cx::render
