#include "pipelines.h"

#include <cstddef>
#include <cstdint>

#include "cx/assets/model.h"
#include "cx/render/vk_check.h"

namespace cx::render {
namespace {

const uint32_t kMeshVert[] = {
#include "mesh.vert.spv.inc"
};
const uint32_t kPbrFrag[] = {
#include "pbr.frag.spv.inc"
};
const uint32_t kPbrMaskFrag[] = {
#include "pbr_mask.frag.spv.inc"
};
const uint32_t kSkyVert[] = {
#include "sky.vert.spv.inc"
};
const uint32_t kSkyFrag[] = {
#include "sky.frag.spv.inc"
};
const uint32_t kTextVert[] = {
#include "text.vert.spv.inc"
};
const uint32_t kTextFrag[] = {
#include "text.frag.spv.inc"
};
const uint32_t kFxaaVert[] = {
#include "fxaa.vert.spv.inc"
};
const uint32_t kFxaaFrag[] = {
#include "fxaa.frag.spv.inc"
};

VkShaderModule createModule(const Context& ctx, const uint32_t* code, size_t bytes) {
  VkShaderModuleCreateInfo info{VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO};
  info.codeSize = bytes;
  info.pCode = code;
  VkShaderModule module;
  CX_VK_CHECK(vkCreateShaderModule(ctx.device, &info, nullptr, &module));
  return module;
}

// Fills the fixed-function state for one kind of scene pipeline; documented defaults, one place.
struct PipelineBuilder {
  VkPipelineShaderStageCreateInfo stages[2]{};
  VkVertexInputBindingDescription binding{};
  VkVertexInputAttributeDescription attributes[5]{};
  VkPipelineVertexInputStateCreateInfo vertexInput{VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO};
  VkPipelineInputAssemblyStateCreateInfo inputAssembly{VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO};
  VkPipelineViewportStateCreateInfo viewport{VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO};
  VkPipelineRasterizationStateCreateInfo raster{VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO};
  VkPipelineMultisampleStateCreateInfo multisample{VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO};
  VkPipelineDepthStencilStateCreateInfo depth{VK_STRUCTURE_TYPE_PIPELINE_DEPTH_STENCIL_STATE_CREATE_INFO};
  VkPipelineColorBlendAttachmentState blendAttachment{};
  VkPipelineColorBlendStateCreateInfo blend{VK_STRUCTURE_TYPE_PIPELINE_COLOR_BLEND_STATE_CREATE_INFO};
  VkDynamicState dynamicStates[4] = {VK_DYNAMIC_STATE_VIEWPORT, VK_DYNAMIC_STATE_SCISSOR, VK_DYNAMIC_STATE_CULL_MODE,
                                     VK_DYNAMIC_STATE_FRONT_FACE};
  VkPipelineDynamicStateCreateInfo dynamic{VK_STRUCTURE_TYPE_PIPELINE_DYNAMIC_STATE_CREATE_INFO};
  VkPipelineRenderingCreateInfo rendering{VK_STRUCTURE_TYPE_PIPELINE_RENDERING_CREATE_INFO};
  VkFormat colorFormat;

  // `spec` applies to both stages.
  PipelineBuilder(VkShaderModule vert, VkShaderModule frag, uint32_t viewMask, VkFormat color, VkFormat depthFormat,
                  const VkSpecializationInfo* spec)
      : colorFormat(color) {
    stages[0] = {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO, nullptr, 0, VK_SHADER_STAGE_VERTEX_BIT, vert,
                 "main", spec};
    stages[1] = {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO, nullptr, 0, VK_SHADER_STAGE_FRAGMENT_BIT, frag,
                 "main", spec};
    inputAssembly.topology = VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST;
    viewport.viewportCount = 1;
    viewport.scissorCount = 1;
    raster.polygonMode = VK_POLYGON_MODE_FILL;
    raster.cullMode = VK_CULL_MODE_BACK_BIT;
    raster.frontFace = VK_FRONT_FACE_COUNTER_CLOCKWISE;
    raster.lineWidth = 1.0f;
    multisample.rasterizationSamples = VK_SAMPLE_COUNT_1_BIT;
    depth.depthTestEnable = VK_TRUE;
    depth.depthWriteEnable = VK_TRUE;
    depth.depthCompareOp = VK_COMPARE_OP_GREATER_OR_EQUAL;  // reverse Z
    blendAttachment.colorWriteMask = VK_COLOR_COMPONENT_R_BIT | VK_COLOR_COMPONENT_G_BIT |
                                     VK_COLOR_COMPONENT_B_BIT | VK_COLOR_COMPONENT_A_BIT;
    blend.attachmentCount = 1;
    blend.pAttachments = &blendAttachment;
    dynamic.dynamicStateCount = 4;
    dynamic.pDynamicStates = dynamicStates;
    rendering.viewMask = viewMask;
    rendering.colorAttachmentCount = 1;
    rendering.pColorAttachmentFormats = &colorFormat;
    rendering.depthAttachmentFormat = depthFormat;
  }

