#version 460
// glTF alphaMode MASK: fragments under the cutoff are discarded.
#define CX_ALPHA_MASK 1
#include "pbr_body.glsl"
