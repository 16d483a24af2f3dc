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
layout(location = 4) out vec4 outColor;
layout(location = 5) out vec4 outBoothColor;  // rgb; a = 1: replaces the material's base colour

// role: 0 own colour, 1 primary, 2 secondary, 3 fascia (takes the primary colour)
layout(push_constant) uniform DrawConstants {
  uint role;
} draw;

void main() {
  Instance inst = instances[visible[gl_InstanceIndex]];
  vec4 world = inst.world * vec4(inPosition, 1.0);
  mat3 normalMatrix = mat3(inst.normalMatrix[0].xyz, inst.normalMatrix[1].xyz, inst.normalMatrix[2].xyz);
  outWorldPos = world.xyz;
  outNormal = normalMatrix * inNormal;
  outTangent = vec4(mat3(inst.world) * inTangent.xyz, inTangent.w);
  outUv = inUv;
  outColor = inColor * inst.tint;
  vec4 booth = vec4(0.0);
  if (draw.role == 1u || draw.role == 3u) booth = inst.primaryColor;
  if (draw.role == 2u) booth = inst.secondaryColor;
  outBoothColor = vec4(booth.rgb, booth.a > 0.0 ? 1.0 : 0.0);
  gl_Position = frame.views[gl_ViewIndex].viewProj * world;
}
