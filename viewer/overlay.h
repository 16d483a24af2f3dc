#pragma once
// Dear ImGui on top of the scene: the GLFW and Vulkan backends of libimgui 1.86 (whose Vulkan
// backend needs a VkRenderPass), a render pass that loads the rendered scene, and framebuffers
// for the swapchain images. The panels themselves live in engine/ui.
#include <vulkan/vulkan.h>

#include <cstdint>
#include <map>

#include "cx/render/context.h"
#include "window.h"

namespace cx::viewer {

struct Overlay {
  VkRenderPass renderPass = VK_NULL_HANDLE;
  VkDescriptorPool descriptorPool = VK_NULL_HANDLE;
  std::map<VkImageView, VkFramebuffer> framebuffers;  // one per target image view
  VkFormat format = VK_FORMAT_UNDEFINED;
  bool initialised = false;
  bool withWindow = false;
};

// Creates the ImGui context's backends for targets of `format` (a swapchain's, or an offscreen
// image's when `window` is null). The ImGui context and fonts must exist already; the font atlas is
// uploaded here.
void createOverlay(const render::Context& ctx, Window* window, VkFormat format, uint32_t imageCount,
                   Overlay& overlay);
void destroyOverlay(const render::Context& ctx, Overlay& overlay);
// Forgets framebuffers (after the swapchain's views were recreated; the device must be idle).
void resetOverlayTargets(const render::Context& ctx, Overlay& overlay);
// Starts an ImGui frame (backends first, then ImGui::NewFrame). Without a window the caller sets
// io.DisplaySize and io.DeltaTime.
void beginOverlayFrame(bool withWindow);
// Records ImGui's draw data onto `view` (in COLOR_ATTACHMENT_OPTIMAL).
void recordOverlay(const render::Context& ctx, Overlay& overlay, VkCommandBuffer cmd, VkImageView view,
                   VkExtent2D extent);

}  // namespace cx::viewer
