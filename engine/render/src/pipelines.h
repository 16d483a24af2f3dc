#pragma once
// Graphics pipelines for the scene pass, built on demand for each (kind, view mask, formats).
// Cull mode and front face are dynamic state, so one opaque pipeline serves single- and
// double-sided materials and mirrored instances.
#include <vulkan/vulkan.h>

#include <map>
#include <tuple>

#include "cx/render/context.h"

namespace cx::render {

// Opaque: no discard, so depth is tested before shading. OpaqueMask: glTF alphaMode MASK (may
// discard). Text: signage quads (blended SDF glyphs). DepthOnly: the optional depth pre-pass.
// Fxaa: the post pass (its own layout: one sampled array image).
enum class PipelineKind { Sky, Opaque, OpaqueMask, Blend, Text, DepthOnly, Fxaa };

struct Pipelines {
  VkShaderModule meshVert = VK_NULL_HANDLE;
  VkShaderModule pbrFrag = VK_NULL_HANDLE;
  VkShaderModule pbrMaskFrag = VK_NULL_HANDLE;
  VkShaderModule skyVert = VK_NULL_HANDLE;
  VkShaderModule skyFrag = VK_NULL_HANDLE;
  VkShaderModule textVert = VK_NULL_HANDLE;
  VkShaderModule textFrag = VK_NULL_HANDLE;
  VkShaderModule fxaaVert = VK_NULL_HANDLE;
  VkShaderModule fxaaFrag = VK_NULL_HANDLE;
  std::map<std::tuple<int, uint32_t, uint32_t, VkFormat, VkFormat, int, uint32_t>, VkPipeline> cache;
};

// What one pipeline is built for; pipelines are cached by all of it.
struct PipelineDesc {
  PipelineKind kind = PipelineKind::Opaque;
  uint32_t viewMask = 0;  // multiview: the views of the pass (0: a plain pass)
  // The first view the pass draws (shaders' kViewBase, common.glsl): k when view k of a stereo
  // frame is drawn in a pass of its own, else 0.
  uint32_t viewBase = 0;
  VkFormat colorFormat = VK_FORMAT_UNDEFINED;
  VkFormat depthFormat = VK_FORMAT_UNDEFINED;
  VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
  // For the mesh kinds (Opaque, OpaqueMask, Blend), the material texture slots the variant samples
  // (GpuMaterial::textureMask); ignored by the others.
  uint32_t textureMask = 0;
};

void createShaderModules(const Context& ctx, Pipelines& pipelines);
// The target stores sRGB-encoded (the hardware encodes on write); otherwise the shaders do.
bool isSrgbFormat(VkFormat format);
VkPipeline getPipeline(const Context& ctx, Pipelines& pipelines, VkPipelineLayout layout, const PipelineDesc& desc);
void destroyPipelines(const Context& ctx, Pipelines& pipelines);

}  // namespace cx::render
