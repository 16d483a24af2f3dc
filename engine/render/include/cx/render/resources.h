#pragma once
// Buffers and images, each with its own memory allocation, created from small descriptor structs
// with documented defaults. Host-visible memory is never assumed coherent: writes are flushed and
// reads invalidated when the chosen memory type lacks HOST_COHERENT.
#include <vulkan/vulkan.h>

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "cx/render/context.h"

namespace cx::render {

enum class MemoryUsage {
  DeviceLocal,  // GPU only; filled through a staging upload
  Upload,       // host-visible, written by the CPU every frame or once (staging, per-frame data)
  Readback,     // host-visible, read by the CPU (screenshots), cached where possible
};

struct BufferDesc {
  VkDeviceSize size = 0;
  VkBufferUsageFlags usage = 0;
  MemoryUsage memory = MemoryUsage::DeviceLocal;
  const char* debugName = nullptr;
};

struct Buffer {
  VkBuffer buffer = VK_NULL_HANDLE;
  VkDeviceMemory memory = VK_NULL_HANDLE;
  VkDeviceSize size = 0;
  void* mapped = nullptr;  // persistently mapped for Upload / Readback
  bool coherent = true;
};

struct ImageDesc {
  VkExtent2D extent{1, 1};
  VkFormat format = VK_FORMAT_R8G8B8A8_UNORM;
  VkImageUsageFlags usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
  uint32_t mipLevels = 1;
  uint32_t layers = 1;
  VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
  VkImageAspectFlags aspect = VK_IMAGE_ASPECT_COLOR_BIT;
  const char* debugName = nullptr;
};

struct Image {
  VkImage image = VK_NULL_HANDLE;
  VkImageView view = VK_NULL_HANDLE;  // 2D, or 2D_ARRAY when layers > 1
  VkDeviceMemory memory = VK_NULL_HANDLE;
  VkFormat format = VK_FORMAT_UNDEFINED;
  VkExtent2D extent{};
  uint32_t mipLevels = 1;
  uint32_t layers = 1;
};

uint32_t findMemoryType(const Context& ctx, uint32_t typeBits, VkMemoryPropertyFlags required,
                        VkMemoryPropertyFlags preferred = 0);

Buffer createBuffer(const Context& ctx, const BufferDesc& desc);
void destroyBuffer(const Context& ctx, Buffer& buffer);
// Make CPU writes to a mapped buffer visible to the device (no-op on coherent memory).
void flushBuffer(const Context& ctx, const Buffer& buffer);
// Make device writes visible to the CPU before reading a mapped buffer.
void invalidateBuffer(const Context& ctx, const Buffer& buffer);

Image createImage(const Context& ctx, const ImageDesc& desc);
void destroyImage(const Context& ctx, Image& image);
// A 2D view of one array layer (mip 0) of `image`, e.g. to draw into one eye's layer in a pass of
// its own. The caller destroys it.
VkImageView createLayerView(const Context& ctx, VkImage image, VkFormat format, VkImageAspectFlags aspect,
                            uint32_t layer);

// A layout transition / memory barrier on all mips and layers of `image`.
void imageBarrier(VkCommandBuffer cmd, VkImage image, VkImageAspectFlags aspect, VkImageLayout from,
                  VkImageLayout to, VkPipelineStageFlags2 srcStage, VkAccessFlags2 srcAccess,
                  VkPipelineStageFlags2 dstStage, VkAccessFlags2 dstAccess);
// The same on `range` only (one mip level, say).
void imageBarrier(VkCommandBuffer cmd, VkImage image, const VkImageSubresourceRange& range, VkImageLayout from,
                  VkImageLayout to, VkPipelineStageFlags2 srcStage, VkAccessFlags2 srcAccess,
                  VkPipelineStageFlags2 dstStage, VkAccessFlags2 dstAccess);

// One write per binding 0 .. writes.size()-1 of `set`, one descriptor each; the caller fills in
// the descriptor types and infos.
void initDescriptorWrites(std::span<VkWriteDescriptorSet> writes, VkDescriptorSet set);

// Records and submits one command buffer and waits for it. For uploads and readbacks outside the
// frame loop (model loading, screenshots).
void submitAndWait(const Context& ctx, const std::function<void(VkCommandBuffer)>& record);

// Copies bytes into device-local buffers and images through staging buffers, in one submission.
struct UploadBatch {
  const Context* ctx = nullptr;
  std::vector<Buffer> staging;
  std::vector<std::function<void(VkCommandBuffer)>> commands;
};
void uploadToBuffer(UploadBatch& batch, const Buffer& dst, std::span<const uint8_t> bytes, VkDeviceSize dstOffset = 0);
// `mips[i]` holds level i, tightly packed RGBA8. The image ends in SHADER_READ_ONLY_OPTIMAL.
void uploadToImage(UploadBatch& batch, const Image& dst, const std::vector<std::vector<uint8_t>>& mips);
void submitUploads(UploadBatch& batch);

}  // namespace cx::render
