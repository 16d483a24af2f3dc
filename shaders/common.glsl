// Shared declarations for the scene shaders. Layouts mirror engine/render/src/gpu_types.h.
#extension GL_EXT_multiview : require

// The view a shader draws: gl_ViewIndex within a multiview pass, plus kViewBase, the first view of
// the pass. A frame drawn one pass per view (RendererDesc::viewsPerPass) draws view k in a plain
// pass whose pipelines have kViewBase = k; a multiview pass and a single view have kViewBase = 0.
layout(constant_id = 2) const int kViewBase = 0;
#define CX_VIEW_INDEX (int(gl_ViewIndex) + kViewBase)

struct ViewData {
  mat4 viewProj;
  mat4 invViewProj;
  vec4 eye;  // xyz world position
};

struct Light {
  vec4 position;   // xyz world; w: 0 directional, 1 point, 2 spot
  vec4 direction;  // xyz: where the light shines; w: range (0: infinite)
  vec4 color;      // rgb: colour times intensity
  vec4 spot;       // x, y: cone falloff scale and offset
};

layout(set = 0, binding = 0) uniform FrameUniforms {
  ViewData views[2];
  vec4 sunDirection;  // xyz: unit vector towards the sun; w: intensity
  vec4 sunColor;      // rgb linear
  vec4 skyColor;      // hemisphere ambient from above, rgb; w: ambient intensity
  vec4 groundColor;   // hemisphere ambient from below
  vec4 horizonColor;  // background gradient
  vec4 zenithColor;
  vec4 params;        // x: exposure (y, z, w unused)
  vec4 lightCount;    // x: number of KHR_lights_punctual lights in `lights`
  Light lights[8];
} frame;

struct Instance {
  mat4 world;
  vec4 normalMatrix[3];  // columns of the inverse-transpose of the upper 3x3
  vec4 tint;             // multiplies the base colour
  vec4 primaryColor;     // a > 0: replaces the base colour of cx_primary / cx_fascia materials
  vec4 secondaryColor;   // a > 0: replaces the base colour of cx_secondary materials
};

layout(set = 0, binding = 1, std430) readonly buffer InstanceBuffer {
  Instance instances[];
};

// This frame's visible instances (and glyphs): gl_InstanceIndex indexes this list.
layout(set = 0, binding = 2, std430) readonly buffer VisibleBuffer {
  uint visible[];
};

vec3 linearToSrgb(vec3 c) {
  vec3 lo = c * 12.92;
  vec3 hi = 1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055;
  return mix(lo, hi, step(vec3(0.0031308), c));
}

// True when the colour target is UNORM, so the shader encodes sRGB itself (an sRGB target does it
// on store). A specialization constant, not a uniform: a CPU rasteriser runs both sides of a
// uniform branch, and the encode is three pow() per pixel (about a tenth of a frame on lavapipe).
layout(constant_id = 1) const bool kEncodeSrgb = false;

// The colour a scene shader writes, from its linear result.
vec3 encodeOutput(vec3 linear) {
  return kEncodeSrgb ? linearToSrgb(linear) : linear;
}