  void meshVertexLayout() {
    binding = {0, sizeof(assets::Vertex), VK_VERTEX_INPUT_RATE_VERTEX};
    attributes[0] = {0, 0, VK_FORMAT_R32G32B32_SFLOAT, uint32_t(offsetof(assets::Vertex, position))};
    attributes[1] = {1, 0, VK_FORMAT_R32G32B32_SFLOAT, uint32_t(offsetof(assets::Vertex, normal))};
    attributes[2] = {2, 0, VK_FORMAT_R32G32B32A32_SFLOAT, uint32_t(offsetof(assets::Vertex, tangent))};
    attributes[3] = {3, 0, VK_FORMAT_R32G32_SFLOAT, uint32_t(offsetof(assets::Vertex, uv0))};
    attributes[4] = {4, 0, VK_FORMAT_R32G32B32A32_SFLOAT, uint32_t(offsetof(assets::Vertex, color))};
    vertexInput.vertexBindingDescriptionCount = 1;
    vertexInput.pVertexBindingDescriptions = &binding;
    vertexInput.vertexAttributeDescriptionCount = 5;
    vertexInput.pVertexAttributeDescriptions = attributes;
  }

  // Full-viewport quads (sky, post pass): one uint corner id per vertex.
  void cornerIdVertexLayout() {
    binding = {0, sizeof(uint32_t), VK_VERTEX_INPUT_RATE_VERTEX};
    attributes[0] = {0, 0, VK_FORMAT_R32_UINT, 0};
    vertexInput.vertexBindingDescriptionCount = 1;
    vertexInput.pVertexBindingDescriptions = &binding;
    vertexInput.vertexAttributeDescriptionCount = 1;
    vertexInput.pVertexAttributeDescriptions = attributes;
  }

  VkPipeline buildVertexOnly(const Context& ctx, VkPipelineLayout layout) { return build(ctx, layout, 1); }

