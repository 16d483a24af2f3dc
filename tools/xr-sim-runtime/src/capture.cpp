// Capture: copies the released swapchain images of the submitted layers to host memory on the
// app's queue (inside xrEndFrame), writes them as RGBA PNGs plus PREFIX-layers.json; and the
// summary JSON written at instance destruction.
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <stb_image_write.h>
#include <nlohmann/json.hpp>

#include "entry_points.h"

namespace cx::xrsim {
namespace {

struct Region {
  const Swapchain* swapchain;
  uint32_t image;
  XrSwapchainSubImage sub;
  VkDeviceSize offset;
  std::string file;
  bool depth = false;  // a D32_SFLOAT depth image, written as raw floats
};

nlohmann::json poseJson(const XrPosef& p) {
  return {{"position", {p.position.x, p.position.y, p.position.z}},
          {"orientation", {p.orientation.x, p.orientation.y, p.orientation.z, p.orientation.w}}};
}

nlohmann::json rectJson(const XrRect2Di& r) {
  return {r.offset.x, r.offset.y, r.extent.width, r.extent.height};
}

std::string spaceName(XrSpace handle) {
  const Space& sp = *reinterpret_cast<const Space*>(handle);
  return sp.isAction ? std::string("ACTION:") + sp.action->name : referenceSpaceName(sp.referenceType);
}

bool bgra(VkFormat f) {
  return f == VK_FORMAT_B8G8R8A8_SRGB || f == VK_FORMAT_B8G8R8A8_UNORM;
}

}  // namespace

bool writeFileAtomic(const std::string& path, const void* data, size_t size) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return false;
    out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (!out) return false;
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  return !ec;
}

