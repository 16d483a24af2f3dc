#version 460
#extension GL_EXT_multiview : require
// The post pass covers the viewport with a quad (corner ids 0..3 from the vertex buffer), not an
// oversized triangle: see the sky pass on lavapipe's multiview clipping.
layout(location = 0) in uint inCorner;
layout(location = 1) flat out int outLayer;
// The first view of the pass (see common.glsl): a frame drawn one pass per view reads layer k.
layout(constant_id = 2) const int kViewBase = 0;

void main() {
  vec2 uv = vec2(float(inCorner & 1u), float((inCorner >> 1) & 1u));
  outLayer = int(gl_ViewIndex) + kViewBase;
  gl_Position = vec4(uv * 2.0 - 1.0, 0.0, 1.0);
}
