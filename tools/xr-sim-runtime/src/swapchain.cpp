// Swapchains: real VkImages on the app's device, 3 per swapchain, with the acquire -> wait ->
// release order checks. Images are handed to the app in COLOR_ATTACHMENT_OPTIMAL (colour) or
// DEPTH_STENCIL_ATTACHMENT_OPTIMAL (depth), owned by the graphics binding's queue, as
// XR_KHR_vulkan_enable2 requires.
#include <algorithm>

#include "entry_points.h"

namespace cx::xrsim {
namespace {

Swapchain* toSwapchain(XrSwapchain handle) {
  return reinterpret_cast<Swapchain*>(handle);
}

constexpr VkFormat kColorFormats[] = {VK_FORMAT_R8G8B8A8_SRGB, VK_FORMAT_B8G8R8A8_SRGB,
                                      VK_FORMAT_R8G8B8A8_UNORM};
constexpr VkFormat kDepthFormats[] = {VK_FORMAT_D32_SFLOAT, VK_FORMAT_D24_UNORM_S8_UINT};

bool isDepthFormat(VkFormat f) {
  return f == VK_FORMAT_D32_SFLOAT || f == VK_FORMAT_D24_UNORM_S8_UINT;
}

std::vector<VkFormat> supportedFormats(VkPhysicalDevice physicalDevice) {
  std::vector<VkFormat> out;
  for (VkFormat f : kColorFormats) {
    VkFormatProperties props;
    vkGetPhysicalDeviceFormatProperties(physicalDevice, f, &props);
    VkFormatFeatureFlags need = VK_FORMAT_FEATURE_COLOR_ATTACHMENT_BIT | VK_FORMAT_FEATURE_TRANSFER_SRC_BIT;
    if ((props.optimalTilingFeatures & need) == need) out.push_back(f);
  }
  for (VkFormat f : kDepthFormats) {
    VkFormatProperties props;
    vkGetPhysicalDeviceFormatProperties(physicalDevice, f, &props);
    if (props.optimalTilingFeatures & VK_FORMAT_FEATURE_DEPTH_STENCIL_ATTACHMENT_BIT) out.push_back(f);
  }
  return out;
}

VkImageUsageFlags toVkUsage(XrSwapchainUsageFlags usage) {
  // Capture reads colour and depth, the mirror window colour.
  VkImageUsageFlags out = VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
  if (usage & XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT) out |= VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT;
  if (usage & XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT)
    out |= VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT;
  if (usage & XR_SWAPCHAIN_USAGE_UNORDERED_ACCESS_BIT) out |= VK_IMAGE_USAGE_STORAGE_BIT;
  if (usage & XR_SWAPCHAIN_USAGE_TRANSFER_SRC_BIT) out |= VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
  if (usage & XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT) out |= VK_IMAGE_USAGE_TRANSFER_DST_BIT;
  if (usage & XR_SWAPCHAIN_USAGE_SAMPLED_BIT) out |= VK_IMAGE_USAGE_SAMPLED_BIT;
  if (usage & XR_SWAPCHAIN_USAGE_INPUT_ATTACHMENT_BIT_MND) out |= VK_IMAGE_USAGE_INPUT_ATTACHMENT_BIT;
  return out;
}

VkImageAspectFlags aspectOf(VkFormat f) {
  if (f == VK_FORMAT_D24_UNORM_S8_UINT) return VK_IMAGE_ASPECT_DEPTH_BIT | VK_IMAGE_ASPECT_STENCIL_BIT;
  if (f == VK_FORMAT_D32_SFLOAT) return VK_IMAGE_ASPECT_DEPTH_BIT;
  return VK_IMAGE_ASPECT_COLOR_BIT;
}

// Runs at an image's first acquire: XR_KHR_vulkan_enable2 lets the runtime use the app's queue in
// xrAcquireSwapchainImage (not in xrCreateSwapchain).
XrResult transitionToAttachmentLayout(Session& session, Swapchain& sc, uint32_t index) {
  VkImageLayout layout;
  VkAccessFlags access;
  VkPipelineStageFlags stage;
  if (!sc.depth && (sc.usage & XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT)) {
    layout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    access = VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    stage = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
  } else if (sc.depth && (sc.usage & XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT)) {
    layout = VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL;
    access = VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_READ_BIT | VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT;
    stage = VK_PIPELINE_STAGE_EARLY_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_LATE_FRAGMENT_TESTS_BIT;
  } else {
    return XR_SUCCESS;  // no attachment usage: the app transitions from UNDEFINED itself
  }
  std::vector<VkImageMemoryBarrier> barriers;
  for (VkImage image : {sc.images[index]}) {
    VkImageMemoryBarrier b{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER};
    b.srcAccessMask = 0;
    b.dstAccessMask = access;
    b.oldLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    b.newLayout = layout;
    b.srcQueueFamilyIndex = b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b.image = image;
    b.subresourceRange = {aspectOf(sc.format), 0, sc.mipCount, 0, sc.arraySize};
    barriers.push_back(b);
  }
  return submitAndWait(session, [&](VkCommandBuffer cmd) {
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, stage, 0, 0, nullptr, 0, nullptr,
                         static_cast<uint32_t>(barriers.size()), barriers.data());
  });
}

}  // namespace

