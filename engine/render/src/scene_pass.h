#pragma once
// The scene pass and the FXAA post pass, each recorded by one function. A frame records one scene
// pass for all its views (multiview, or a single view), or one per view where the device's
// multiview is not to be trusted (RendererDesc::viewsPerPass); the draw lists are the same for
// every pass of a frame.
#include <vulkan/vulkan.h>

#include "cx/render/renderer.h"
#include "draw_lists.h"
#include "frame_data.h"

namespace cx::render {

// The views one pass draws. A multiview pass: viewMask with a bit per view, firstView 0. A pass of
// its own for view k of a stereo frame, or a plain single view: viewMask 0, firstView k.
struct PassViews {
  uint32_t viewMask = 0;
  uint32_t firstView = 0;
  uint32_t count = 1;  // views drawn (for the triangle count)
};

// The attachments of one scene pass, each a view of the layers the pass draws.
struct ScenePassAttachments {
  VkImageView color = VK_NULL_HANDLE;         // the target, the FXAA input, or the MSAA colour
  VkImageView colorResolve = VK_NULL_HANDLE;  // MSAA: the target
  VkImageView depth = VK_NULL_HANDLE;
  VkImageView depthResolve = VK_NULL_HANDLE;  // MSAA with the caller's depth image: that image
  bool storeColor = true;   // false: MSAA colour, only its resolve is kept
  bool storeDepth = false;  // the caller's depth image (XR) is kept
};

struct ScenePassFormats {
  VkExtent2D extent{0, 0};
  VkFormat color = VK_FORMAT_UNDEFINED;
  VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
};

// Records the scene: optional depth pre-pass, opaque draws, sky, signage, blended draws. Appends
// the indirect commands it uses to f.indirectCommands (whose buffer must hold them all).
void recordScenePass(Renderer& r, FrameData& f, const DrawLists& lists, const PassViews& views,
                     const ScenePassAttachments& attachments, const ScenePassFormats& formats, FrameStats& stats);

// Records FXAA from the post-process input image (SHADER_READ_ONLY, all layers) into `target`, a
// view of the layers `views` draws.
void recordFxaaPass(Renderer& r, VkCommandBuffer cmd, const PassViews& views, VkImageView target, VkExtent2D extent,
                    VkFormat format, FrameStats& stats);

}  // namespace cx::render
