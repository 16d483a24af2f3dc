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

void main() {
  Instance inst = instances[gl_InstanceIndex];
  vec4 world = inst.world * vec4(inPosition, 1.0);
  mat3 normalMatrix = mat3(inst.normalMatrix[0].xyz, inst.normalMatrix[1].xyz, inst.normalMatrix[2].xyz);
  outWorldPos = world.xyz;
  outNormal = normalMatrix * inNormal;
  outTangent = vec4(mat3(inst.world) * inTangent.xyz, inTangent.w);
  outUv = inUv;
  outColor = inColor * inst.tint;
  gl_Position = frame.views[gl_ViewIndex].viewProj * world;
}
