#include "scene_pass.h"

#include "cx/render/gpu_scene.h"
#include "gpu_types.h"
#include "pipelines.h"
#include "post_process.h"

namespace cx::render {
namespace {

void setViewportAndScissor(VkCommandBuffer cmd, VkExtent2D extent) {
  VkViewport viewport{0.0f, 0.0f, float(extent.width), float(extent.height), 0.0f, 1.0f};
  VkRect2D scissor{{0, 0}, extent};
  vkCmdSetViewport(cmd, 0, 1, &viewport);
  vkCmdSetScissor(cmd, 0, 1, &scissor);
}

// Draws one list of draw items (opaque, depth-only or blended), binding only what changes.
struct ListRecorder {
  Renderer& r;
  FrameData& f;
  const DrawLists& lists;
  const PassViews& views;
  const ScenePassFormats& formats;
  FrameStats& stats;
  bool multiDraw;

  VkPipeline pipeline(PipelineKind kind, uint32_t textureMask = 0) const {
    PipelineDesc d;
    d.kind = kind;
    d.viewMask = views.viewMask;
    d.viewBase = views.firstView;
    d.colorFormat = formats.color;
    d.depthFormat = r.desc.depthFormat;
    d.samples = formats.samples;
    d.textureMask = textureMask;
    return getPipeline(*r.ctx, *r.pipelines, r.pipelineLayout, d);
  }

  void draw(const std::vector<DrawItem>& list, PipelineKind kind, bool countTriangles) {
    if (list.empty()) return;
    VkCommandBuffer cmd = f.cmd;
    PipelineKind boundKind = kind;
    uint32_t boundMask = ~0u;
    const GpuModel* boundModel = nullptr;
    VkDescriptorSet boundSet = VK_NULL_HANDLE;
    int boundCull = -1, boundFront = -1;
    const GpuMaterial* boundMaterial = nullptr;
    std::vector<VkDrawIndexedIndirectCommand>& runCommands = f.runCommands;
    runCommands.resize(std::max<size_t>(1, kDrawKeys));
    for (const DrawItem& d : list) {
      const GpuPrimitive& prim = d.model->primitives[d.primitive];
      const GpuMaterial& mat = d.model->materials[prim.material];
      if (kind == PipelineKind::DepthOnly && mat.alphaMode != assets::AlphaMode::Opaque) continue;
      // Each run of instances takes its level of detail's triangles that can face its eye region
      // (facing.h); a level with no triangles (thin poles far away) draws nothing. Runs of the
      // same range merge. An item with nothing to draw binds nothing.
      VkDrawIndexedIndirectCommand* cmds = runCommands.data();
      uint32_t cmdCount = 0;
      uint32_t firstInstance = d.firstVisible;
      auto add = [&](IndexRange range, uint32_t n) {
        if (n > 0 && range.count > 0) {
          VkDrawIndexedIndirectCommand* last = cmdCount > 0 ? &cmds[cmdCount - 1] : nullptr;
          if (last && last->firstIndex == range.first && last->indexCount == range.count &&
              last->firstInstance + last->instanceCount == firstInstance) {
            last->instanceCount += n;
          } else {
            cmds[cmdCount++] = {range.count, n, range.first, prim.vertexOffset, firstInstance};
          }
          if (countTriangles) stats.trianglesSubmitted += uint64_t(range.count / 3) * n * views.count;
        }
        firstInstance += n;
      };
      if (d.runCount == 0) add({prim.firstIndex, prim.indexCount}, d.count);
      for (uint32_t k = 0; k < d.runCount; ++k) {
        const DrawRun& run = lists.runs[d.firstRun + k];
        const uint32_t level = run.key / kEyeRegions;
        if (prim.firstFacing != kNoFacing) {
          add(d.model->facingRanges[prim.firstFacing + run.key], run.count);
        } else {
          add(level == 0 ? IndexRange{prim.firstIndex, prim.indexCount} : prim.lod[level - 1], run.count);
        }
      }
      if (cmdCount == 0) continue;
      // Alpha-tested materials need the variant that can discard (and so shades before the depth test).
      const PipelineKind itemKind =
          kind == PipelineKind::Opaque && mat.alphaMode == assets::AlphaMode::Mask ? PipelineKind::OpaqueMask : kind;
      // The variant compiled for the material's texture slots (the depth pre-pass has none).
      const uint32_t itemMask = kind == PipelineKind::DepthOnly ? 0u : mat.textureMask;
      if (itemKind != boundKind || itemMask != boundMask) {
        vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline(itemKind, itemMask));
        boundKind = itemKind;
        boundMask = itemMask;
        ++stats.meshPipelineBinds;
      }
      if (d.model != boundModel) {
        VkDeviceSize offset = 0;
        vkCmdBindVertexBuffers(cmd, 0, 1, &d.model->vertices.buffer, &offset);
        vkCmdBindIndexBuffer(cmd, d.model->indices.buffer, 0, VK_INDEX_TYPE_UINT32);
        boundModel = d.model;
      }
      if (mat.set != boundSet) {
        vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, r.pipelineLayout, 1, 1, &mat.set, 0, nullptr);
        boundSet = mat.set;
      }
      if (&mat != boundMaterial) {
        GpuDrawConstants pc{mat.baseColorFactor, uint32_t(mat.role), {}};
        vkCmdPushConstants(cmd, r.pipelineLayout, VK_SHADER_STAGE_VERTEX_BIT, 0, sizeof(pc), &pc);
        boundMaterial = &mat;
      }
      int cull = mat.doubleSided ? 0 : 1;
      if (cull != boundCull) {
        vkCmdSetCullMode(cmd, cull ? VK_CULL_MODE_BACK_BIT : VK_CULL_MODE_NONE);
        boundCull = cull;
      }
      int front = d.mirrored ? 1 : 0;  // a negative-determinant transform flips the winding
      if (front != boundFront) {
        vkCmdSetFrontFace(cmd, front ? VK_FRONT_FACE_CLOCKWISE : VK_FRONT_FACE_COUNTER_CLOCKWISE);
        boundFront = front;
      }
      if (cmdCount > 1 && multiDraw) {
        const size_t at = f.indirectCommands.size();
        f.indirectCommands.insert(f.indirectCommands.end(), cmds, cmds + cmdCount);
        vkCmdDrawIndexedIndirect(cmd, f.indirect.buffer, at * sizeof(VkDrawIndexedIndirectCommand), cmdCount,
                                 sizeof(VkDrawIndexedIndirectCommand));
        ++stats.drawCalls;
      } else {
        for (uint32_t c = 0; c < cmdCount; ++c) {
          vkCmdDrawIndexed(cmd, cmds[c].indexCount, cmds[c].instanceCount, cmds[c].firstIndex, cmds[c].vertexOffset,
                           cmds[c].firstInstance);
          ++stats.drawCalls;
        }
      }
    }
  }
};

}  // namespace

