#pragma once
// The frame recording behind render(): with `multiviewPass` all views in one multiview pass, else
// one pass per view into its layer (views_per_pass.h decides which for stereo frames).
#include <span>

#include "cx/render/renderer.h"

namespace cx::render {

FrameStats renderFrame(Renderer& renderer, std::span<const View> views, const RenderTarget& target,
                       const GpuScene& scene, const Lighting& lighting, const FrameSync& sync, bool multiviewPass);

}  // namespace cx::render
