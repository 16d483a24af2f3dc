#version 460
#include "common.glsl"
// Signage: SDF glyphs with a screen-space antialiased edge (crisp near and far), logos as plain
// RGBA, a box for codepoints no installed font has, and far signs' text as one bar. Unlit, like
// printed board graphics.
layout(set = 0, binding = 5) uniform sampler2D glyphAtlas;
layout(set = 0, binding = 6) uniform sampler2D logoAtlas;

layout(location = 0) in vec2 inUv;
layout(location = 1) in vec2 inLocal;
layout(location = 2) flat in uint inKind;
layout(location = 3) in vec4 inColor;
layout(location = 0) out vec4 outColor;

void main() {
  vec4 color;
  if (inKind == 1u) {
    color = texture(logoAtlas, inUv);
  } else if (inKind == 3u) {
    color = vec4(inColor.rgb, inUv.x);  // a far sign's text as one bar: opacity = its ink coverage
  } else if (inKind == 2u) {
    vec2 edge = min(inLocal, 1.0 - inLocal);
    float border = min(edge.x, edge.y);
    float w = max(fwidth(border), 1e-4);
    color = vec4(inColor.rgb, 1.0 - smoothstep(0.1 - w, 0.1 + w, border));
  } else {
    float d = texture(glyphAtlas, inUv).r;
    float w = max(fwidth(d) * 0.7, 1.0 / 255.0);
    color = vec4(inColor.rgb, smoothstep(0.5 - w, 0.5 + w, d));
  }
  if (color.a <= 0.0) discard;
  vec3 c = clamp(color.rgb * frame.params.x, 0.0, 1.0);
  c = encodeOutput(c);
  outColor = vec4(c, color.a);
}
