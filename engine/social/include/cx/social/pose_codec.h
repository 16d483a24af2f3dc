#pragma once
// The pose message: what a visitor publishes on its cell subject, at most 10 times a second and
// only when it changed. Little-endian, version 1 (docs/social.md has the byte layout):
//
//   0      u8   version (0xC1)
//   1      u8   flags: bit 0 hands, bit 1 name, bit 2 leaving, bit 3 staff; others must be 0
//   2..3   u16  sequence number (wraps)
//   4..6   s24  x, centimetres          7..9   s24  z, centimetres
//   10..11 s16  y (eye height above the floor plane), centimetres
//   12..13 u16  yaw, 2*pi/65536 rad     14..15 s16  pitch, (pi/2)/32767 rad
//   hands (flag 0): per hand (left, right) s16 dx, dy, dz in millimetres from the head,
//                   u16 yaw, s16 pitch, s16 roll: 12 bytes each
//   name (flag 1):  u8 length (1..96) and that many bytes of UTF-8
//
// 16 bytes for a desktop visitor, 40 in XR; the name rides along once a second (at most +97).
#include <glm/glm.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace cx::social {

inline constexpr uint8_t kPoseVersion = 0xC1;
inline constexpr size_t kPoseBaseBytes = 16;
inline constexpr size_t kPoseHandBytes = 12;
inline constexpr size_t kMaxPoseBytes = kPoseBaseBytes + 2 * kPoseHandBytes + 1 + 96;

struct HandPose {
  glm::vec3 offset{0.0f};  // metres from the head, world axes
  float yaw = 0.0f, pitch = 0.0f, roll = 0.0f;  // radians
};

struct Pose {
  uint16_t sequence = 0;
  glm::vec3 position{0.0f};  // head (eye) position, metres
  float yaw = 0.0f;          // radians, 0 = looking along -Z, counter-clockwise seen from above
  float pitch = 0.0f;        // radians, positive up
  std::optional<std::array<HandPose, 2>> hands;  // XR only
  std::string name;  // empty: not in this message
  bool leaving = false;
  bool staff = false;
};

// Encodes `pose`; the name is cut to fit (sanitise it first). Positions beyond the s24/s16 range
// are clamped.
std::vector<uint8_t> encodePose(const Pose& pose);

// Decodes one message; nullopt for anything that is not exactly a well-formed v1 pose (wrong
// version, unknown flags, short or trailing bytes, empty or invalid-UTF-8 name).
std::optional<Pose> decodePose(std::span<const uint8_t> bytes);

// What quantisation keeps: the decoded value of `pose` (for tests and for "did it change").
Pose quantizePose(const Pose& pose);

}  // namespace cx::social
