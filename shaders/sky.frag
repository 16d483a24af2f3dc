#version 460
#include "common.glsl"
// Gradient background: ground colour below the horizon, horizon to zenith above it.
layout(location = 0) in vec2 inNdc;
layout(location = 1) flat in int inView;
layout(location = 0) out vec4 outColor;

void main() {
  ViewData v = frame.views[inView];
  vec4 nearPoint = v.invViewProj * vec4(inNdc, 1.0, 1.0);
  vec4 farPoint = v.invViewProj * vec4(inNdc, 0.001, 1.0);
  vec3 dir = normalize(farPoint.xyz / farPoint.w - nearPoint.xyz / nearPoint.w);
  vec3 color;
  if (dir.y >= 0.0) {
    color = mix(frame.horizonColor.rgb, frame.zenithColor.rgb, pow(dir.y, 0.6));
  } else {
    color = mix(frame.horizonColor.rgb, frame.groundColor.rgb, clamp(-dir.y * 4.0, 0.0, 1.0));
  }
  color = clamp(color * frame.params.x, 0.0, 1.0);
  color = encodeOutput(color);
  outColor = vec4(color, 1.0);
}
