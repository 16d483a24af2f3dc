#version 460
#include "common.glsl"
// Signage: one quad per glyph (or logo) instance, placed on its sign's plane. gl_InstanceIndex
// indexes this frame's visible-glyph list; the quad's corners come from gl_VertexIndex.

struct Sign {
  mat4 world;  // the board: x right, y up, +z out of the face
  vec4 color;  // text colour, linear
};
struct Glyph {
  vec4 rect;   // x0, y0, x1, y1 in the sign's plane, metres
  vec4 uv;     // u0, v0, u1, v1
  uvec4 info;  // x sign, y kind (0 SDF glyph, 1 logo, 2 fallback box)
};
layout(set = 0, binding = 3, std430) readonly buffer SignBuffer { Sign signs[]; };
layout(set = 0, binding = 4, std430) readonly buffer GlyphBuffer { Glyph glyphs[]; };

layout(location = 0) out vec2 outUv;
layout(location = 1) out vec2 outLocal;  // 0..1 across the quad
layout(location = 2) flat out uint outKind;
layout(location = 3) out vec4 outColor;

void main() {
  Glyph g = glyphs[visible[gl_InstanceIndex]];
  Sign s = signs[g.info.x];
  const vec2 corners[6] = vec2[](vec2(0, 0), vec2(1, 0), vec2(0, 1), vec2(0, 1), vec2(1, 0), vec2(1, 1));
  vec2 c = corners[gl_VertexIndex];
  vec2 p = mix(g.rect.xy, g.rect.zw, c);
  outUv = vec2(mix(g.uv.x, g.uv.z, c.x), mix(g.uv.w, g.uv.y, c.y));  // atlas rows run top-down
  outLocal = c;
  outKind = g.info.y;
  outColor = s.color;
  gl_Position = frame.views[CX_VIEW_INDEX].viewProj * (s.world * vec4(p, 0.0, 1.0));
}
