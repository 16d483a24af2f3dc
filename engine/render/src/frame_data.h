#pragma once
// Everything one frame in flight owns. A slot is reused only after its fence has signalled, so its
// buffers can be rewritten and resized then; deferred deletions run at that point too.
#include <vulkan/vulkan.h>

#include <functional>
#include <vector>

#include "cx/render/context.h"
#include "cx/render/resources.h"
#include "draw_lists.h"

namespace cx::render {

struct FrameData {
  VkCommandPool commandPool = VK_NULL_HANDLE;
  VkCommandBuffer cmd = VK_NULL_HANDLE;
  VkFence fence = VK_NULL_HANDLE;  // created signalled
  Buffer frameUniforms;
  Buffer instances;  // uint32 visible instance / glyph indices, grows on demand
  Buffer indirect;   // VkDrawIndexedIndirectCommand: near + far LOD pairs, grows on demand
  std::vector<VkDrawIndexedIndirectCommand> indirectCommands;  // this frame's, copied into `indirect`
  std::vector<VkDrawIndexedIndirectCommand> runCommands;       // one draw item's, while recording
  VkDescriptorSet set = VK_NULL_HANDLE;
  uint64_t sceneId = 0;  // the GpuScene `set` points at (0: none yet)
  DrawLists lists;       // scratch, reused every frame
  VkQueryPool timestamps = VK_NULL_HANDLE;  // [0] frame start, [1] frame end; null without support
  bool timestampsWritten = false;           // a submitted frame wrote them and they are unread
  uint64_t frameNumber = 0;
  std::vector<std::function<void()>> deletions;  // run once this slot's fence has signalled
};

struct Renderer;
struct GpuScene;

// Points the frame's set at `scene` (instances, signage) and the frame's visible list.
void writeFrameSet(const Renderer& r, FrameData& f, const GpuScene& scene);
// Grows the frame's visible-index buffer to hold `count`; true when it was recreated (rebind).
bool ensureVisibleCapacity(const Context& ctx, FrameData& f, size_t count);
// Grows the frame's indirect draw buffer to hold `count` commands.
void ensureIndirectCapacity(const Context& ctx, FrameData& f, size_t count);
// Reads the GPU time of the frame that last used slot `f` into Renderer::lastGpuMs.
void readGpuTime(Renderer& r, FrameData& f);

}  // namespace cx::render
