#pragma once
// Graphics pipelines for the scene pass, built on demand for each (kind, view mask, formats).
// Cull mode and front face are dynamic state, so one opaque pipeline serves single- and
// double-sided materials and mirrored instances.
#include <vulkan/vulkan.h>

#include <map>
#include <tuple>

#include "cx/render/context.h"

namespace cx::render {

enum class PipelineKind { Sky, Opaque, Blend };

struct Pipelines {
  VkShaderModule meshVert = VK_NULL_HANDLE;
  VkShaderModule pbrFrag = VK_NULL_HANDLE;
  VkShaderModule skyVert = VK_NULL_HANDLE;
  VkShaderModule skyFrag = VK_NULL_HANDLE;
  std::map<std::tuple<int, uint32_t, VkFormat, VkFormat>, VkPipeline> cache;
};

void createShaderModules(const Context& ctx, Pipelines& pipelines);
VkPipeline getPipeline(const Context& ctx, Pipelines& pipelines, VkPipelineLayout layout, PipelineKind kind,
                       uint32_t viewMask, VkFormat colorFormat, VkFormat depthFormat);
void destroyPipelines(const Context& ctx, Pipelines& pipelines);

}  // namespace cx::render
