#version 460
// Opaque and blended materials (no discard: early depth testing stays on).
#include "pbr_body.glsl"
