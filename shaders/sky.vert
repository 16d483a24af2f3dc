#version 460
#include "common.glsl"
// A viewport-filling quad at the far plane (corner ids 0..3 from the vertex buffer); the fragment
// shader derives the view ray.
layout(location = 0) in uint inCorner;
layout(location = 0) out vec2 outNdc;
layout(location = 1) flat out int outView;

void main() {
  vec2 ndc = vec2(float(inCorner & 1u), float((inCorner >> 1) & 1u)) * 2.0 - 1.0;
  outNdc = ndc;
  outView = CX_VIEW_INDEX;
  gl_Position = vec4(ndc, 0.0, 1.0);
}
