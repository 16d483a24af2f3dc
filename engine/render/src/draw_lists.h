#pragma once
// Per frame: which instances and glyphs of a GpuScene are visible, and the draws that show them.
// The output indices go to the frame's visible buffer; each draw covers a range of it.
#include <cstdint>
#include <span>
#include <vector>

#include <glm/glm.hpp>

#include "cx/render/gpu_scene.h"
#include "cx/render/view.h"

namespace cx::render {

struct DrawItem {
  const GpuModel* model = nullptr;
  uint32_t primitive = 0;
  uint32_t firstVisible = 0;  // into DrawLists::visible: the draw's firstInstance
  uint32_t count = 0;
  // Opaque items: the first nearCount instances take the full mesh, the rest the far LOD
  // (GpuPrimitive::lodFirstIndex). Blended items draw every instance in full.
  uint32_t nearCount = 0;
  bool mirrored = false;
  bool large = false;
  float distance = 0.0f;  // nearest (opaque) or farthest (blended) visible cluster of the group
};

struct DrawLists {
  std::vector<uint32_t> visible;  // instance indices, then glyph indices
  std::vector<DrawItem> opaque;   // large last, then front to back by group, materials in order
  std::vector<DrawItem> blended;  // back to front by group; instances within back to front
  uint32_t firstGlyph = 0;        // glyph range in `visible`
  uint32_t glyphCount = 0;
  uint32_t instancesDrawn = 0;
  uint32_t instancesCulled = 0;
  uint32_t instancesFar = 0;      // drawn with their far LOD
  uint32_t signsFar = 0;          // signs drawn with their text as one bar
  std::vector<uint32_t> scratch;  // reused by buildDrawLists

  void clear() {
    visible.clear();
    opaque.clear();
    blended.clear();
    firstGlyph = glyphCount = instancesDrawn = instancesCulled = instancesFar = signsFar = 0;
  }
};

// `targetHeight` in pixels: signs smaller than about a pixel on screen are skipped. A mesh's far
// LOD is used where its deviation projects to at most `lodPixelError` pixels (0: never); a sign
// whose text is under `signDetailPx` pixels tall draws it as one bar (0: never).
void buildDrawLists(const GpuScene& scene, std::span<const View> views, uint32_t targetHeight, float lodPixelError,
                    float signDetailPx, DrawLists& out);

}  // namespace cx::render
