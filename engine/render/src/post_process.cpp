#include "post_process.h"

#include <spdlog/spdlog.h>

#include "cx/render/vk_check.h"

namespace cx::render {
namespace {

VkDescriptorSetLayout createSamplerSetLayout(const Context& ctx) {
  VkDescriptorSetLayoutBinding binding{0, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT,
                                       nullptr};
  VkDescriptorSetLayoutCreateInfo info{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
  info.bindingCount = 1;
  info.pBindings = &binding;
  VkDescriptorSetLayout layout;
  CX_VK_CHECK(vkCreateDescriptorSetLayout(ctx.device, &info, nullptr, &layout));
  return layout;
}

}  // namespace

void createPostProcess(Renderer& r) {
  const Context& ctx = *r.ctx;
  auto& desc = r.desc;
  const bool cpu = ctx.caps.isCpu;
  const char* why = "";
  switch (desc.antiAliasing) {
    case AntiAliasing::Auto:
      r.antiAliasing = cpu ? AntiAliasing::Fxaa : AntiAliasing::Msaa4;
      why = cpu ? "CPU device: 4x MSAA would cost about 3x a 1-sample frame, FXAA is one cheap pass"
                : "GPU: 4x MSAA with a resolve is cheap";
      break;
    default:
      r.antiAliasing = desc.antiAliasing;
      why = "as configured";
  }
  r.depthPrepass = desc.depthPrepass == RendererDesc::DepthPrepass::On ||
                   (desc.depthPrepass == RendererDesc::DepthPrepass::Auto && !cpu);
  static const char* const names[] = {"auto", "none", "FXAA", "4x MSAA"};
  spdlog::info("renderer: anti-aliasing {} ({}); depth pre-pass {}{}", names[int(r.antiAliasing)], why,
               r.depthPrepass ? "on" : "off", desc.depthPrepass == RendererDesc::DepthPrepass::Auto
                                                ? (cpu ? " (CPU device: costs about a third more)" : " (GPU)")
                                                : "");
  r.post = std::make_unique<PostProcess>();
  PostProcess& p = *r.post;
  p.layout = createSamplerSetLayout(ctx);
  VkPipelineLayoutCreateInfo li{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
  li.setLayoutCount = 1;
  li.pSetLayouts = &p.layout;
  CX_VK_CHECK(vkCreatePipelineLayout(ctx.device, &li, nullptr, &p.pipelineLayout));
  VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1};
  VkDescriptorPoolCreateInfo pi{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
  pi.maxSets = 1;
  pi.poolSizeCount = 1;
  pi.pPoolSizes = &size;
  CX_VK_CHECK(vkCreateDescriptorPool(ctx.device, &pi, nullptr, &p.pool));
  VkDescriptorSetAllocateInfo sa{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
  sa.descriptorPool = p.pool;
  sa.descriptorSetCount = 1;
  sa.pSetLayouts = &p.layout;
  CX_VK_CHECK(vkAllocateDescriptorSets(ctx.device, &sa, &p.set));
  VkSamplerCreateInfo si{VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO};
  si.magFilter = si.minFilter = VK_FILTER_LINEAR;
  si.addressModeU = si.addressModeV = si.addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
  CX_VK_CHECK(vkCreateSampler(ctx.device, &si, nullptr, &p.sampler));
}

static void releasePostImages(const Context& ctx, PostProcess& p) {
  if (p.arrayView) vkDestroyImageView(ctx.device, p.arrayView, nullptr);
  p.arrayView = VK_NULL_HANDLE;
  destroyImage(ctx, p.color);
  destroyImage(ctx, p.msaaDepth);
  p.extent = {0, 0};
}

void destroyPostProcess(Renderer& r) {
  if (!r.post) return;
  const Context& ctx = *r.ctx;
  PostProcess& p = *r.post;
  releasePostImages(ctx, p);
  vkDestroySampler(ctx.device, p.sampler, nullptr);
  vkDestroyDescriptorPool(ctx.device, p.pool, nullptr);
  vkDestroyPipelineLayout(ctx.device, p.pipelineLayout, nullptr);
  vkDestroyDescriptorSetLayout(ctx.device, p.layout, nullptr);
  r.post.reset();
}

// (Re)creates the intermediate images for the target's size, format and layer count.
void ensurePostImages(Renderer& r, const RenderTarget& target, uint32_t layers) {
  PostProcess& p = *r.post;
  if (r.antiAliasing != AntiAliasing::Fxaa && r.antiAliasing != AntiAliasing::Msaa4) return;
  if (p.extent.width == target.extent.width && p.extent.height == target.extent.height && p.layers == layers &&
      p.format == target.format)
    return;
  const Context& ctx = *r.ctx;
  waitIdle(r);
  releasePostImages(ctx, p);
  ImageDesc d;
  d.extent = target.extent;
  d.format = target.format;
  d.layers = layers;
  if (r.antiAliasing == AntiAliasing::Fxaa) {
    d.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_SAMPLED_BIT;
    d.debugName = "fxaa input";
    p.color = createImage(ctx, d);
    VkImageViewCreateInfo vi{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
    vi.image = p.color.image;
    vi.viewType = VK_IMAGE_VIEW_TYPE_2D_ARRAY;
    vi.format = target.format;
    vi.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, layers};
    CX_VK_CHECK(vkCreateImageView(ctx.device, &vi, nullptr, &p.arrayView));
    VkDescriptorImageInfo info{p.sampler, p.arrayView, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
    VkWriteDescriptorSet w{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
    w.dstSet = p.set;
    w.descriptorCount = 1;
    w.descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
    w.pImageInfo = &info;
    vkUpdateDescriptorSets(ctx.device, 1, &w, 0, nullptr);
  } else {
    d.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT;
    d.samples = VK_SAMPLE_COUNT_4_BIT;
    d.debugName = "msaa colour";
    p.color = createImage(ctx, d);
    d.format = r.desc.depthFormat;
    d.usage = VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT;
    d.aspect = VK_IMAGE_ASPECT_DEPTH_BIT;
    d.debugName = "msaa depth";
    p.msaaDepth = createImage(ctx, d);
  }
  p.extent = target.extent;
  p.layers = layers;
  p.format = target.format;
}

}  // namespace cx::render
