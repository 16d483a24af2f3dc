#include "overlay.h"

#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_vulkan.h>

#include "cx/render/resources.h"
#include "cx/render/vk_check.h"

namespace cx::viewer {
namespace {

void checkImGuiVk(VkResult r) { render::checkVk(r, "ImGui Vulkan backend", __FILE__, __LINE__); }

}  // namespace

void createOverlay(const render::Context& ctx, Window* window, VkFormat format, uint32_t imageCount, Overlay& o) {
  o.format = format;
  VkAttachmentDescription color{};
  color.format = format;
  color.samples = VK_SAMPLE_COUNT_1_BIT;
  color.loadOp = VK_ATTACHMENT_LOAD_OP_LOAD;
  color.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
  color.stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
  color.stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
  color.initialLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  color.finalLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  VkAttachmentReference ref{0, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
  VkSubpassDescription subpass{};
  subpass.pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS;
  subpass.colorAttachmentCount = 1;
  subpass.pColorAttachments = &ref;
  VkSubpassDependency dep{};
  dep.srcSubpass = VK_SUBPASS_EXTERNAL;
  dep.dstSubpass = 0;
  dep.srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
  dep.dstStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
  dep.srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
  dep.dstAccessMask = VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
  VkRenderPassCreateInfo info{VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO};
  info.attachmentCount = 1;
  info.pAttachments = &color;
  info.subpassCount = 1;
  info.pSubpasses = &subpass;
  info.dependencyCount = 1;
  info.pDependencies = &dep;
  CX_VK_CHECK(vkCreateRenderPass(ctx.device, &info, nullptr, &o.renderPass));

  VkDescriptorPoolSize sizes[] = {{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 16}};
  VkDescriptorPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
  poolInfo.flags = VK_DESCRIPTOR_POOL_CREATE_FREE_DESCRIPTOR_SET_BIT;
  poolInfo.maxSets = 16;
  poolInfo.poolSizeCount = 1;
  poolInfo.pPoolSizes = sizes;
  CX_VK_CHECK(vkCreateDescriptorPool(ctx.device, &poolInfo, nullptr, &o.descriptorPool));

  // The viewer forwards GLFW callbacks itself.
  if (window) ImGui_ImplGlfw_InitForVulkan(window->handle, false);
  ImGui_ImplVulkan_InitInfo init{};
  init.Instance = ctx.instance;
  init.PhysicalDevice = ctx.physicalDevice;
  init.Device = ctx.device;
  init.QueueFamily = ctx.queueFamily;
  init.Queue = ctx.queue;
  init.DescriptorPool = o.descriptorPool;
  init.MinImageCount = 2;
  init.ImageCount = std::max(2u, imageCount);
  init.MSAASamples = VK_SAMPLE_COUNT_1_BIT;
  init.CheckVkResultFn = checkImGuiVk;
  ImGui_ImplVulkan_Init(&init, o.renderPass);
  render::submitAndWait(ctx, [](VkCommandBuffer cmd) { ImGui_ImplVulkan_CreateFontsTexture(cmd); });
  ImGui_ImplVulkan_DestroyFontUploadObjects();
  o.initialised = true;
  o.withWindow = window != nullptr;
}

void destroyOverlay(const render::Context& ctx, Overlay& o) {
  if (!o.initialised) return;
  vkDeviceWaitIdle(ctx.device);
  ImGui_ImplVulkan_Shutdown();
  if (o.withWindow) ImGui_ImplGlfw_Shutdown();
  resetOverlayTargets(ctx, o);
  vkDestroyDescriptorPool(ctx.device, o.descriptorPool, nullptr);
  vkDestroyRenderPass(ctx.device, o.renderPass, nullptr);
  o = {};
}

void resetOverlayTargets(const render::Context& ctx, Overlay& o) {
  for (auto& [view, fb] : o.framebuffers) vkDestroyFramebuffer(ctx.device, fb, nullptr);
  o.framebuffers.clear();
}

void beginOverlayFrame(bool withWindow) {
  ImGui_ImplVulkan_NewFrame();
  if (withWindow) ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
}

void recordOverlay(const render::Context& ctx, Overlay& o, VkCommandBuffer cmd, VkImageView view, VkExtent2D extent) {
  ImDrawData* data = ImGui::GetDrawData();
  if (!data) return;
  auto it = o.framebuffers.find(view);
  if (it == o.framebuffers.end()) {
    VkFramebufferCreateInfo info{VK_STRUCTURE_TYPE_FRAMEBUFFER_CREATE_INFO};
    info.renderPass = o.renderPass;
    info.attachmentCount = 1;
    info.pAttachments = &view;
    info.width = extent.width;
    info.height = extent.height;
    info.layers = 1;
    VkFramebuffer fb;
    CX_VK_CHECK(vkCreateFramebuffer(ctx.device, &info, nullptr, &fb));
    it = o.framebuffers.emplace(view, fb).first;
  }
  VkRenderPassBeginInfo begin{VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO};
  begin.renderPass = o.renderPass;
  begin.framebuffer = it->second;
  begin.renderArea = {{0, 0}, extent};
  vkCmdBeginRenderPass(cmd, &begin, VK_SUBPASS_CONTENTS_INLINE);
  ImGui_ImplVulkan_RenderDrawData(data, cmd);
  vkCmdEndRenderPass(cmd);
}

}  // namespace cx::viewer