void recordScenePass(Renderer& r, FrameData& f, const DrawLists& lists, const PassViews& views,
                     const ScenePassAttachments& attachments, const ScenePassFormats& formats, FrameStats& stats) {
  const Context& ctx = *r.ctx;
  VkCommandBuffer cmd = f.cmd;
  VkRenderingAttachmentInfo color{VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO};
  color.imageView = attachments.color;
  color.imageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  color.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
  color.storeOp = attachments.storeColor ? VK_ATTACHMENT_STORE_OP_STORE : VK_ATTACHMENT_STORE_OP_DONT_CARE;
  color.clearValue.color = {{0.0f, 0.0f, 0.0f, 1.0f}};
  if (attachments.colorResolve) {
    color.resolveMode = VK_RESOLVE_MODE_AVERAGE_BIT;
    color.resolveImageView = attachments.colorResolve;
    color.resolveImageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  }
  VkRenderingAttachmentInfo depth{VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO};
  depth.imageView = attachments.depth;
  depth.imageLayout = VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL;
  depth.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
  depth.storeOp = attachments.storeDepth ? VK_ATTACHMENT_STORE_OP_STORE : VK_ATTACHMENT_STORE_OP_DONT_CARE;
  depth.clearValue.depthStencil = {0.0f, 0};  // reverse Z: 0 is infinitely far
  if (attachments.depthResolve) {
    depth.resolveMode = VK_RESOLVE_MODE_SAMPLE_ZERO_BIT;  // always supported for depth
    depth.resolveImageView = attachments.depthResolve;
    depth.resolveImageLayout = VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL;
  }
  VkRenderingInfo rendering{VK_STRUCTURE_TYPE_RENDERING_INFO};
  rendering.renderArea = {{0, 0}, formats.extent};
  rendering.layerCount = 1;
  rendering.viewMask = views.viewMask;
  rendering.colorAttachmentCount = 1;
  rendering.pColorAttachments = &color;
  rendering.pDepthAttachment = &depth;
  vkCmdBeginRendering(cmd, &rendering);

  setViewportAndScissor(cmd, formats.extent);
  vkCmdSetCullMode(cmd, VK_CULL_MODE_NONE);
  vkCmdSetFrontFace(cmd, VK_FRONT_FACE_COUNTER_CLOCKWISE);
  vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, r.pipelineLayout, 0, 1, &f.set, 0, nullptr);

  // All runs of one primitive (levels of detail, eye regions) in one call where the device can.
  const bool multiDraw = ctx.caps.multiDrawIndirect && ctx.caps.drawIndirectFirstInstance;
  ListRecorder recorder{r, f, lists, views, formats, stats, multiDraw};
  if (r.depthPrepass) recorder.draw(lists.opaque, PipelineKind::DepthOnly, false);
  recorder.draw(lists.opaque, PipelineKind::Opaque, true);

  // The sky goes after the opaque geometry at depth 0 (infinitely far): it only shades the pixels
  // nothing covered, which saves fragment work on CPU rasterisers. A quad exactly covering the
  // viewport, not the usual oversized triangle: lavapipe (Mesa 22.3) drops the later views of a
  // multiview pass for primitives it has to clip against its guard band (tests/render:
  // MultiviewEmptySceneDrawsSkyInEveryLayer).
  vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, recorder.pipeline(PipelineKind::Sky));
  vkCmdSetCullMode(cmd, VK_CULL_MODE_NONE);
  VkDeviceSize zero = 0;
  vkCmdBindVertexBuffers(cmd, 0, 1, &r.skyQuad.buffer, &zero);
  vkCmdBindIndexBuffer(cmd, r.skyQuad.buffer, 0, VK_INDEX_TYPE_UINT32);
  vkCmdDrawIndexed(cmd, 6, 1, 4, 0, 0);
  ++stats.drawCalls;

  if (lists.glyphCount > 0) {
    // All signage in one instanced draw: six vertices per glyph quad.
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, recorder.pipeline(PipelineKind::Text));
    vkCmdSetCullMode(cmd, VK_CULL_MODE_BACK_BIT);
    vkCmdSetFrontFace(cmd, VK_FRONT_FACE_COUNTER_CLOCKWISE);
    vkCmdDraw(cmd, 6, lists.glyphCount, 0, lists.firstGlyph);
    ++stats.drawCalls;
    stats.trianglesSubmitted += uint64_t(lists.glyphCount) * 2 * views.count;
  }
  recorder.draw(lists.blended, PipelineKind::Blend, true);
  vkCmdEndRendering(cmd);
}

