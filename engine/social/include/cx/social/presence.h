#pragma once
// The other visitors near this one, built from pose messages. Every message is hostile input:
// size, shape, subject, UTF-8, position (inside the expo's bounds and its own cell) and the
// sender's rate are checked, and what fails is dropped and counted, never thrown. The table is
// bounded; visitors are interpolated between updates and removed 5 s after their last message.
#include "cx/social/pose_codec.h"
#include "cx/social/subjects.h"

#include <glm/glm.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace cx::social {

struct PresenceSettings {
  std::string expo;                   // subject token of the expo
  glm::vec3 boundsMin{-1.0e4f, -10.0f, -1.0e4f};  // the expo's world bounds (a margin added by the caller)
  glm::vec3 boundsMax{1.0e4f, 50.0f, 1.0e4f};
  double timeoutSeconds = 5.0;        // removed this long after the last message
  double fadeSeconds = 1.0;           // fade in on arrival, out on timeout or a lost link
  double interpolationDelay = 0.1;    // drawn this far behind the newest sample
  float ratePerSecond = 20.0f;        // per sender (visitors send at most 10)
  float rateBurst = 30.0f;
  size_t maxVisitors = 4096;
  size_t maxMessageBytes = kMaxPoseBytes;
};

struct PresenceStats {
  uint64_t accepted = 0;
  uint64_t droppedSize = 0;       // empty or over the cap
  uint64_t droppedSubject = 0;    // not a pose subject of this expo
  uint64_t droppedMalformed = 0;  // not a well-formed pose
  uint64_t droppedBounds = 0;     // outside the expo, or outside the subject's cell
  uint64_t droppedRate = 0;       // sender over its rate
  uint64_t droppedStale = 0;      // sequence older than the last one seen
  uint64_t droppedFull = 0;       // table full
  uint64_t removed = 0;           // timed out or left
  uint64_t dropped() const {
    return droppedSize + droppedSubject + droppedMalformed + droppedBounds + droppedRate + droppedStale + droppedFull;
  }
};

// A visitor as the frame draws it.
struct RemoteVisitor {
  std::string id;    // subject token (the NATS user name where the server assigns it)
  std::string name;  // sanitised display name; empty until one arrived
  std::string pavilion;
  glm::vec3 position{0.0f};  // interpolated head position
  float yaw = 0.0f, pitch = 0.0f;
  std::optional<std::array<HandPose, 2>> hands;
  bool staff = false;
  glm::vec3 tint{1.0f};  // stable per visitor id
  float opacity = 1.0f;  // 0..1: fading in, out, or the link is down
  double lastHeard = 0.0;
};

// A stable, pleasant colour for a visitor id.
glm::vec3 visitorTint(std::string_view id);

class Presence {
 public:
  explicit Presence(PresenceSettings settings);

  // One message as it came off the wire, at time `now` (seconds, monotonic). Returns whether it
  // was accepted.
  bool receive(std::string_view subject, std::span<const uint8_t> data, double now);
  // Interpolates, fades and removes; `linkUp` false fades every visitor out (they stay until
  // their timeout, so a quick reconnect brings them back without popping).
  void update(double now, bool linkUp);

  const std::vector<RemoteVisitor>& visitors() const { return drawn_; }
  const PresenceStats& stats() const { return stats_; }
  const PresenceSettings& settings() const { return settings_; }
  // Visitors within `radius` of `position` (x, z).
  size_t countNear(glm::vec3 position, float radius) const;

 private:
  struct Sample {
    double time = 0.0;
    Pose pose;
  };
  struct Entry {
    std::string pavilion;
    std::string name;
    Sample older, newer;
    bool hasOlder = false;
    double firstHeard = 0.0, lastHeard = 0.0;
    float tokens = 0.0f;
    double tokenTime = 0.0;
    float linkFade = 1.0f;
    bool leaving = false;
  };
  bool admit(Entry& e, double now);

  PresenceSettings settings_;
  PresenceStats stats_;
  std::unordered_map<std::string, Entry> entries_;
  std::vector<RemoteVisitor> drawn_;
  double lastUpdate_ = 0.0;
};

}  // namespace cx::social
