#pragma once
// Anti-aliasing around the scene pass: the FXAA input image (the scene is drawn into it, then one
// post pass writes the target) or the 4x multisampled colour and depth that resolve into the
// target. Which one follows RendererDesc::antiAliasing (Auto: FXAA on CPU devices, MSAA on GPUs).
#include <vulkan/vulkan.h>

#include "cx/render/renderer.h"

namespace cx::render {

// The scene image FXAA reads, or the multisampled colour and depth MSAA resolves from; sized to
// the last target.
struct PostProcess {
  Image color;                       // FXAA input, or the MSAA colour
  VkImageView arrayView = VK_NULL_HANDLE;  // FXAA: the colour as a 2D array, for the sampler
  Image msaaDepth;
  VkExtent2D extent{0, 0};
  uint32_t layers = 0;
  VkFormat format = VK_FORMAT_UNDEFINED;
  VkDescriptorSetLayout layout = VK_NULL_HANDLE;
  VkPipelineLayout pipelineLayout = VK_NULL_HANDLE;
  VkDescriptorPool pool = VK_NULL_HANDLE;
  VkDescriptorSet set = VK_NULL_HANDLE;
  VkSampler sampler = VK_NULL_HANDLE;
};

// Resolves the settings (logging the choice and why) and creates the FXAA descriptor objects.
void createPostProcess(Renderer& r);
void destroyPostProcess(Renderer& r);
// (Re)creates the intermediate images for the target's size, format and layer count.
void ensurePostImages(Renderer& r, const RenderTarget& target, uint32_t layers);

}  // namespace cx::render
