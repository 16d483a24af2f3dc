#pragma once
// What the XR mode draws besides the expo: the controllers (boxes at the grip pose), the pointer
// ray, the teleport arc and its target marker. All are DrawInstances of one small unit box (built
// here as an assets::Model and uploaded once), so they go through the same render() as the expo.
#include <optional>
#include <vector>

#include <glm/glm.hpp>

#include "cx/nav/teleport.h"
#include "cx/render/gpu_model.h"
#include "cx/render/renderer.h"

namespace cx::viewer {

// A unit cube ([-0.5, 0.5]^3), one white unlit material: instances set size and colour.
assets::Model makeUnitBoxModel();

struct XrHandDraw {
  bool visible = false;
  glm::mat4 grip{1.0f};  // world
  glm::vec3 rayOrigin{0.0f}, rayDirection{0.0f, 0.0f, -1.0f};
  float rayLength = 0.0f;  // 0: no ray
  bool rayHighlighted = false;
};

// Appends the instances for both hands and, when aiming, the arc (valid: cyan, invalid: red) and
// the target marker.
void appendXrInstances(const render::GpuModel& box, const std::vector<XrHandDraw>& hands,
                       const nav::TeleportArc* arc, std::vector<render::DrawInstance>& out);

}  // namespace cx::viewer
