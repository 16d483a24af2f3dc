#include "xr_ui.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "cx/render/resources.h"
#include "cx/xr/views.h"

namespace cx::viewer {

XrPosef defaultUiPose(float eyeY) {
  // 0.55 m left, 0.9 m ahead, 0.35 m below the eyes, turned 30 degrees toward the visitor.
  const float yaw = glm::radians(30.0f);
  XrPosef p;
  p.orientation = {0.0f, std::sin(yaw * 0.5f), 0.0f, std::cos(yaw * 0.5f)};
  p.position = {-0.55f, eyeY - 0.35f, -0.9f};
  return p;
}

void createXrUi(const render::Context& ctx, const xr::Session& session, XrUi& ui) {
  const VkFormat preferred[] = {VK_FORMAT_R8G8B8A8_UNORM, VK_FORMAT_B8G8R8A8_UNORM, VK_FORMAT_R8G8B8A8_SRGB,
                                VK_FORMAT_B8G8R8A8_SRGB};
  xr::SwapchainDesc d;
  d.format = xr::chooseSwapchainFormat(session, preferred);
  if (d.format == VK_FORMAT_UNDEFINED) d.format = VkFormat(session.swapchainFormats.at(0));
  d.extent = kXrUiExtent;
  d.usage = XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT;
  ui.swapchain = xr::createSwapchain(ctx, session.session, d);
  createOverlay(ctx, nullptr, d.format, uint32_t(ui.swapchain.images.size()), ui.overlay);
}

void destroyXrUi(const render::Context& ctx, XrUi& ui) {
  destroyOverlay(ctx, ui.overlay);
  xr::destroySwapchain(ctx, ui.swapchain);
}

void recordXrUi(const render::Context& ctx, XrUi& ui, VkCommandBuffer cmd, uint32_t imageIndex) {
  VkImage image = ui.swapchain.images[imageIndex];
  render::imageBarrier(cmd, image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                       VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT, 0,
                       VK_PIPELINE_STAGE_2_CLEAR_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT);
  VkClearColorValue clear{{0.08f, 0.09f, 0.11f, 0.85f}};
  VkImageSubresourceRange range{VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
  vkCmdClearColorImage(cmd, image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, &clear, 1, &range);
  render::imageBarrier(cmd, image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                       VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, VK_PIPELINE_STAGE_2_CLEAR_BIT,
                       VK_ACCESS_2_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                       VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT);
  recordOverlay(ctx, ui.overlay, cmd, ui.swapchain.views[imageIndex], ui.swapchain.extent);
}

XrCompositionLayerQuad xrUiLayer(const XrUi& ui, XrSpace space) {
  XrCompositionLayerQuad q{XR_TYPE_COMPOSITION_LAYER_QUAD};
  q.layerFlags = XR_COMPOSITION_LAYER_BLEND_TEXTURE_SOURCE_ALPHA_BIT;
  q.space = space;
  q.eyeVisibility = XR_EYE_VISIBILITY_BOTH;
  q.subImage.swapchain = ui.swapchain.handle;
  q.subImage.imageRect = {{0, 0}, {int32_t(ui.swapchain.extent.width), int32_t(ui.swapchain.extent.height)}};
  q.subImage.imageArrayIndex = 0;
  q.pose = ui.pose;
  q.size = {kXrUiSize.x, kXrUiSize.y};
  return q;
}

}  // namespace cx::viewer

namespace cx::viewer {

XrRect2Di xrVignetteTileRect(int level) {
  const uint32_t tile = uint32_t(std::clamp(level, 1, kXrVignetteLevels) - 1);
  const int32_t x = int32_t((tile % kXrVignetteColumns) * kXrVignetteTile);
  const int32_t y = int32_t((tile / kXrVignetteColumns) * kXrVignetteTile);
  const int32_t inner = int32_t(kXrVignetteTile) - 2;
  return {{x + 1, y + 1}, {inner, inner}};
}

void createXrVignette(const render::Context& ctx, const xr::Session& session, XrVignette& v) {
  const VkFormat preferred[] = {VK_FORMAT_R8G8B8A8_UNORM, VK_FORMAT_R8G8B8A8_SRGB};
  xr::SwapchainDesc d;
  d.format = xr::chooseSwapchainFormat(session, preferred);
  if (d.format == VK_FORMAT_UNDEFINED) return;  // no vignette rather than a wrong one
  constexpr uint32_t kRows = (uint32_t(kXrVignetteLevels) + kXrVignetteColumns - 1) / kXrVignetteColumns;
  const uint32_t width = kXrVignetteColumns * kXrVignetteTile, height = kRows * kXrVignetteTile;
  d.extent = {width, height};
  d.usage = XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT | XR_SWAPCHAIN_USAGE_SAMPLED_BIT | XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT;
  d.createFlags = XR_SWAPCHAIN_CREATE_STATIC_IMAGE_BIT;
  v.swapchain = xr::createSwapchain(ctx, session.session, d);
  // Premultiplied black with a radial alpha: clear inside 55% of the radius, full strength from 95%
  // on (so each tile's edge, and its outer ring, is uniform), times the tile's strength. Alpha is
  // linear in UNORM and SRGB formats alike.
  std::vector<uint8_t> pixels(size_t(width) * height * 4, 0);
  const float inner = float(kXrVignetteTile - 2);
  for (int level = 1; level <= kXrVignetteLevels; ++level) {
    const XrRect2Di rect = xrVignetteTileRect(level);
    const float strength = float(level) / float(kXrVignetteLevels);
    for (int32_t ty = -1; ty <= rect.extent.height; ++ty) {
      for (int32_t tx = -1; tx <= rect.extent.width; ++tx) {
        const glm::vec2 uv = (glm::vec2(tx, ty) + 0.5f) / inner;
        const float r = glm::length(uv * 2.0f - 1.0f);
        const float t = std::clamp((r - 0.55f) / 0.4f, 0.0f, 1.0f);
        const size_t x = size_t(rect.offset.x + tx), y = size_t(rect.offset.y + ty);
        pixels[(y * width + x) * 4 + 3] = uint8_t(std::lround(255.0f * strength * t * t * (3.0f - 2.0f * t)));
      }
    }
  }
  render::Buffer staging = render::createBuffer(
      ctx, {VkDeviceSize(pixels.size()), VK_BUFFER_USAGE_TRANSFER_SRC_BIT, render::MemoryUsage::Upload, "vignette"});
  std::memcpy(staging.mapped, pixels.data(), pixels.size());
  render::flushBuffer(ctx, staging);
  const uint32_t index = xr::acquireImage(v.swapchain);  // a static swapchain is written once
  VkImage image = v.swapchain.images[index];
  render::submitAndWait(ctx, [&](VkCommandBuffer cmd) {
    render::imageBarrier(cmd, image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                         VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_PIPELINE_STAGE_2_NONE, 0, VK_PIPELINE_STAGE_2_COPY_BIT,
                         VK_ACCESS_2_TRANSFER_WRITE_BIT);
    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.imageExtent = {width, height, 1};
    vkCmdCopyBufferToImage(cmd, staging.buffer, image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
    // OpenXR expects released colour images in COLOR_ATTACHMENT_OPTIMAL.
    render::imageBarrier(cmd, image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                         VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, VK_PIPELINE_STAGE_2_COPY_BIT,
                         VK_ACCESS_2_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT, 0);
  });
  xr::releaseImage(v.swapchain);
  render::destroyBuffer(ctx, staging);
  v.ready = true;
}

void destroyXrVignette(const render::Context& ctx, XrVignette& v) {
  xr::destroySwapchain(ctx, v.swapchain);
  v.ready = false;
}

XrCompositionLayerQuad xrVignetteLayer(const XrVignette& v, XrSpace viewSpace, int level) {
  XrCompositionLayerQuad q{XR_TYPE_COMPOSITION_LAYER_QUAD};
  q.layerFlags = XR_COMPOSITION_LAYER_BLEND_TEXTURE_SOURCE_ALPHA_BIT;  // premultiplied
  q.space = viewSpace;
  q.eyeVisibility = XR_EYE_VISIBILITY_BOTH;
  q.subImage.swapchain = v.swapchain.handle;
  q.subImage.imageRect = xrVignetteTileRect(level);
  q.pose = XrPosef{{0, 0, 0, 1}, {0.0f, 0.0f, -0.5f}};
  q.size = {1.6f, 1.6f};  // at 0.5 m: +-58 degrees, beyond the edges of current headsets' views
  return q;
}

}  // namespace cx::viewer
