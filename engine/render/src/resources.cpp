#include "cx/render/resources.h"

#include <cstring>
#include <stdexcept>

#include "cx/render/vk_check.h"

namespace cx::render {

uint32_t findMemoryType(const Context& ctx, uint32_t typeBits, VkMemoryPropertyFlags required,
                        VkMemoryPropertyFlags preferred) {
  const auto& mem = ctx.memory;
  for (int pass = 0; pass < 2; ++pass) {
    VkMemoryPropertyFlags want = pass == 0 ? (required | preferred) : required;
    for (uint32_t i = 0; i < mem.memoryTypeCount; ++i) {
      if ((typeBits & (1u << i)) && (mem.memoryTypes[i].propertyFlags & want) == want) return i;
    }
  }
  throw VulkanError("no Vulkan memory type matches the request", VK_ERROR_OUT_OF_DEVICE_MEMORY);
}

static void setDebugName(const Context& ctx, VkObjectType type, uint64_t handle, const char* name) {
  if (!name || !ctx.validation) return;
  auto fn = reinterpret_cast<PFN_vkSetDebugUtilsObjectNameEXT>(
      vkGetDeviceProcAddr(ctx.device, "vkSetDebugUtilsObjectNameEXT"));
  if (!fn) return;
  VkDebugUtilsObjectNameInfoEXT info{VK_STRUCTURE_TYPE_DEBUG_UTILS_OBJECT_NAME_INFO_EXT};
  info.objectType = type;
  info.objectHandle = handle;
  info.pObjectName = name;
  fn(ctx.device, &info);
}

Buffer createBuffer(const Context& ctx, const BufferDesc& desc) {
  Buffer b;
  b.size = desc.size;
  VkBufferCreateInfo info{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
  info.size = desc.size;
  info.usage = desc.usage;
  info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  CX_VK_CHECK(vkCreateBuffer(ctx.device, &info, nullptr, &b.buffer));
  setDebugName(ctx, VK_OBJECT_TYPE_BUFFER, uint64_t(b.buffer), desc.debugName);
  VkMemoryRequirements req;
  vkGetBufferMemoryRequirements(ctx.device, b.buffer, &req);
  VkMemoryPropertyFlags required = 0, preferred = 0;
  switch (desc.memory) {
    case MemoryUsage::DeviceLocal:
      required = VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT;
      break;
    case MemoryUsage::Upload:
      required = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT;
      preferred = VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
      break;
    case MemoryUsage::Readback:
      required = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT;
      preferred = VK_MEMORY_PROPERTY_HOST_CACHED_BIT;
      break;
  }
  uint32_t type = findMemoryType(ctx, req.memoryTypeBits, required, preferred);
  VkMemoryAllocateInfo alloc{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
  alloc.allocationSize = req.size;
  alloc.memoryTypeIndex = type;
  CX_VK_CHECK(vkAllocateMemory(ctx.device, &alloc, nullptr, &b.memory));
  CX_VK_CHECK(vkBindBufferMemory(ctx.device, b.buffer, b.memory, 0));
  if (desc.memory != MemoryUsage::DeviceLocal) {
    b.coherent = ctx.memory.memoryTypes[type].propertyFlags & VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
    CX_VK_CHECK(vkMapMemory(ctx.device, b.memory, 0, VK_WHOLE_SIZE, 0, &b.mapped));
  }
  return b;
}

void destroyBuffer(const Context& ctx, Buffer& b) {
  if (b.mapped) vkUnmapMemory(ctx.device, b.memory);
  if (b.buffer) vkDestroyBuffer(ctx.device, b.buffer, nullptr);
  if (b.memory) vkFreeMemory(ctx.device, b.memory, nullptr);
  b = {};
}

void flushBuffer(const Context& ctx, const Buffer& b) {
  if (b.coherent || !b.mapped) return;
  // The whole mapping: offset 0 and VK_WHOLE_SIZE always satisfy nonCoherentAtomSize alignment.
  VkMappedMemoryRange range{VK_STRUCTURE_TYPE_MAPPED_MEMORY_RANGE};
  range.memory = b.memory;
  range.offset = 0;
  range.size = VK_WHOLE_SIZE;
  CX_VK_CHECK(vkFlushMappedMemoryRanges(ctx.device, 1, &range));
}

void invalidateBuffer(const Context& ctx, const Buffer& b) {
  if (b.coherent || !b.mapped) return;
  VkMappedMemoryRange range{VK_STRUCTURE_TYPE_MAPPED_MEMORY_RANGE};
  range.memory = b.memory;
  range.offset = 0;
  range.size = VK_WHOLE_SIZE;
  CX_VK_CHECK(vkInvalidateMappedMemoryRanges(ctx.device, 1, &range));
}

Image createImage(const Context& ctx, const ImageDesc& desc) {
  Image img;
  img.format = desc.format;
  img.extent = desc.extent;
  img.mipLevels = desc.mipLevels;
  img.layers = desc.layers;
  VkImageCreateInfo info{VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO};
  info.imageType = VK_IMAGE_TYPE_2D;
  info.format = desc.format;
  info.extent = {desc.extent.width, desc.extent.height, 1};
  info.mipLevels = desc.mipLevels;
  info.arrayLayers = desc.layers;
  info.samples = desc.samples;
  info.tiling = VK_IMAGE_TILING_OPTIMAL;
  info.usage = desc.usage;
  info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  info.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  CX_VK_CHECK(vkCreateImage(ctx.device, &info, nullptr, &img.image));
  setDebugName(ctx, VK_OBJECT_TYPE_IMAGE, uint64_t(img.image), desc.debugName);
  VkMemoryRequirements req;
  vkGetImageMemoryRequirements(ctx.device, img.image, &req);
  VkMemoryAllocateInfo alloc{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
  alloc.allocationSize = req.size;
  alloc.memoryTypeIndex = findMemoryType(ctx, req.memoryTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
  CX_VK_CHECK(vkAllocateMemory(ctx.device, &alloc, nullptr, &img.memory));
  CX_VK_CHECK(vkBindImageMemory(ctx.device, img.image, img.memory, 0));
  VkImageViewCreateInfo view{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
  view.image = img.image;
  view.viewType = desc.layers > 1 ? VK_IMAGE_VIEW_TYPE_2D_ARRAY : VK_IMAGE_VIEW_TYPE_2D;
  view.format = desc.format;
  view.subresourceRange = {desc.aspect, 0, desc.mipLevels, 0, desc.layers};
  CX_VK_CHECK(vkCreateImageView(ctx.device, &view, nullptr, &img.view));
  return img;
}

VkImageView createLayerView(const Context& ctx, VkImage image, VkFormat format, VkImageAspectFlags aspect,
                            uint32_t layer) {
  VkImageViewCreateInfo info{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
  info.image = image;
  info.viewType = VK_IMAGE_VIEW_TYPE_2D;
  info.format = format;
  info.subresourceRange = {aspect, 0, 1, layer, 1};
  VkImageView view;
  CX_VK_CHECK(vkCreateImageView(ctx.device, &info, nullptr, &view));
  return view;
}

void destroyImage(const Context& ctx, Image& img) {
  if (img.view) vkDestroyImageView(ctx.device, img.view, nullptr);
  if (img.image) vkDestroyImage(ctx.device, img.image, nullptr);
  if (img.memory) vkFreeMemory(ctx.device, img.memory, nullptr);
  img = {};
}

void initDescriptorWrites(std::span<VkWriteDescriptorSet> writes, VkDescriptorSet set) {
  for (uint32_t i = 0; i < writes.size(); ++i) {
    writes[i] = {VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
    writes[i].dstSet = set;
    writes[i].dstBinding = i;
    writes[i].descriptorCount = 1;
  }
}

void imageBarrier(VkCommandBuffer cmd, VkImage image, VkImageAspectFlags aspect, VkImageLayout from,
                  VkImageLayout to, VkPipelineStageFlags2 srcStage, VkAccessFlags2 srcAccess,
                  VkPipelineStageFlags2 dstStage, VkAccessFlags2 dstAccess) {
  imageBarrier(cmd, image, {aspect, 0, VK_REMAINING_MIP_LEVELS, 0, VK_REMAINING_ARRAY_LAYERS}, from, to, srcStage,
               srcAccess, dstStage, dstAccess);
}

void imageBarrier(VkCommandBuffer cmd, VkImage image, const VkImageSubresourceRange& range, VkImageLayout from,
                  VkImageLayout to, VkPipelineStageFlags2 srcStage, VkAccessFlags2 srcAccess,
                  VkPipelineStageFlags2 dstStage, VkAccessFlags2 dstAccess) {
  VkImageMemoryBarrier2 barrier{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER_2};
  barrier.srcStageMask = srcStage;
  barrier.srcAccessMask = srcAccess;
  barrier.dstStageMask = dstStage;
  barrier.dstAccessMask = dstAccess;
  barrier.oldLayout = from;
  barrier.newLayout = to;
  barrier.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  barrier.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  barrier.image = image;
  barrier.subresourceRange = range;
  VkDependencyInfo dep{VK_STRUCTURE_TYPE_DEPENDENCY_INFO};
  dep.imageMemoryBarrierCount = 1;
  dep.pImageMemoryBarriers = &barrier;
  vkCmdPipelineBarrier2(cmd, &dep);
}

void submitAndWait(const Context& ctx, const std::function<void(VkCommandBuffer)>& record) {
  VkCommandPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
  poolInfo.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
  poolInfo.queueFamilyIndex = ctx.queueFamily;
  VkCommandPool pool;
  CX_VK_CHECK(vkCreateCommandPool(ctx.device, &poolInfo, nullptr, &pool));
  VkCommandBufferAllocateInfo alloc{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
  alloc.commandPool = pool;
  alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  alloc.commandBufferCount = 1;
  VkCommandBuffer cmd;
  CX_VK_CHECK(vkAllocateCommandBuffers(ctx.device, &alloc, &cmd));
  VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  CX_VK_CHECK(vkBeginCommandBuffer(cmd, &begin));
  record(cmd);
  CX_VK_CHECK(vkEndCommandBuffer(cmd));
  VkFenceCreateInfo fenceInfo{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
  VkFence fence;
  CX_VK_CHECK(vkCreateFence(ctx.device, &fenceInfo, nullptr, &fence));
  VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &cmd;
  CX_VK_CHECK(vkQueueSubmit(ctx.queue, 1, &submit, fence));
  CX_VK_CHECK(vkWaitForFences(ctx.device, 1, &fence, VK_TRUE, UINT64_MAX));
  vkDestroyFence(ctx.device, fence, nullptr);
  vkDestroyCommandPool(ctx.device, pool, nullptr);
}

static Buffer& stage(UploadBatch& batch, const uint8_t* data, size_t size) {
  Buffer staging = createBuffer(*batch.ctx, {size ? size : 4, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, MemoryUsage::Upload,
                                             "staging"});
  if (size) std::memcpy(staging.mapped, data, size);
  flushBuffer(*batch.ctx, staging);
  batch.staging.push_back(staging);
  return batch.staging.back();
}

void uploadToBuffer(UploadBatch& batch, const Buffer& dst, std::span<const uint8_t> bytes, VkDeviceSize dstOffset) {
  if (bytes.empty()) return;
  VkBuffer src = stage(batch, bytes.data(), bytes.size()).buffer;
  VkBuffer dstBuffer = dst.buffer;
  VkDeviceSize size = bytes.size();
  batch.commands.push_back([=](VkCommandBuffer cmd) {
    VkBufferCopy copy{0, dstOffset, size};
    vkCmdCopyBuffer(cmd, src, dstBuffer, 1, &copy);
  });
}

void uploadToImage(UploadBatch& batch, const Image& dst, const std::vector<std::vector<uint8_t>>& mips) {
  std::vector<uint8_t> packed;
  std::vector<VkBufferImageCopy> regions;
  uint32_t w = dst.extent.width, h = dst.extent.height;
  for (uint32_t level = 0; level < mips.size(); ++level) {
    VkBufferImageCopy region{};
    region.bufferOffset = packed.size();
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, level, 0, 1};
    region.imageExtent = {w, h, 1};
    regions.push_back(region);
    packed.insert(packed.end(), mips[level].begin(), mips[level].end());
    while (packed.size() % 16) packed.push_back(0);  // keep offsets texel- and atom-aligned
    w = std::max(1u, w / 2);
    h = std::max(1u, h / 2);
  }
  VkBuffer src = stage(batch, packed.data(), packed.size()).buffer;
  VkImage image = dst.image;
  batch.commands.push_back([=](VkCommandBuffer cmd) {
    imageBarrier(cmd, image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                 VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_PIPELINE_STAGE_2_NONE, 0, VK_PIPELINE_STAGE_2_COPY_BIT,
                 VK_ACCESS_2_TRANSFER_WRITE_BIT);
    vkCmdCopyBufferToImage(cmd, src, image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, uint32_t(regions.size()),
                           regions.data());
    imageBarrier(cmd, image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                 VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, VK_PIPELINE_STAGE_2_COPY_BIT,
                 VK_ACCESS_2_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT,
                 VK_ACCESS_2_SHADER_SAMPLED_READ_BIT);
  });
}

void submitUploads(UploadBatch& batch) {
  if (!batch.commands.empty()) {
    submitAndWait(*batch.ctx, [&](VkCommandBuffer cmd) {
      for (auto& c : batch.commands) c(cmd);
      // Make transfers visible to every later use (vertex input, index, shader reads).
      VkMemoryBarrier2 barrier{VK_STRUCTURE_TYPE_MEMORY_BARRIER_2};
      barrier.srcStageMask = VK_PIPELINE_STAGE_2_COPY_BIT;
      barrier.srcAccessMask = VK_ACCESS_2_TRANSFER_WRITE_BIT;
      barrier.dstStageMask = VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT;
      barrier.dstAccessMask = VK_ACCESS_2_MEMORY_READ_BIT;
      VkDependencyInfo dep{VK_STRUCTURE_TYPE_DEPENDENCY_INFO};
      dep.memoryBarrierCount = 1;
      dep.pMemoryBarriers = &barrier;
      vkCmdPipelineBarrier2(cmd, &dep);
    });
  }
  for (auto& b : batch.staging) destroyBuffer(*batch.ctx, b);
  batch.staging.clear();
  batch.commands.clear();
}

}  // namespace cx::render
