#version 460
// A cheap FXAA-style pass (after Lottes' FXAA 3.11, much reduced): find the local luma contrast;
// where it marks an edge, blend towards the neighbour across the edge by the sub-pixel amount.
// One pass, 5 or 6 unfiltered fetches; meant for CPU rasterisers where MSAA is costly.
layout(set = 0, binding = 0) uniform sampler2DArray sceneColor;
layout(location = 1) flat in int inLayer;
layout(location = 0) out vec4 outColor;

float luma(vec3 c) { return dot(c, vec3(0.299, 0.587, 0.114)); }
// Neighbour taps land exactly on texels: fetched unfiltered, which a CPU rasteriser does several
// times faster than a filtered sample. Clamped to the image like the sampler would.
ivec2 gMaxTexel;
ivec2 gCenter;
vec3 at(int dx, int dy) {
  return texelFetch(sceneColor, ivec3(clamp(gCenter + ivec2(dx, dy), ivec2(0), gMaxTexel), inLayer), 0).rgb;
}

void main() {
  ivec2 size = textureSize(sceneColor, 0).xy;
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
  // Edge direction and sub-pixel amount from the four direct neighbours only (the diagonals of
  // full FXAA cost a CPU rasteriser a third of the pass for little visible difference).
  // As in FXAA 3.11: a horizontal edge shows as a second difference across it, north-south.
  float edgeH = abs(lN + lS - 2.0 * lM);
  float edgeV = abs(lW + lE - 2.0 * lM);
  bool horizontal = edgeH >= edgeV;  // then blend across it, north or south
  float average = (lN + lS + lW + lE) * 0.25;
  float subpixel = clamp(abs(average - lM) / range, 0.0, 1.0);
  subpixel = smoothstep(0.0, 1.0, subpixel);
  float blend = max(subpixel * subpixel * 0.75, 0.25);
  // Step across the edge towards the side with the larger gradient, by up to a texel.
  float l1 = horizontal ? lN : lW, l2 = horizontal ? lS : lE;
  int toward = abs(l1 - lM) >= abs(l2 - lM) ? -1 : 1;
  vec3 neighbour = horizontal ? at(0, toward) : at(toward, 0);
  vec3 across = mix(cM, neighbour, min(blend * 2.0, 1.0));
  outColor = vec4(mix(cM, across, 0.5), 1.0);
}
