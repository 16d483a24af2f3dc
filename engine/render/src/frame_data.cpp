// Per-frame-slot resources: the slot's descriptor set, its growable buffers and its GPU timer.
#include <algorithm>

#include "cx/render/gpu_scene.h"
#include "cx/render/renderer.h"
#include "cx/render/vk_check.h"
#include "frame_data.h"
#include "gpu_types.h"

namespace cx::render {

// Points the frame's set at `scene` (instances, signage) and the frame's visible list. Called when
// either changed; the slot's fence has signalled, so the set is not in use.
void writeFrameSet(const Renderer& r, FrameData& f, const GpuScene& scene) {
  VkDescriptorBufferInfo ubo{f.frameUniforms.buffer, 0, sizeof(GpuFrameUniforms)};
  auto orEmpty = [&](const Buffer& b) { return b.buffer ? b.buffer : r.emptyStorage.buffer; };
  auto orWhite = [&](const Image& i) { return i.view ? i.view : r.whiteTexture.view; };
  VkDescriptorBufferInfo buffers[4] = {{orEmpty(scene.instances), 0, VK_WHOLE_SIZE},
                                       {f.instances.buffer, 0, VK_WHOLE_SIZE},
                                       {orEmpty(scene.signs), 0, VK_WHOLE_SIZE},
                                       {orEmpty(scene.glyphs), 0, VK_WHOLE_SIZE}};
  VkDescriptorImageInfo images[2] = {
      {r.defaultSampler, orWhite(scene.glyphAtlas), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL},
      {r.defaultSampler, orWhite(scene.logoAtlas), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL}};
  VkWriteDescriptorSet writes[7]{};
  initDescriptorWrites(writes, f.set);
  writes[0].descriptorType = VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER;
  writes[0].pBufferInfo = &ubo;
  for (uint32_t i = 1; i <= 4; ++i) {
    writes[i].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
    writes[i].pBufferInfo = &buffers[i - 1];
  }
  for (uint32_t i = 5; i <= 6; ++i) {
    writes[i].descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
    writes[i].pImageInfo = &images[i - 5];
  }
  vkUpdateDescriptorSets(r.ctx->device, 7, writes, 0, nullptr);
  f.sceneId = scene.id;
}

// The frame's visible-index list (uint32 per visible instance or glyph), grown on demand.
bool ensureVisibleCapacity(const Context& ctx, FrameData& f, size_t count) {
  VkDeviceSize needed = std::max<size_t>(count, 256) * sizeof(uint32_t);
  if (f.instances.buffer && f.instances.size >= needed) return false;
  // The slot's fence has signalled, so nothing in flight reads the old buffer.
  destroyBuffer(ctx, f.instances);
  f.instances = createBuffer(ctx, {needed + needed / 2, VK_BUFFER_USAGE_STORAGE_BUFFER_BIT, MemoryUsage::Upload,
                                   "visible instances"});
  return true;
}

// The frame's indirect draw buffer, large enough for `count` commands.
void ensureIndirectCapacity(const Context& ctx, FrameData& f, size_t count) {
  VkDeviceSize needed = std::max<size_t>(count, 64) * sizeof(VkDrawIndexedIndirectCommand);
  if (f.indirect.buffer && f.indirect.size >= needed) return;
  destroyBuffer(ctx, f.indirect);  // the slot's fence has signalled
  f.indirect = createBuffer(ctx, {needed + needed / 2, VK_BUFFER_USAGE_INDIRECT_BUFFER_BIT, MemoryUsage::Upload,
                                  "indirect draws"});
}

// The GPU time of the frame that last used slot `f` (its fence has signalled).
void readGpuTime(Renderer& r, FrameData& f) {
  if (!f.timestampsWritten) return;
  f.timestampsWritten = false;
  uint64_t ticks[2] = {0, 0};
  VkResult res = CX_VK_CHECK_ALLOW(vkGetQueryPoolResults(r.ctx->device, f.timestamps, 0, 2, sizeof(ticks), ticks,
                                                         sizeof(uint64_t), VK_QUERY_RESULT_64_BIT),
                                   VK_NOT_READY);
  if (res == VK_SUCCESS && ticks[1] >= ticks[0])
    r.lastGpuMs = double(ticks[1] - ticks[0]) * r.ctx->caps.timestampPeriodNs * 1e-6;
}

}  // namespace cx::render