void recordFxaaPass(Renderer& r, VkCommandBuffer cmd, const PassViews& views, VkImageView target, VkExtent2D extent,
                    VkFormat format, FrameStats& stats) {
  PostProcess& post = *r.post;
  VkRenderingAttachmentInfo out{VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO};
  out.imageView = target;
  out.imageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  out.loadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
  out.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
  VkRenderingInfo pass{VK_STRUCTURE_TYPE_RENDERING_INFO};
  pass.renderArea = {{0, 0}, extent};
  pass.layerCount = 1;
  pass.viewMask = views.viewMask;
  pass.colorAttachmentCount = 1;
  pass.pColorAttachments = &out;
  vkCmdBeginRendering(cmd, &pass);
  setViewportAndScissor(cmd, extent);
  vkCmdSetCullMode(cmd, VK_CULL_MODE_NONE);
  vkCmdSetFrontFace(cmd, VK_FRONT_FACE_COUNTER_CLOCKWISE);
  PipelineDesc d;
  d.kind = PipelineKind::Fxaa;
  d.viewMask = views.viewMask;
  d.viewBase = views.firstView;
  d.colorFormat = format;
  vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, getPipeline(*r.ctx, *r.pipelines, post.pipelineLayout, d));
  vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, post.pipelineLayout, 0, 1, &post.set, 0, nullptr);
  VkDeviceSize zero = 0;
  vkCmdBindVertexBuffers(cmd, 0, 1, &r.skyQuad.buffer, &zero);
  vkCmdBindIndexBuffer(cmd, r.skyQuad.buffer, 0, VK_INDEX_TYPE_UINT32);
  vkCmdDrawIndexed(cmd, 6, 1, 4, 0, 0);
  ++stats.drawCalls;
  vkCmdEndRendering(cmd);
}

}  // namespace cx::render