void destroySwapchain(Swapchain& sc) {
  VkDevice device = sc.session->device;
  for (VkImage image : sc.images) vkDestroyImage(device, image, nullptr);
  for (VkDeviceMemory memory : sc.memory) vkFreeMemory(device, memory, nullptr);
  sc.images.clear();
  sc.memory.clear();
}

XRSIM_ENTRY xrEnumerateSwapchainFormats(XrSession session, uint32_t capacity, uint32_t* count,
                                        int64_t* formats) {
  Session* s = toSession(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  if (!count) return XR_ERROR_VALIDATION_FAILURE;
  std::lock_guard lock(s->instance->mutex);
  auto list = supportedFormats(s->physicalDevice);
  *count = static_cast<uint32_t>(list.size());
  if (capacity == 0) return XR_SUCCESS;
  if (capacity < list.size()) return XR_ERROR_SIZE_INSUFFICIENT;
  for (size_t i = 0; i < list.size(); ++i) formats[i] = list[i];
  return XR_SUCCESS;
}

XRSIM_ENTRY xrCreateSwapchain(XrSession session, const XrSwapchainCreateInfo* info, XrSwapchain* swapchain) {
  Session* s = toSession(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  if (!info || !swapchain || info->type != XR_TYPE_SWAPCHAIN_CREATE_INFO) return XR_ERROR_VALIDATION_FAILURE;
  std::lock_guard lock(s->instance->mutex);
  Instance& inst = *s->instance;
  if (s->lossPending) return XR_SESSION_LOSS_PENDING;
  auto formats = supportedFormats(s->physicalDevice);
  VkFormat format = static_cast<VkFormat>(info->format);
  if (std::find(formats.begin(), formats.end(), format) == formats.end())
    return XRSIM_FAIL(inst, XR_ERROR_SWAPCHAIN_FORMAT_UNSUPPORTED, std::to_string(info->format));
  if (info->createFlags & XR_SWAPCHAIN_CREATE_PROTECTED_CONTENT_BIT)
    return XRSIM_FAIL(inst, XR_ERROR_FEATURE_UNSUPPORTED);
  if (info->faceCount != 1 || info->sampleCount != 1 || info->arraySize < 1 || info->arraySize > 2 ||
      info->mipCount < 1 || info->width < 1 || info->height < 1 || info->width > kMaxImageSize ||
      info->height > kMaxImageSize)
    return XRSIM_FAIL(inst, XR_ERROR_VALIDATION_FAILURE,
                      "faceCount 1, sampleCount 1, arraySize 1-2, size 1-4096");
  bool depth = isDepthFormat(format);
  if ((depth && (info->usageFlags & XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT)) ||
      (!depth && (info->usageFlags & XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT)))
    return XRSIM_FAIL(inst, XR_ERROR_FEATURE_UNSUPPORTED, "usage does not match the format");

  VkImageCreateInfo ci{VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO};
  ci.flags =
      (info->usageFlags & XR_SWAPCHAIN_USAGE_MUTABLE_FORMAT_BIT) ? VK_IMAGE_CREATE_MUTABLE_FORMAT_BIT : 0;
  ci.imageType = VK_IMAGE_TYPE_2D;
  ci.format = format;
  ci.extent = {info->width, info->height, 1};
  ci.mipLevels = info->mipCount;
  ci.arrayLayers = info->arraySize;
  ci.samples = VK_SAMPLE_COUNT_1_BIT;
  ci.tiling = VK_IMAGE_TILING_OPTIMAL;
  ci.usage = toVkUsage(info->usageFlags);
  ci.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  ci.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  VkImageFormatProperties formatProps;
  if (vkGetPhysicalDeviceImageFormatProperties(s->physicalDevice, format, ci.imageType, ci.tiling, ci.usage,
                                               ci.flags, &formatProps) != VK_SUCCESS ||
      formatProps.maxMipLevels < ci.mipLevels || formatProps.maxArrayLayers < ci.arrayLayers)
    return XRSIM_FAIL(inst, XR_ERROR_FEATURE_UNSUPPORTED, "format/usage combination");

  auto sc = std::make_unique<Swapchain>();
  sc->session = s;
  sc->createFlags = info->createFlags;
  sc->usage = info->usageFlags;
  sc->format = format;
  sc->width = info->width;
  sc->height = info->height;
  sc->arraySize = info->arraySize;
  sc->mipCount = info->mipCount;
  sc->depth = depth;
  uint32_t imageCount = (info->createFlags & XR_SWAPCHAIN_CREATE_STATIC_IMAGE_BIT) ? 1 : kSwapchainImageCount;
  XrResult result = XR_SUCCESS;
  for (uint32_t i = 0; i < imageCount && result == XR_SUCCESS; ++i) {
    VkImage image = VK_NULL_HANDLE;
    if (!checkVk(vkCreateImage(s->device, &ci, nullptr, &image), "vkCreateImage", __FILE__, __LINE__)) {
      result = XR_ERROR_RUNTIME_FAILURE;
      break;
    }
    sc->images.push_back(image);
    VkMemoryRequirements req;
    vkGetImageMemoryRequirements(s->device, image, &req);
    auto type = findMemoryType(s->physicalDevice, req.memoryTypeBits, 0, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
    VkMemoryAllocateInfo alloc{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
    alloc.allocationSize = req.size;
    alloc.memoryTypeIndex = type.value_or(0);
    VkDeviceMemory memory = VK_NULL_HANDLE;
    if (!type || !checkVk(vkAllocateMemory(s->device, &alloc, nullptr, &memory), "vkAllocateMemory", __FILE__,
                          __LINE__)) {
      result = XR_ERROR_RUNTIME_FAILURE;
      break;
    }
    sc->memory.push_back(memory);
    if (!checkVk(vkBindImageMemory(s->device, image, memory, 0), "vkBindImageMemory", __FILE__, __LINE__))
      result = XR_ERROR_RUNTIME_FAILURE;
  }
  if (result != XR_SUCCESS) {
    destroySwapchain(*sc);
    return XRSIM_FAIL(inst, result, "creating swapchain images");
  }
  sc->initialized.assign(sc->images.size(), false);
  *swapchain = reinterpret_cast<XrSwapchain>(sc.get());
  s->swapchains.push_back(std::move(sc));
  return XR_SUCCESS;
}

XRSIM_ENTRY xrDestroySwapchain(XrSwapchain swapchain) {
  Swapchain* sc = toSwapchain(swapchain);
  if (!sc) return XR_ERROR_HANDLE_INVALID;
  Session& s = *sc->session;
  std::lock_guard lock(s.instance->mutex);
  destroySwapchain(*sc);
  std::erase_if(s.swapchains, [&](const std::unique_ptr<Swapchain>& p) { return p.get() == sc; });
  return XR_SUCCESS;
}

XRSIM_ENTRY xrEnumerateSwapchainImages(XrSwapchain swapchain, uint32_t capacity, uint32_t* count,
                                       XrSwapchainImageBaseHeader* images) {
  Swapchain* sc = toSwapchain(swapchain);
  if (!sc) return XR_ERROR_HANDLE_INVALID;
  if (!count) return XR_ERROR_VALIDATION_FAILURE;
  std::lock_guard lock(sc->session->instance->mutex);
  *count = static_cast<uint32_t>(sc->images.size());
  if (capacity == 0) return XR_SUCCESS;
  if (capacity < sc->images.size()) return XR_ERROR_SIZE_INSUFFICIENT;
  auto* out = reinterpret_cast<XrSwapchainImageVulkan2KHR*>(images);
  for (size_t i = 0; i < sc->images.size(); ++i) {
    if (out[i].type != XR_TYPE_SWAPCHAIN_IMAGE_VULKAN2_KHR) return XR_ERROR_VALIDATION_FAILURE;
    out[i].image = sc->images[i];
  }
  return XR_SUCCESS;
}

XRSIM_ENTRY xrAcquireSwapchainImage(XrSwapchain swapchain, const XrSwapchainImageAcquireInfo* info,
                                    uint32_t* index) {
  Swapchain* sc = toSwapchain(swapchain);
  if (!sc) return XR_ERROR_HANDLE_INVALID;
  if (!index || (info && info->type != XR_TYPE_SWAPCHAIN_IMAGE_ACQUIRE_INFO))
    return XR_ERROR_VALIDATION_FAILURE;
  Session& s = *sc->session;
  std::lock_guard lock(s.instance->mutex);
  if (sc->acquired.size() == sc->images.size() ||
      ((sc->createFlags & XR_SWAPCHAIN_CREATE_STATIC_IMAGE_BIT) && sc->staticAcquiredOnce))
    return XRSIM_FAIL(*s.instance, XR_ERROR_CALL_ORDER_INVALID, "no image left to acquire");
  if (!sc->initialized[sc->nextIndex]) {
    if (XrResult r = transitionToAttachmentLayout(s, *sc, sc->nextIndex); r != XR_SUCCESS)
      return XRSIM_FAIL(*s.instance, r, "initial image layout");
    sc->initialized[sc->nextIndex] = true;
  }
  *index = sc->nextIndex;
  sc->acquired.push_back(sc->nextIndex);
  sc->nextIndex = (sc->nextIndex + 1) % static_cast<uint32_t>(sc->images.size());
  sc->staticAcquiredOnce = true;
  return s.lossPending ? XR_SESSION_LOSS_PENDING : XR_SUCCESS;
}

XRSIM_ENTRY xrWaitSwapchainImage(XrSwapchain swapchain, const XrSwapchainImageWaitInfo* info) {
  Swapchain* sc = toSwapchain(swapchain);
  if (!sc) return XR_ERROR_HANDLE_INVALID;
  if (!info || info->type != XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO) return XR_ERROR_VALIDATION_FAILURE;
  Session& s = *sc->session;
  std::lock_guard lock(s.instance->mutex);
  if (sc->waited) return XRSIM_FAIL(*s.instance, XR_ERROR_CALL_ORDER_INVALID, "an image is already waited");
  if (sc->acquired.empty()) return XRSIM_FAIL(*s.instance, XR_ERROR_CALL_ORDER_INVALID, "no acquired image");
  // The runtime's own reads of an image (capture, mirror) finish inside xrEndFrame, so the oldest
  // acquired image is always ready: the wait never times out.
  sc->waited = sc->acquired.front();
  return s.lossPending ? XR_SESSION_LOSS_PENDING : XR_SUCCESS;
}

XRSIM_ENTRY xrReleaseSwapchainImage(XrSwapchain swapchain, const XrSwapchainImageReleaseInfo* info) {
  Swapchain* sc = toSwapchain(swapchain);
  if (!sc) return XR_ERROR_HANDLE_INVALID;
  if (info && info->type != XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO) return XR_ERROR_VALIDATION_FAILURE;
  Session& s = *sc->session;
  std::lock_guard lock(s.instance->mutex);
  if (!sc->waited) return XRSIM_FAIL(*s.instance, XR_ERROR_CALL_ORDER_INVALID, "no waited image to release");
  sc->lastReleased = static_cast<int>(*sc->waited);
  sc->acquired.pop_front();
  sc->waited.reset();
  return s.lossPending ? XR_SESSION_LOSS_PENDING : XR_SUCCESS;
}

}  // namespace cx::xrsim
