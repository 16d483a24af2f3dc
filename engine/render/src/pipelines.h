#pragma once
// Graphics pipelines for the scene pass, built on demand for each (kind, view mask, formats).
// Cull mode and front face are dynamic state, so one opaque pipeline serves single- and
// double-sided materials and mirrored instances.
#include <vulkan/vulkan.h>

#include <map>
#include <tuple>

#include "cx/render/context.h"

namespace cx::render {

// Text: signage quads (blended SDF glyphs). DepthOnly: the optional depth pre-pass. Fxaa: the
// post pass (its own layout: one sampled array image).
enum class PipelineKind { Sky, Opaque, Blend, Text, DepthOnly, Fxaa };

struct Pipelines {
  VkShaderModule meshVert = VK_NULL_HANDLE;
  VkShaderModule pbrFrag = VK_NULL_HANDLE;
  VkShaderModule skyVert = VK_NULL_HANDLE;
  VkShaderModule skyFrag = VK_NULL_HANDLE;
  VkShaderModule textVert = VK_NULL_HANDLE;
  VkShaderModule textFrag = VK_NULL_HANDLE;
  VkShaderModule fxaaVert = VK_NULL_HANDLE;
  VkShaderModule fxaaFrag = VK_NULL_HANDLE;
  std::map<std::tuple<int, uint32_t, VkFormat, VkFormat, int>, VkPipeline> cache;
};

void createShaderModules(const Context& ctx, Pipelines& pipelines);
VkPipeline getPipeline(const Context& ctx, Pipelines& pipelines, VkPipelineLayout layout, PipelineKind kind,
                       uint32_t viewMask, VkFormat colorFormat, VkFormat depthFormat,
                       VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT);
void destroyPipelines(const Context& ctx, Pipelines& pipelines);

}  // namespace cx::render
