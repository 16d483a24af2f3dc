#pragma once
// One visitor's presence: its own pose published on its cell subject (at most 10 Hz, only when
// it changed, a keep-alive every 2 s, the display name once a second), the interest cells kept
// subscribed as it walks, and the others' poses drained into a Presence within a per-frame
// budget. The viewer calls tick() once a frame; expo-tool crowd runs many of these.
#include "cx/social/client.h"
#include "cx/social/pose_codec.h"
#include "cx/social/presence.h"

#include <memory>
#include <string>

namespace cx::social {

// Decides when a pose is worth sending.
class PosePublisher {
 public:
  double minInterval = 0.1;        // 10 Hz
  double keepAliveInterval = 2.0;  // others drop a visitor after 5 s of silence
  double nameInterval = 1.0;

  // The message to send now, or empty. `pose.name` is the (sanitised) display name.
  std::vector<uint8_t> next(const Pose& pose, double now);
  // The next sequence number, for a message sent outside next() (leaving).
  uint16_t takeSequence() { return ++sequence_; }

 private:
  std::optional<Pose> last_;
  double lastSent_ = -1e9, lastName_ = -1e9;
  uint16_t sequence_ = 0;
};

struct SessionSettings {
  std::string expo;         // subject token
  std::string displayName;  // sanitised here; the only personal thing sent
  bool staff = false;
  float interestRadius = kInterestRadius;
  size_t drainBudget = 4000;  // messages taken per tick
  PresenceSettings presence;  // expo and bounds
};

struct SelfPose {
  glm::vec3 position{0.0f};
  float yaw = 0.0f, pitch = 0.0f;
  std::optional<std::array<HandPose, 2>> hands;
  std::string pavilion;  // subject token of the pavilion it stands in ("site" outside)
};

class Session {
 public:
  Session(std::unique_ptr<Client> client, SessionSettings settings);
  ~Session();

  void tick(const SelfPose& self, double now);
  // Sends a last "leaving" pose and flushes (up to 500 ms).
  void leave(const SelfPose& self);

  const Presence& presence() const { return presence_; }
  Client& client() { return *client_; }
  const Client& client() const { return *client_; }
  const std::string& displayName() const { return name_; }
  size_t subscribedCells() const { return cells_.size(); }
  uint64_t messagesDrained() const { return drained_; }

 private:
  std::unique_ptr<Client> client_;
  SessionSettings settings_;
  std::string name_;
  Presence presence_;
  PosePublisher publisher_;
  std::vector<Cell> cells_;
  Cell centre_{INT32_MIN, INT32_MIN};
  std::vector<InboundMessage> scratch_;
  uint64_t drained_ = 0;
};

}  // namespace cx::social
