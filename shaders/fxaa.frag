#version 460
// A cheap FXAA-style pass (after Lottes' FXAA 3.11 "quality 10" idea, reduced): find the local
// luma contrast; where it marks an edge, blend towards the neighbours across the edge, weighted
// by a short search along it. One pass, 9 taps; meant for CPU rasterisers where MSAA is costly.
layout(set = 0, binding = 0) uniform sampler2DArray sceneColor;
layout(location = 0) in vec2 inUv;
layout(location = 1) flat in int inLayer;
layout(location = 0) out vec4 outColor;

float luma(vec3 c) { return dot(c, vec3(0.299, 0.587, 0.114)); }
// Filtered tap (the final blend falls between texels).
vec3 tap(vec2 uv) { return texture(sceneColor, vec3(uv, float(inLayer))).rgb; }

// Neighbour taps land exactly on texels: fetched unfiltered, which a CPU rasteriser does several
// times faster than a filtered sample. Clamped to the image like the sampler would.
ivec2 gMaxTexel;
ivec2 gCenter;
vec3 at(int dx, int dy) {
  return texelFetch(sceneColor, ivec3(clamp(gCenter + ivec2(dx, dy), ivec2(0), gMaxTexel), inLayer), 0).rgb;
}

void main() {
  ivec2 size = textureSize(sceneColor, 0).xy;
  vec2 texel = 1.0 / vec2(size);
  gMaxTexel = size - 1;
  gCenter = ivec2(gl_FragCoord.xy);
  vec3 cM = at(0, 0);
  float lM = luma(cM);
  float lN = luma(at(0, -1));
  float lS = luma(at(0, 1));
  float lW = luma(at(-1, 0));
  float lE = luma(at(1, 0));
  float lMin = min(lM, min(min(lN, lS), min(lW, lE)));
  float lMax = max(lM, max(max(lN, lS), max(lW, lE)));
  float range = lMax - lMin;
  if (range < max(0.0312, lMax * 0.125)) {
    outColor = vec4(cM, 1.0);
    return;
  }
  float lNW = luma(at(-1, -1));
  float lNE = luma(at(1, -1));
  float lSW = luma(at(-1, 1));
  float lSE = luma(at(1, 1));
  float edgeH = abs(lNW + lNE - 2.0 * lN) + 2.0 * abs(lW + lE - 2.0 * lM) + abs(lSW + lSE - 2.0 * lS);
  float edgeV = abs(lNW + lSW - 2.0 * lW) + 2.0 * abs(lN + lS - 2.0 * lM) + abs(lNE + lSE - 2.0 * lE);
  bool horizontal = edgeH >= edgeV;
  // Sub-pixel blend amount from the neighbourhood average.
  float average = (2.0 * (lN + lS + lW + lE) + lNW + lNE + lSW + lSE) / 12.0;
  float subpixel = clamp(abs(average - lM) / range, 0.0, 1.0);
  subpixel = smoothstep(0.0, 1.0, subpixel);
  float blend = subpixel * subpixel * 0.75;
  // Step across the edge towards the side with the larger gradient.
  float l1 = horizontal ? lN : lW, l2 = horizontal ? lS : lE;
  float stepLength = horizontal ? texel.y : texel.x;
  if (abs(l1 - lM) < abs(l2 - lM)) stepLength = -stepLength;
  blend = max(blend, 0.25);
  vec2 offset = horizontal ? vec2(0.0, -stepLength) : vec2(-stepLength, 0.0);
  vec3 across = tap(inUv + offset * blend * 2.0);
  outColor = vec4(mix(cM, across, 0.5), 1.0);
}
