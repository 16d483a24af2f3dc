#include "cx/social/session.h"

#include "cx/social/text.h"

#include <cmath>

namespace cx::social {

std::vector<uint8_t> PosePublisher::next(const Pose& pose, double now) {
  if (now - lastSent_ < minInterval) return {};
  Pose q = quantizePose(Pose{0, pose.position, pose.yaw, pose.pitch, pose.hands, {}, pose.leaving, pose.staff});
  bool changed = !last_ || q.position != last_->position || q.yaw != last_->yaw || q.pitch != last_->pitch ||
                 q.leaving != last_->leaving || q.staff != last_->staff || q.hands.has_value() != last_->hands.has_value();
  if (!changed && q.hands && last_->hands) {
    for (int h = 0; h < 2; ++h) {
      const HandPose &a = (*q.hands)[h], &b = (*last_->hands)[h];
      changed |= a.offset != b.offset || a.yaw != b.yaw || a.pitch != b.pitch || a.roll != b.roll;
    }
  }
  if (!changed && now - lastSent_ < keepAliveInterval) return {};
  Pose out = pose;
  out.sequence = ++sequence_;
  if (!pose.name.empty() && now - lastName_ >= nameInterval) {
    lastName_ = now;
  } else {
    out.name.clear();
  }
  last_ = q;
  lastSent_ = now;
  return encodePose(out);
}

Session::Session(std::unique_ptr<Client> client, SessionSettings settings)
    : client_(std::move(client)), settings_(std::move(settings)), name_(sanitizeDisplayName(settings_.displayName)),
      presence_([&] {
        PresenceSettings p = settings_.presence;
        p.expo = settings_.expo;
        return p;
      }()) {}

Session::~Session() = default;

void Session::tick(const SelfPose& self, double now) {
  // Interest: re-subscribe only when the visitor's cell changes.
  Cell centre = cellOf(self.position);
  if (!(centre == centre_)) {
    centre_ = centre;
    cells_ = cellsWithin(self.position, settings_.interestRadius);
    std::vector<std::string> subjects;
    for (Cell c : cells_) subjects.push_back(cellSubscription(settings_.expo, c));
    client_->setSubscriptions(subjects);
  }
  LinkState link = client_->state();
  if (link == LinkState::Connected) {
    Pose pose;
    pose.position = self.position;
    pose.yaw = self.yaw;
    pose.pitch = self.pitch;
    pose.hands = self.hands;
    pose.name = name_;
    pose.staff = settings_.staff;
    std::vector<uint8_t> msg = publisher_.next(pose, now);
    if (!msg.empty()) {
      std::string pavilion = isSubjectToken(self.pavilion) ? self.pavilion : toSubjectToken(self.pavilion);
      client_->publish(poseSubject(settings_.expo, pavilion, centre, client_->visitorId()), msg);
    }
  }
  scratch_.clear();
  client_->drain(scratch_, settings_.drainBudget);
  drained_ += scratch_.size();
  for (const InboundMessage& m : scratch_) presence_.receive(m.subject, m.data, now);
  presence_.update(now, link == LinkState::Connected);
}

void Session::leave(const SelfPose& self) {
  if (client_->state() != LinkState::Connected) return;
  Pose pose;
  pose.position = self.position;
  pose.yaw = self.yaw;
  pose.pitch = self.pitch;
  pose.leaving = true;
  pose.staff = settings_.staff;
  pose.sequence = publisher_.takeSequence();
  std::vector<uint8_t> msg = encodePose(pose);
  std::string pavilion = isSubjectToken(self.pavilion) ? self.pavilion : toSubjectToken(self.pavilion);
  client_->publish(poseSubject(settings_.expo, pavilion, cellOf(self.position), client_->visitorId()), msg);
  client_->flush(500);
}

}  // namespace cx::social