  VkPipeline build(const Context& ctx, VkPipelineLayout layout, uint32_t stageCount = 2) {
    VkGraphicsPipelineCreateInfo info{VK_STRUCTURE_TYPE_GRAPHICS_PIPELINE_CREATE_INFO, &rendering};
    info.stageCount = stageCount;
    info.pStages = stages;
    info.pVertexInputState = &vertexInput;
    info.pInputAssemblyState = &inputAssembly;
    info.pViewportState = &viewport;
    info.pRasterizationState = &raster;
    info.pMultisampleState = &multisample;
    info.pDepthStencilState = &depth;
    info.pColorBlendState = &blend;
    info.pDynamicState = &dynamic;
    info.layout = layout;
    VkPipeline pipeline;
    CX_VK_CHECK(vkCreateGraphicsPipelines(ctx.device, VK_NULL_HANDLE, 1, &info, nullptr, &pipeline));
    return pipeline;
  }
};

}  // namespace

void createShaderModules(const Context& ctx, Pipelines& p) {
  p.meshVert = createModule(ctx, kMeshVert, sizeof(kMeshVert));
  p.pbrFrag = createModule(ctx, kPbrFrag, sizeof(kPbrFrag));
  p.pbrMaskFrag = createModule(ctx, kPbrMaskFrag, sizeof(kPbrMaskFrag));
  p.skyVert = createModule(ctx, kSkyVert, sizeof(kSkyVert));
  p.skyFrag = createModule(ctx, kSkyFrag, sizeof(kSkyFrag));
  p.textVert = createModule(ctx, kTextVert, sizeof(kTextVert));
  p.textFrag = createModule(ctx, kTextFrag, sizeof(kTextFrag));
  p.fxaaVert = createModule(ctx, kFxaaVert, sizeof(kFxaaVert));
  p.fxaaFrag = createModule(ctx, kFxaaFrag, sizeof(kFxaaFrag));
}

bool isSrgbFormat(VkFormat format) {
  return format == VK_FORMAT_R8G8B8A8_SRGB || format == VK_FORMAT_B8G8R8A8_SRGB ||
         format == VK_FORMAT_A8B8G8R8_SRGB_PACK32;
}

VkPipeline getPipeline(const Context& ctx, Pipelines& p, VkPipelineLayout layout, const PipelineDesc& desc) {
  const PipelineKind kind = desc.kind;
  const uint32_t viewMask = desc.viewMask;
  const VkFormat colorFormat = desc.colorFormat;
  const VkFormat depthFormat = desc.depthFormat;
  const VkSampleCountFlagBits samples = desc.samples;
  const bool mesh = kind == PipelineKind::Opaque || kind == PipelineKind::OpaqueMask || kind == PipelineKind::Blend;
  const uint32_t textureMask = mesh ? desc.textureMask : 0;
  auto key = std::make_tuple(int(kind), viewMask, desc.viewBase, colorFormat, depthFormat, int(samples), textureMask);
  if (auto it = p.cache.find(key); it != p.cache.end()) return it->second;
  VkPipeline pipeline = VK_NULL_HANDLE;
  // Specialization, the same for every stage (a stage ignores the constants it does not declare):
  // constant 0 the material's texture slots (scene meshes), constant 1 whether the shader encodes
  // sRGB itself (common.glsl, kEncodeSrgb), constant 2 the pass's first view (kViewBase).
  const int32_t spec[3] = {int32_t(textureMask), isSrgbFormat(colorFormat) ? 0 : 1, int32_t(desc.viewBase)};
  const VkSpecializationMapEntry entries[3] = {
      {0, 0, sizeof(int32_t)}, {1, sizeof(int32_t), sizeof(VkBool32)}, {2, 2 * sizeof(int32_t), sizeof(int32_t)}};
  const VkSpecializationInfo specInfo{3, entries, sizeof(spec), spec};
  auto blendOver = [](PipelineBuilder& b) {
    b.blendAttachment.blendEnable = VK_TRUE;
    b.blendAttachment.srcColorBlendFactor = VK_BLEND_FACTOR_SRC_ALPHA;
    b.blendAttachment.dstColorBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
    b.blendAttachment.colorBlendOp = VK_BLEND_OP_ADD;
    b.blendAttachment.srcAlphaBlendFactor = VK_BLEND_FACTOR_ONE;
    b.blendAttachment.dstAlphaBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
    b.blendAttachment.alphaBlendOp = VK_BLEND_OP_ADD;
  };
  if (kind == PipelineKind::Text) {
    PipelineBuilder b(p.textVert, p.textFrag, viewMask, colorFormat, depthFormat, &specInfo);
    b.multisample.rasterizationSamples = samples;
    b.depth.depthWriteEnable = VK_FALSE;
    blendOver(b);
    pipeline = b.build(ctx, layout);
  } else if (kind == PipelineKind::Fxaa) {
    PipelineBuilder b(p.fxaaVert, p.fxaaFrag, viewMask, colorFormat, VK_FORMAT_UNDEFINED, &specInfo);
    b.cornerIdVertexLayout();
    b.depth.depthTestEnable = VK_FALSE;
    b.depth.depthWriteEnable = VK_FALSE;
    b.raster.cullMode = VK_CULL_MODE_NONE;
    pipeline = b.build(ctx, layout);
  } else if (kind == PipelineKind::Sky) {
    PipelineBuilder b(p.skyVert, p.skyFrag, viewMask, colorFormat, depthFormat, &specInfo);
    b.multisample.rasterizationSamples = samples;
    b.cornerIdVertexLayout();
    b.depth.depthTestEnable = VK_TRUE;
    b.depth.depthCompareOp = VK_COMPARE_OP_GREATER_OR_EQUAL;
    b.depth.depthWriteEnable = VK_FALSE;
    b.raster.cullMode = VK_CULL_MODE_NONE;
    pipeline = b.build(ctx, layout);
  } else {
    PipelineBuilder b(p.meshVert, kind == PipelineKind::OpaqueMask ? p.pbrMaskFrag : p.pbrFrag, viewMask, colorFormat,
                      depthFormat, &specInfo);
    b.meshVertexLayout();
    b.multisample.rasterizationSamples = samples;
    if (kind == PipelineKind::Blend) {
      b.depth.depthWriteEnable = VK_FALSE;
      blendOver(b);
    } else if (kind == PipelineKind::DepthOnly) {
      b.stages[1] = {};  // vertex shader only
      b.blendAttachment.colorWriteMask = 0;
    }
    pipeline = kind == PipelineKind::DepthOnly ? b.buildVertexOnly(ctx, layout) : b.build(ctx, layout);
  }
  p.cache[key] = pipeline;
  return pipeline;
}

void destroyPipelines(const Context& ctx, Pipelines& p) {
  for (auto& [key, pipeline] : p.cache) vkDestroyPipeline(ctx.device, pipeline, nullptr);
  p.cache.clear();
  for (VkShaderModule m : {p.meshVert, p.pbrFrag, p.pbrMaskFrag, p.skyVert, p.skyFrag, p.textVert, p.textFrag, p.fxaaVert, p.fxaaFrag}) {
    if (m) vkDestroyShaderModule(ctx.device, m, nullptr);
  }
  p = {};
}

}  // namespace cx::render
