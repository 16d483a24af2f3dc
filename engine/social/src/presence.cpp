#include "cx/social/presence.h"

#include "cx/social/text.h"

#include <glm/gtc/constants.hpp>

#include <algorithm>
#include <cmath>

namespace cx::social {
namespace {

float lerpAngle(float a, float b, float t) {
  float d = std::remainder(b - a, glm::two_pi<float>());
  return a + d * t;
}

glm::vec3 hsvToRgb(float h, float s, float v) {
  glm::vec3 k = glm::mod(glm::vec3(5.0f, 3.0f, 1.0f) + h * 6.0f, 6.0f);
  return v - v * s * glm::clamp(glm::min(k, 4.0f - k), 0.0f, 1.0f);
}

bool sequenceNewer(uint16_t a, uint16_t b) { return static_cast<int16_t>(a - b) > 0; }

}  // namespace

glm::vec3 visitorTint(std::string_view id) {
  uint32_t h = 2166136261u;  // FNV-1a
  for (char c : id) h = (h ^ static_cast<uint8_t>(c)) * 16777619u;
  float hue = static_cast<float>(h % 360u) / 360.0f;
  return hsvToRgb(hue, 0.55f, 0.85f);
}

Presence::Presence(PresenceSettings settings) : settings_(std::move(settings)) {}

bool Presence::admit(Entry& e, double now) {
  double dt = std::max(0.0, now - e.tokenTime);
  e.tokens = static_cast<float>(std::min<double>(settings_.rateBurst, e.tokens + dt * settings_.ratePerSecond));
  e.tokenTime = now;
  if (e.tokens < 1.0f) return false;
  e.tokens -= 1.0f;
  return true;
}

bool Presence::receive(std::string_view subject, std::span<const uint8_t> data, double now) {
  if (data.empty() || data.size() > settings_.maxMessageBytes) return ++stats_.droppedSize, false;
  std::optional<PoseSubject> where = parsePoseSubject(subject, settings_.expo);
  if (!where) return ++stats_.droppedSubject, false;

  std::optional<Pose> pose = decodePose(data);
  if (!pose) return ++stats_.droppedMalformed, false;
  const glm::vec3& p = pose->position;
  if (glm::any(glm::lessThan(p, settings_.boundsMin)) || glm::any(glm::greaterThan(p, settings_.boundsMax)) ||
      !cellContains(where->cell, p))
    return ++stats_.droppedBounds, false;

  // Only a valid message creates an entry, so junk does not fill the table.
  auto it = entries_.find(where->visitor);
  if (it == entries_.end()) {
    if (entries_.size() >= settings_.maxVisitors) return ++stats_.droppedFull, false;
    Entry fresh;
    fresh.tokens = settings_.rateBurst;
    fresh.tokenTime = now;
    fresh.firstHeard = now;
    it = entries_.emplace(where->visitor, std::move(fresh)).first;
  }
  Entry& e = it->second;
  if (!admit(e, now)) return ++stats_.droppedRate, false;
  if (e.lastHeard > 0.0 && !sequenceNewer(pose->sequence, e.newer.pose.sequence)) return ++stats_.droppedStale, false;

  if (!pose->name.empty()) {
    std::string clean = sanitizeDisplayName(pose->name);
    if (!clean.empty()) e.name = std::move(clean);
  }
  e.pavilion = where->pavilion;
  e.leaving = pose->leaving;
  if (e.lastHeard > 0.0) {
    e.older = e.newer;
    // After a pause (a visitor standing still sends nothing) start the move from now, not from
    // the last message seconds ago.
    if (now - e.older.time > 0.5) e.older.time = now - 0.1;
    e.hasOlder = true;
  }
  e.newer = Sample{now, std::move(*pose)};
  e.newer.pose.name.clear();
  e.lastHeard = now;
  ++stats_.accepted;
  return true;
}

void Presence::update(double now, bool linkUp) {
  double dt = lastUpdate_ > 0.0 ? std::clamp(now - lastUpdate_, 0.0, 1.0) : 0.0;
  lastUpdate_ = now;
  drawn_.clear();
  float fadeStep = settings_.fadeSeconds > 0 ? static_cast<float>(dt / settings_.fadeSeconds) : 1.0f;
  for (auto it = entries_.begin(); it != entries_.end();) {
    Entry& e = it->second;
    if (now - e.lastHeard > settings_.timeoutSeconds || (e.leaving && now - e.lastHeard > settings_.fadeSeconds)) {
      ++stats_.removed;
      it = entries_.erase(it);
      continue;
    }
    e.linkFade = std::clamp(e.linkFade + (linkUp ? fadeStep : -fadeStep), 0.0f, 1.0f);
    RemoteVisitor v;
    v.id = it->first;
    v.name = e.name;
    v.pavilion = e.pavilion;
    v.staff = e.newer.pose.staff;
    v.tint = visitorTint(v.id);
    v.lastHeard = e.lastHeard;
    const Pose& b = e.newer.pose;
    double t = now - settings_.interpolationDelay;
    if (e.hasOlder && t < e.newer.time && e.newer.time > e.older.time) {
      const Pose& a = e.older.pose;
      float f = static_cast<float>(std::clamp((t - e.older.time) / (e.newer.time - e.older.time), 0.0, 1.0));
      v.position = glm::mix(a.position, b.position, f);
      v.yaw = lerpAngle(a.yaw, b.yaw, f);
      v.pitch = a.pitch + (b.pitch - a.pitch) * f;
    } else {
      v.position = b.position;
      v.yaw = b.yaw;
      v.pitch = b.pitch;
    }
    v.hands = b.hands;
    double fadeIn = settings_.fadeSeconds > 0 ? (now - e.firstHeard) / settings_.fadeSeconds : 1.0;
    double remaining = settings_.timeoutSeconds - (now - e.lastHeard);
    double fadeOut = settings_.fadeSeconds > 0 ? remaining / settings_.fadeSeconds : 1.0;
    if (e.leaving) fadeOut = std::min(fadeOut, 1.0 - (now - e.lastHeard) / std::max(1e-3, settings_.fadeSeconds));
    v.opacity = static_cast<float>(std::clamp(std::min({fadeIn, fadeOut, 1.0}), 0.0, 1.0)) * e.linkFade;
    drawn_.push_back(std::move(v));
    ++it;
  }
  std::sort(drawn_.begin(), drawn_.end(), [](const RemoteVisitor& a, const RemoteVisitor& b) { return a.id < b.id; });
}

size_t Presence::countNear(glm::vec3 p, float radius) const {
  size_t n = 0;
  for (const RemoteVisitor& v : drawn_) {
    float dx = v.position.x - p.x, dz = v.position.z - p.z;
    n += dx * dx + dz * dz <= radius * radius ? 1 : 0;
  }
  return n;
}

}  // namespace cx::social
