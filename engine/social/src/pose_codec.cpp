#include "cx/social/pose_codec.h"

#include "cx/social/text.h"

#include <glm/gtc/constants.hpp>

#include <algorithm>
#include <cmath>

namespace cx::social {
namespace {

constexpr uint8_t kFlagHands = 1, kFlagName = 2, kFlagLeaving = 4, kFlagStaff = 8;
constexpr uint8_t kKnownFlags = kFlagHands | kFlagName | kFlagLeaving | kFlagStaff;
constexpr float kTwoPi = glm::two_pi<float>();
constexpr float kHalfPi = glm::half_pi<float>();

int32_t quantize(float v, float scale, int32_t lo, int32_t hi) {
  if (!std::isfinite(v)) return 0;
  double q = std::round(static_cast<double>(v) * scale);
  return static_cast<int32_t>(std::clamp<double>(q, lo, hi));
}

uint16_t quantizeAngle(float a) {
  if (!std::isfinite(a)) return 0;
  float t = std::fmod(a, kTwoPi);
  if (t < 0) t += kTwoPi;
  return static_cast<uint16_t>(static_cast<uint32_t>(std::lround(t / kTwoPi * 65536.0f)) & 0xFFFF);
}
float angleOf(uint16_t q) {
  float a = static_cast<float>(q) / 65536.0f * kTwoPi;
  return a > glm::pi<float>() ? a - kTwoPi : a;
}

struct Writer {
  std::vector<uint8_t>& out;
  void u8(uint8_t v) { out.push_back(v); }
  void u16(uint16_t v) { u8(v & 0xFF), u8(v >> 8); }
  void s16(int32_t v) { u16(static_cast<uint16_t>(static_cast<int16_t>(v))); }
  void s24(int32_t v) {
    uint32_t u = static_cast<uint32_t>(v) & 0xFFFFFF;
    u8(u & 0xFF), u8((u >> 8) & 0xFF), u8(u >> 16);
  }
};

struct Reader {
  std::span<const uint8_t> in;
  size_t at = 0;
  bool fail = false;
  uint8_t u8() {
    if (at >= in.size()) return fail = true, 0;
    return in[at++];
  }
  uint16_t u16() {
    uint16_t lo = u8();
    return static_cast<uint16_t>(lo | (u8() << 8));
  }
  int32_t s16() { return static_cast<int16_t>(u16()); }
  int32_t s24() {
    uint32_t u = u8();
    u |= static_cast<uint32_t>(u8()) << 8;
    u |= static_cast<uint32_t>(u8()) << 16;
    if (u & 0x800000) u |= 0xFF000000u;
    return static_cast<int32_t>(u);
  }
};

constexpr int32_t kS24Max = (1 << 23) - 1, kS16Max = 32767;

}  // namespace

std::vector<uint8_t> encodePose(const Pose& pose) {
  std::vector<uint8_t> out;
  out.reserve(kMaxPoseBytes);
  Writer w{out};
  std::string name = pose.name.substr(0, std::min<size_t>(pose.name.size(), 96));
  if (!isValidUtf8(name)) name = sanitizeText(name, kMaxDisplayNameCodepoints, kMaxDisplayNameBytes);
  uint8_t flags = (pose.hands ? kFlagHands : 0) | (name.empty() ? 0 : kFlagName) | (pose.leaving ? kFlagLeaving : 0) |
                  (pose.staff ? kFlagStaff : 0);
  w.u8(kPoseVersion);
  w.u8(flags);
  w.u16(pose.sequence);
  w.s24(quantize(pose.position.x, 100.0f, -kS24Max, kS24Max));
  w.s24(quantize(pose.position.z, 100.0f, -kS24Max, kS24Max));
  w.s16(quantize(pose.position.y, 100.0f, -kS16Max, kS16Max));
  w.u16(quantizeAngle(pose.yaw));
  w.s16(quantize(pose.pitch, kS16Max / kHalfPi, -kS16Max, kS16Max));
  if (pose.hands) {
    for (const HandPose& h : *pose.hands) {
      for (int k = 0; k < 3; ++k) w.s16(quantize(h.offset[k], 1000.0f, -kS16Max, kS16Max));
      w.u16(quantizeAngle(h.yaw));
      w.s16(quantize(h.pitch, kS16Max / kHalfPi, -kS16Max, kS16Max));
      w.s16(quantize(h.roll, kS16Max / glm::pi<float>(), -kS16Max, kS16Max));
    }
  }
  if (!name.empty()) {
    w.u8(static_cast<uint8_t>(name.size()));
    out.insert(out.end(), name.begin(), name.end());
  }
  return out;
}

std::optional<Pose> decodePose(std::span<const uint8_t> bytes) {
  if (bytes.size() < kPoseBaseBytes || bytes.size() > kMaxPoseBytes) return std::nullopt;
  Reader r{bytes};
  if (r.u8() != kPoseVersion) return std::nullopt;
  uint8_t flags = r.u8();
  if (flags & ~kKnownFlags) return std::nullopt;
  Pose p;
  p.sequence = r.u16();
  p.position.x = static_cast<float>(r.s24()) / 100.0f;
  p.position.z = static_cast<float>(r.s24()) / 100.0f;
  p.position.y = static_cast<float>(r.s16()) / 100.0f;
  p.yaw = angleOf(r.u16());
  p.pitch = static_cast<float>(r.s16()) * kHalfPi / kS16Max;
  p.leaving = flags & kFlagLeaving;
  p.staff = flags & kFlagStaff;
  if (flags & kFlagHands) {
    std::array<HandPose, 2> hands;
    for (HandPose& h : hands) {
      for (int k = 0; k < 3; ++k) h.offset[k] = static_cast<float>(r.s16()) / 1000.0f;
      h.yaw = angleOf(r.u16());
      h.pitch = static_cast<float>(r.s16()) * kHalfPi / kS16Max;
      h.roll = static_cast<float>(r.s16()) * glm::pi<float>() / kS16Max;
    }
    p.hands = hands;
  }
  if (flags & kFlagName) {
    size_t n = r.u8();
    if (r.fail || n == 0 || n > 96 || r.at + n != bytes.size()) return std::nullopt;
    p.name.assign(reinterpret_cast<const char*>(bytes.data() + r.at), n);
    r.at += n;
    if (!isValidUtf8(p.name)) return std::nullopt;
  }
  if (r.fail || r.at != bytes.size()) return std::nullopt;
  return p;
}

Pose quantizePose(const Pose& pose) {
  std::optional<Pose> p = decodePose(encodePose(pose));
  return p ? *p : Pose{};
}

}  // namespace cx::social
