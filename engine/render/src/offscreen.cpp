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
  return t;
}

OffscreenTarget createOffscreenTarget(const Context& ctx, VkExtent2D extent, uint32_t layers, VkFormat format) {
  OffscreenTarget t;
  ImageDesc desc;
  desc.extent = extent;
  desc.format = format;
  desc.layers = layers;
  desc.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
  desc.debugName = "offscreen color";
  t.color = createImage(ctx, desc);
  t.readback = createBuffer(ctx, {VkDeviceSize(extent.width) * extent.height * 4, VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                                  MemoryUsage::Readback, "readback"});
  return t;
}

void destroyOffscreenTarget(const Context& ctx, OffscreenTarget& t) {
  destroyImage(ctx, t.color);
  destroyBuffer(ctx, t.readback);
}

Pixels readPixels(const Context& ctx, Renderer& renderer, OffscreenTarget& t, uint32_t layer) {
  waitIdle(renderer);
  submitAndWait(ctx, [&](VkCommandBuffer cmd) {
    // The render left the image in TRANSFER_SRC; make its colour writes visible to the copy.
    VkMemoryBarrier2 barrier{VK_STRUCTURE_TYPE_MEMORY_BARRIER_2};
    barrier.srcStageMask = VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT;
    barrier.srcAccessMask = VK_ACCESS_2_MEMORY_WRITE_BIT;
    barrier.dstStageMask = VK_PIPELINE_STAGE_2_COPY_BIT;
    barrier.dstAccessMask = VK_ACCESS_2_TRANSFER_READ_BIT;
    VkDependencyInfo dep{VK_STRUCTURE_TYPE_DEPENDENCY_INFO};
    dep.memoryBarrierCount = 1;
    dep.pMemoryBarriers = &barrier;
    vkCmdPipelineBarrier2(cmd, &dep);
    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, layer, 1};
    region.imageExtent = {t.color.extent.width, t.color.extent.height, 1};
    vkCmdCopyImageToBuffer(cmd, t.color.image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, t.readback.buffer, 1, &region);
    VkMemoryBarrier2 hostBarrier{VK_STRUCTURE_TYPE_MEMORY_BARRIER_2};
    hostBarrier.srcStageMask = VK_PIPELINE_STAGE_2_COPY_BIT;
    hostBarrier.srcAccessMask = VK_ACCESS_2_TRANSFER_WRITE_BIT;
    hostBarrier.dstStageMask = VK_PIPELINE_STAGE_2_HOST_BIT;
    hostBarrier.dstAccessMask = VK_ACCESS_2_HOST_READ_BIT;
    dep.pMemoryBarriers = &hostBarrier;
    vkCmdPipelineBarrier2(cmd, &dep);
  });
  invalidateBuffer(ctx, t.readback);
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
