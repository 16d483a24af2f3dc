#pragma once
// Back faces left out before the GPU sees them. The space around a mesh's bounds splits, per axis,
// into below / within / above: 27 eye regions (kEyeInside: within on every axis). For an eye in
// any other region, the triangles whose plane it must be behind (for an axis-aligned face, the
// box side turned away from it) cannot show, whatever the exact eye position; the renderer draws
// each instance with the index list of its eye's region, which saves their vertex and setup work
// (most of a far booth's cost on a CPU rasteriser). The result is the same image.
#include <cstdint>
#include <span>
#include <vector>

#include <glm/glm.hpp>

#include "cx/assets/model.h"

namespace cx::render {

constexpr uint32_t kEyeRegions = 27;
constexpr uint32_t kEyeInside = 13;

// Region digits per axis: 0 below min, 1 within, 2 above max; region = x + 3 y + 9 z.
inline uint32_t eyeRegion(const glm::vec3& eye, const glm::vec3& bmin, const glm::vec3& bmax) {
  uint32_t region = 0, weight = 1;
  for (int a = 0; a < 3; ++a, weight *= 3) region += weight * (eye[a] < bmin[a] ? 0u : eye[a] > bmax[a] ? 2u : 1u);
  return region;
}

// A region holding both eyes of a stereo pair: per axis, where their digits differ, "within".
inline uint32_t mergeEyeRegions(uint32_t a, uint32_t b) {
  uint32_t region = 0, weight = 1;
  for (int k = 0; k < 3; ++k, weight *= 3, a /= 3, b /= 3) region += weight * (a % 3 == b % 3 ? a % 3 : 1u);
  return region;
}

// Per axis, where `eye` is against [bmin, bmax]: 0 below, 1 within, 2 above.
inline glm::uvec3 eyeDigits(const glm::vec3& eye, const glm::vec3& bmin, const glm::vec3& bmax) {
  glm::uvec3 d;
  for (int a = 0; a < 3; ++a) d[a] = eye[a] < bmin[a] ? 0u : eye[a] > bmax[a] ? 2u : 1u;
  return d;
}

// Most placements only swap and reverse axes (booths turned by multiples of 90 degrees): then the
// eye's region around the mesh follows from where it is against the instance's world bounds,
// without taking the eye into the mesh's frame. Per mesh axis a, bits 3a..3a+1: the world axis it
// runs along; bit 3a+2: reversed. kGeneralAxes: any other linear part (no such shortcut).
constexpr uint16_t kGeneralAxes = 0xffff;
uint16_t axisMapOf(const glm::mat3& linear);

// The region around the mesh for world-axis digits (eyeDigits against the instance's world
// bounds, which contain the mesh's bounds mapped by an axis map `axes`).
inline uint32_t regionFromWorldDigits(const glm::uvec3& world, uint16_t axes) {
  uint32_t region = 0, weight = 1;
  for (int a = 0; a < 3; ++a, weight *= 3) {
    const uint32_t d = world[(axes >> (3 * a)) & 3u];
    region += weight * ((axes >> (3 * a + 2)) & 1u ? 2u - d : d);
  }
  return region;
}

// Appends to `out` the triangles of `tris` (indices into `vertices`, counter-clockwise front
// faces) that may face an eye in `region`, and returns how many indices it appended. Kept: every
// triangle not certainly turned away (degenerate ones and, for "within" axes, any with a normal
// component along them).
size_t appendFacingTriangles(std::span<const uint32_t> tris, std::span<const assets::Vertex> vertices, uint32_t region,
                             std::vector<uint32_t>& out);

}  // namespace cx::render
