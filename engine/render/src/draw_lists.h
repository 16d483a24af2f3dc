#pragma once
// Per frame: which instances and glyphs of a GpuScene are visible, and the draws that show them.
// The output indices go to the frame's visible buffer; each draw covers a range of it.
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include <glm/glm.hpp>

#include "cx/render/gpu_scene.h"
#include "cx/render/view.h"
#include "cx/render/facing.h"

namespace cx::render {

struct DrawItem {
  const GpuModel* model = nullptr;
  uint32_t primitive = 0;
  uint32_t firstVisible = 0;  // into DrawLists::visible: the draw's firstInstance
  uint32_t count = 0;
  // Opaque items: their instances in runs (DrawLists::runs[firstRun ...]) of one level of detail
  // and eye region each. Blended items (runCount 0) draw every instance in full.
  uint32_t firstRun = 0;
  uint32_t runCount = 0;
  bool mirrored = false;
  bool large = false;
  float distance = 0.0f;  // nearest (opaque) or farthest (blended) visible cluster of the group
};

// Level of detail (0 full, k: GpuPrimitive::lod[k - 1]) times kEyeRegions plus the eye region.
constexpr uint32_t kDrawKeys = (kLodLevels + 1) * kEyeRegions;

struct DrawRun {
  uint32_t key = 0;
  uint32_t count = 0;
};

struct DrawLists {
  std::vector<uint32_t> visible;  // instance indices, then glyph indices
  std::vector<DrawRun> runs;      // of the opaque items, in order
  std::vector<DrawItem> opaque;   // large last, then front to back by group, materials in order
  std::vector<DrawItem> blended;  // back to front by group; instances within back to front
  uint32_t firstGlyph = 0;        // glyph range in `visible`
  uint32_t glyphCount = 0;
  uint32_t instancesDrawn = 0;
  uint32_t instancesCulled = 0;
  uint32_t instancesFar = 0;      // drawn with a far LOD
  uint32_t instancesCoarsest = 0; // of those, drawn with the coarsest one
  uint32_t signsFar = 0;          // signs drawn with their text as one bar
  std::vector<std::pair<uint32_t, uint32_t>> scratch;  // reused by buildDrawLists

  void clear() {
    visible.clear();
    runs.clear();
    opaque.clear();
    blended.clear();
    firstGlyph = glyphCount = instancesDrawn = instancesCulled = instancesFar = instancesCoarsest = signsFar = 0;
  }
};

struct DrawListDesc {
  uint32_t targetHeight = 0;  // pixels: signs smaller than about a pixel on screen are skipped
  // A mesh's coarsest LOD whose deviation projects to at most this many pixels is used (0: never).
  float lodPixelError = 1.0f;
  float signDetailPx = 0.0f;  // a sign whose text is under this tall draws it as one bar (0: never)
  // Split instances by eye region (facing.h): many runs per item, so only where one indirect
  // call draws them all.
  bool eyeRegions = true;
};

void buildDrawLists(const GpuScene& scene, std::span<const View> views, const DrawListDesc& desc, DrawLists& out);

}  // namespace cx::render
