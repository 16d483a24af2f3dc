#pragma once
// Stereo frames go into the layers of an array image in one multiview pass, or in one pass per
// view. Multiview is the fast path on GPUs, but a driver can get it wrong: lavapipe in Mesa 22.3
// drops, in the second view only, the triangles that must be clipped at the near plane, so a
// headset's right eye loses the floor and every wall beside the visitor. The renderer does not
// assume either way. At start-up (resolveViewsPerPass) it renders a probe, a floor crossing the
// near plane seen by two identical views in one multiview pass, reads back both layers, and where
// layer 1 lacks the floor draws that device's stereo frames one pass per view.
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <utility>

namespace cx::render {

struct Renderer;

// How the views of a stereo frame are drawn into the target's layers (RendererDesc::viewsPerPass).
// All: one multiview pass. One: one pass per view, each into its layer (correct everywhere; on
// lavapipe about as fast, since it draws per view anyway). Auto: All, unless the probe finds the
// device faulty; the decision and its reason are logged.
enum class ViewsPerPass { Auto, One, All };

struct MultiviewProbeResult {
  bool multiviewCorrect = true;
  std::string reason;  // what the probe saw, for the log
};

// Probe results for the session, per device (VkPhysicalDevice UUID and driver version). Owned by
// the caller (a run mode) and handed to every renderer it creates (RendererDesc::probeCache).
struct MultiviewProbeCache {
  std::map<std::pair<std::array<uint8_t, 16>, uint32_t>, MultiviewProbeResult> results;
};

// Renders the probe with `renderer` in one multiview pass, whatever its setting, and says whether
// layer 1 shows what layer 0 shows. Waits for the GPU.
MultiviewProbeResult probeMultiview(Renderer& renderer);

// Decides how `renderer` draws stereo frames (RendererDesc::viewsPerPass; Auto: the cached result
// for the device, else the probe, or RendererDesc::multiviewProbe when a test sets it) and logs
// the decision and its reason once. Run modes that draw stereo call it at start-up; render()
// calls it at the first stereo frame otherwise. Does nothing once decided.
void resolveViewsPerPass(Renderer& renderer);

// Changes the setting of a live renderer; the next stereo frame decides again.
void setViewsPerPass(Renderer& renderer, ViewsPerPass viewsPerPass);

// The names of the settings on command lines: "auto", "1", "all".
std::map<std::string, ViewsPerPass> viewsPerPassNames();

}  // namespace cx::render
