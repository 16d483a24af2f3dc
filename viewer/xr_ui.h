#pragma once
// The VR UI: the same engine/ui panels drawn by ImGui into the image of a quad-layer swapchain,
// shown as an XrCompositionLayerQuad front-left of the visitor (in the app space, so it follows
// teleports). The controller's aim ray drives ImGui's mouse: hover, click (trigger), scroll (stick).
//
// Size and resolution: 0.8 x 0.6 m at 1024 x 768 px, about 0.9 m from the eyes. That is 1280 px per
// metre; at 0.9 m one degree of view covers ~20 px of the panel, so the UI's 16 px text is ~0.8
// degrees tall (comfortable VR body text is 0.7-1 degree) and today's headsets (~20 px/degree)
// resolve it without the panel filling the field of view (~48 degrees wide).
#include <openxr/openxr.h>

#include <optional>

#include <glm/glm.hpp>

#include "cx/xr/session.h"
#include "overlay.h"

namespace cx::viewer {

inline constexpr VkExtent2D kXrUiExtent{1024, 768};
inline constexpr glm::vec2 kXrUiSize{0.8f, 0.6f};  // metres

struct XrUi {
  xr::Swapchain swapchain;
  Overlay overlay;
  XrPosef pose{{0, 0, 0, 1}, {0, 0, 0}};  // in the app space
  bool visible = true;
  bool pointing = false;      // the aim ray hits the panel this frame
  glm::vec2 pointer{0.0f};    // pixels, when pointing
};

// Places the panel front-left of a standing visitor at the stage origin (eye height `eyeY`).
XrPosef defaultUiPose(float eyeY);

// Creates the quad swapchain and the ImGui Vulkan backend for it. The ImGui context and fonts must
// exist already.
void createXrUi(const render::Context& ctx, const xr::Session& session, XrUi& ui);
void destroyXrUi(const render::Context& ctx, XrUi& ui);

// Records the cleared quad image and ImGui's draw data into the acquired image (left in
// COLOR_ATTACHMENT_OPTIMAL, as OpenXR expects on release).
void recordXrUi(const render::Context& ctx, XrUi& ui, VkCommandBuffer cmd, uint32_t imageIndex);

// The quad layer for xrEndFrame.
XrCompositionLayerQuad xrUiLayer(const XrUi& ui, XrSpace space);

}  // namespace cx::viewer

namespace cx::viewer {

// The comfort vignette: a head-locked quad (VIEW space, 0.5 m ahead, wider than any FOV), black
// with a radial alpha: transparent in the middle, darkening toward the edges. Its strength
// (xr::Locomotion::vignette) fades in and out, but a core OpenXR 1.0 quad layer has no per-layer
// alpha or colour scale (that is XR_KHR_composition_layer_color_scale_bias, not offered
// everywhere), and a static swapchain image is written once. So the one static image is an atlas
// of kXrVignetteLevels tiles, tile k - 1 drawn at strength k / kXrVignetteLevels, and each frame's
// layer picks the tile for the current strength with its subImage.imageRect: no per-frame
// upload or rendering, and it works on every runtime. 16 levels: at 90 Hz the 0.15 s fade in
// crosses about one level per frame.
inline constexpr int kXrVignetteLevels = 16;
inline constexpr uint32_t kXrVignetteTile = 128;  // pixels, tile pitch in the atlas
inline constexpr uint32_t kXrVignetteColumns = 4;

struct XrVignette {
  xr::Swapchain swapchain;
  bool ready = false;
};
void createXrVignette(const render::Context& ctx, const xr::Session& session, XrVignette& vignette);
void destroyXrVignette(const render::Context& ctx, XrVignette& vignette);
// The atlas tile showing `level` (1..kXrVignetteLevels). The rect leaves out the tile's outer
// texel ring (a copy of its edge), so bilinear filtering at the rect's edge never reads a
// neighbouring tile of another strength.
XrRect2Di xrVignetteTileRect(int level);
// The quad layer at `level` (1..kXrVignetteLevels; see xr::vignetteLevel).
XrCompositionLayerQuad xrVignetteLayer(const XrVignette& vignette, XrSpace viewSpace, int level);

}  // namespace cx::viewer
