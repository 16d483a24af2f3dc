#version 460
#include "common.glsl"

layout(location = 0) in vec3 inPosition;
layout(location = 1) in vec3 inNormal;
layout(location = 2) in vec4 inTangent;
layout(location = 3) in vec2 inUv;
layout(location = 4) in vec4 inColor;

layout(location = 0) out vec3 outWorldPos;
layout(location = 1) out vec3 outNormal;
layout(location = 2) out vec4 outTangent;
layout(location = 3) out vec2 outUv;
// The base colour factor (the material's, or the booth colour for its role) times the vertex
// colour and the instance tint: one varying instead of three, which a CPU rasteriser would
// interpolate for every pixel.
layout(location = 4) out vec4 outBaseColor;

// The material's texture slots, as for the fragment shader (pbr_body.glsl); bit 5: the material
// is in the vertices (merged far primitives, far_merge.h): base colour in COLOR_0, metallic and
// roughness in TEXCOORD_0 (passed on), the booth-colour role in the tangent's x.
layout(constant_id = 0) const int kTextureMask = 31;
const bool kVertexMaterial = (kTextureMask & 32) != 0;
const int kTextures = kTextureMask & 31;

// role: 0 own colour, 1 primary, 2 secondary, 3 fascia (takes the primary colour)
layout(push_constant) uniform DrawConstants {
  vec4 baseColorFactor;
  uint role;
} draw;

void main() {
  Instance inst = instances[visible[gl_InstanceIndex]];
  vec4 world = inst.world * vec4(inPosition, 1.0);
  mat3 normalMatrix = mat3(inst.normalMatrix[0].xyz, inst.normalMatrix[1].xyz, inst.normalMatrix[2].xyz);
  outWorldPos = world.xyz;
  outNormal = normalMatrix * inNormal;
  if (kTextures != 0) {  // untextured variants read neither: the stores (and the transform) go
    outTangent = vec4(mat3(inst.world) * inTangent.xyz, inTangent.w);
  }
  if (kTextures != 0 || kVertexMaterial) outUv = inUv;
  const uint role = kVertexMaterial ? uint(inTangent.x + 0.5) : draw.role;
  vec4 booth = vec4(0.0);
  if (role == 1u || role == 3u) booth = inst.primaryColor;
  if (role == 2u) booth = inst.secondaryColor;
  vec4 factor = kVertexMaterial ? inColor : draw.baseColorFactor;
  if (booth.a > 0.0) factor.rgb = booth.rgb;  // the booth colour replaces the material's
  outBaseColor = factor * (kVertexMaterial ? vec4(1.0) : inColor) * inst.tint;
  gl_Position = frame.views[CX_VIEW_INDEX].viewProj * world;
}