XrResult captureFrame(Session& s, const XrFrameEndInfo& info, uint64_t frameIndex,
                      const std::string& prefix) {
  Instance& inst = *s.instance;
  std::vector<Region> regions;
  VkDeviceSize total = 0;
  nlohmann::json layers = nlohmann::json::array();
  bool projectionWritten = false;
  auto addRegion = [&](const XrSwapchainSubImage& sub, const std::string& file, bool depth = false) {
    const Swapchain& sc = *reinterpret_cast<const Swapchain*>(sub.swapchain);
    regions.push_back({&sc, static_cast<uint32_t>(sc.lastReleased), sub, total, file, depth});
    total += VkDeviceSize(sub.imageRect.extent.width) * sub.imageRect.extent.height * 4;
  };
  for (uint32_t i = 0; i < info.layerCount; ++i) {
    const XrCompositionLayerBaseHeader* layer = info.layers[i];
    nlohmann::json j;
    j["space"] = spaceName(layer->space);
    if (layer->type == XR_TYPE_COMPOSITION_LAYER_PROJECTION) {
      auto* proj = reinterpret_cast<const XrCompositionLayerProjection*>(layer);
      j["type"] = "projection";
      j["views"] = nlohmann::json::array();
      for (uint32_t v = 0; v < proj->viewCount; ++v) {
        const XrCompositionLayerProjectionView& view = proj->views[v];
        const Swapchain& sc = *reinterpret_cast<const Swapchain*>(view.subImage.swapchain);
        const XrCompositionLayerDepthInfoKHR* depthInfo = nullptr;
        for (auto* n = static_cast<const XrBaseInStructure*>(view.next); n; n = n->next)
          if (n->type == XR_TYPE_COMPOSITION_LAYER_DEPTH_INFO_KHR && inst.depthExtension)
            depthInfo = reinterpret_cast<const XrCompositionLayerDepthInfoKHR*>(n);
        nlohmann::json jv = {{"pose", poseJson(view.pose)},
                             {"fov", {view.fov.angleLeft, view.fov.angleRight, view.fov.angleUp, view.fov.angleDown}},
                             {"imageRect", rectJson(view.subImage.imageRect)},
                             {"imageArrayIndex", view.subImage.imageArrayIndex},
                             {"swapchainFormat", static_cast<int64_t>(sc.format)},
                             {"depth", depthInfo != nullptr}};
        const std::string eye = v == 0 ? "-left" : "-right";
        if (!projectionWritten) addRegion(view.subImage, prefix + eye + ".png");
        if (depthInfo && !projectionWritten) {
          // The submitted depth, as raw little-endian floats (D32_SFLOAT swapchains only), with what
          // the app said it means (an infinite plane is written as null).
          const Swapchain& ds = *reinterpret_cast<const Swapchain*>(depthInfo->subImage.swapchain);
          auto finiteOrNull = [](float f) { return std::isfinite(f) ? nlohmann::json(f) : nlohmann::json(nullptr); };
          jv["depthInfo"] = {{"minDepth", depthInfo->minDepth}, {"maxDepth", depthInfo->maxDepth},
                             {"nearZ", finiteOrNull(depthInfo->nearZ)}, {"farZ", finiteOrNull(depthInfo->farZ)}};
          if (ds.format == VK_FORMAT_D32_SFLOAT) {
            const std::string file = prefix + eye + "-depth.f32";
            jv["depthInfo"]["file"] = std::filesystem::path(file).filename().string();
            addRegion(depthInfo->subImage, file, true);
          }
        }
        j["views"].push_back(std::move(jv));
      }
      projectionWritten = true;
    } else {
      auto* quad = reinterpret_cast<const XrCompositionLayerQuad*>(layer);
      std::string png = prefix + "-layer" + std::to_string(i) + ".png";
      j["type"] = "quad";
      j["pose"] = poseJson(quad->pose);
      j["size"] = {quad->size.width, quad->size.height};
      j["imageRect"] = rectJson(quad->subImage.imageRect);
      j["png"] = std::filesystem::path(png).filename().string();
      addRegion(quad->subImage, png);
    }
    layers.push_back(std::move(j));
  }

  for (const Region& r : regions) {
    if (r.depth) continue;
    if (!(r.swapchain->usage & XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT) ||
        (r.swapchain->format != VK_FORMAT_R8G8B8A8_SRGB && r.swapchain->format != VK_FORMAT_R8G8B8A8_UNORM &&
         !bgra(r.swapchain->format)))
      return XRSIM_FAIL(inst, XR_ERROR_RUNTIME_FAILURE, "capture needs 8-bit colour-attachment swapchains");
  }
  if (total > 0) {
    VkBufferCreateInfo bci{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
    bci.size = total;
    bci.usage = VK_BUFFER_USAGE_TRANSFER_DST_BIT;
    bci.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
    VkBuffer buffer = VK_NULL_HANDLE;
    XRSIM_VK(vkCreateBuffer(s.device, &bci, nullptr, &buffer));
    VkMemoryRequirements req;
    vkGetBufferMemoryRequirements(s.device, buffer, &req);
    auto type = findMemoryType(s.physicalDevice, req.memoryTypeBits, VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT,
                               VK_MEMORY_PROPERTY_HOST_CACHED_BIT);
    VkDeviceMemory memory = VK_NULL_HANDLE;
    VkMemoryAllocateInfo alloc{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
    alloc.allocationSize = req.size;
    alloc.memoryTypeIndex = type.value_or(0);
    VkResult vr = type ? vkAllocateMemory(s.device, &alloc, nullptr, &memory) : VK_ERROR_FEATURE_NOT_PRESENT;
    if (vr == VK_SUCCESS) vr = vkBindBufferMemory(s.device, buffer, memory, 0);
    XrResult result =
        checkVk(vr, "capture buffer memory", __FILE__, __LINE__) ? XR_SUCCESS : XR_ERROR_RUNTIME_FAILURE;
    if (result == XR_SUCCESS) {
      result = submitAndWait(s, [&](VkCommandBuffer cmd) {
        for (const Region& r : regions) {
          // The app released the image in COLOR_ATTACHMENT_OPTIMAL or DEPTH_STENCIL_ATTACHMENT_OPTIMAL
          // (XR_KHR_vulkan_enable2).
          const VkImageAspectFlags aspect = r.depth ? VK_IMAGE_ASPECT_DEPTH_BIT : VK_IMAGE_ASPECT_COLOR_BIT;
          const VkImageLayout released =
              r.depth ? VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL : VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
          const VkAccessFlags written =
              r.depth ? VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT : VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
          const VkPipelineStageFlags writer = r.depth ? VK_PIPELINE_STAGE_LATE_FRAGMENT_TESTS_BIT
                                                      : VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
          VkImageMemoryBarrier b{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER};
          b.srcQueueFamilyIndex = b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
          b.image = r.swapchain->images[r.image];
          b.subresourceRange = {aspect, 0, 1, r.sub.imageArrayIndex, 1};
          b.srcAccessMask = written;
          b.dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
          b.oldLayout = released;
          b.newLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
          vkCmdPipelineBarrier(cmd, writer, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0, nullptr, 0, nullptr, 1, &b);
          VkBufferImageCopy copy{};
          copy.bufferOffset = r.offset;
          copy.imageSubresource = {aspect, 0, r.sub.imageArrayIndex, 1};
          copy.imageOffset = {r.sub.imageRect.offset.x, r.sub.imageRect.offset.y, 0};
          copy.imageExtent = {static_cast<uint32_t>(r.sub.imageRect.extent.width),
                              static_cast<uint32_t>(r.sub.imageRect.extent.height), 1};
          vkCmdCopyImageToBuffer(cmd, b.image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, buffer, 1, &copy);
          b.srcAccessMask = 0;  // transfer reads need no availability
          b.dstAccessMask = r.depth ? VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_READ_BIT | written
                                    : VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | written;
          b.oldLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
          b.newLayout = released;
          vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT,
                               r.depth ? VK_PIPELINE_STAGE_EARLY_FRAGMENT_TESTS_BIT | writer : writer, 0, 0, nullptr,
                               0, nullptr, 1, &b);
        }
        VkBufferMemoryBarrier bb{VK_STRUCTURE_TYPE_BUFFER_MEMORY_BARRIER};
        bb.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
        bb.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
        bb.srcQueueFamilyIndex = bb.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
        bb.buffer = buffer;
        bb.size = VK_WHOLE_SIZE;
        vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 0, nullptr,
                             1, &bb, 0, nullptr);
      });
    }
    void* mapped = nullptr;
    if (result == XR_SUCCESS && !checkVk(vkMapMemory(s.device, memory, 0, VK_WHOLE_SIZE, 0, &mapped),
                                         "vkMapMemory", __FILE__, __LINE__))
      result = XR_ERROR_RUNTIME_FAILURE;
    if (result == XR_SUCCESS) {
      VkMappedMemoryRange range{VK_STRUCTURE_TYPE_MAPPED_MEMORY_RANGE};
      range.memory = memory;
      range.size = VK_WHOLE_SIZE;
      vkInvalidateMappedMemoryRanges(s.device, 1, &range);  // no-op on coherent memory
      for (const Region& r : regions) {
        int w = r.sub.imageRect.extent.width, h = r.sub.imageRect.extent.height;
        if (r.depth) {
          if (!writeFileAtomic(r.file, static_cast<const uint8_t*>(mapped) + r.offset, size_t(w) * h * 4)) {
            result = XRSIM_FAIL(inst, XR_ERROR_RUNTIME_FAILURE, "cannot write " + r.file);
            break;
          }
          continue;
        }
        std::vector<uint8_t> rgba(static_cast<const uint8_t*>(mapped) + r.offset,
                                  static_cast<const uint8_t*>(mapped) + r.offset + size_t(w) * h * 4);
        if (bgra(r.swapchain->format))
          for (size_t p = 0; p < rgba.size(); p += 4) std::swap(rgba[p], rgba[p + 2]);
        std::vector<uint8_t> png;
        stbi_write_png_to_func(
            [](void* ctx, void* data, int size) {
              auto* out = static_cast<std::vector<uint8_t>*>(ctx);
              out->insert(out->end(), static_cast<uint8_t*>(data), static_cast<uint8_t*>(data) + size);
            },
            &png, w, h, 4, rgba.data(), w * 4);
        if (png.empty() || !writeFileAtomic(r.file, png.data(), png.size())) {
          result = XRSIM_FAIL(inst, XR_ERROR_RUNTIME_FAILURE, "cannot write " + r.file);
          break;
        }
      }
      vkUnmapMemory(s.device, memory);
    }
    vkDestroyBuffer(s.device, buffer, nullptr);
    if (memory) vkFreeMemory(s.device, memory, nullptr);
    if (result != XR_SUCCESS) return result;
  }
  nlohmann::json doc = {{"frame", frameIndex}, {"displayTime", info.displayTime}, {"layers", layers}};
  std::string text = doc.dump(2) + "\n";
  std::string file = prefix + "-layers.json";
  if (!writeFileAtomic(file, text.data(), text.size()))
    return XRSIM_FAIL(inst, XR_ERROR_RUNTIME_FAILURE, "cannot write " + file);
  return XR_SUCCESS;
}

void writeSummary(const Instance& inst) {
  nlohmann::json doc = {
      {"framesSubmitted", inst.framesSubmitted},
      {"sessionStates", inst.stateHistory},
      {"finalState", inst.stateHistory.empty() ? std::string("NONE") : inst.stateHistory.back()},
      {"errors", inst.errors}};
  std::string text = doc.dump(2) + "\n";
  std::string file = inst.config.scriptPath + ".summary.json";
  if (!writeFileAtomic(file, text.data(), text.size()))
    std::fprintf(stderr, "xrsim: %s: cannot write the summary\n", file.c_str());
}

}  // namespace cx::xrsim
