#include "cx/nav/navigator.h"

#include <algorithm>
#include <cmath>

#include "geometry2d.h"

namespace cx::nav {

using detail::finite3;

namespace {

constexpr float kArrivalSlack = 1e-5f;  // seconds

glm::vec3 clampedMove(glm::vec3 move) {
  if (!finite3(move)) return glm::vec3(0.0f);
  float len = glm::length(move);
  return len > 1.0f ? move / len : move;
}

void applyLook(CameraPose& pose, glm::vec2 lookDelta, const NavSettings& s) {
  if (!std::isfinite(lookDelta.x) || !std::isfinite(lookDelta.y)) return;
  // Mouse right turns right (clockwise from above: yaw decreases); mouse down (+y) looks down.
  pose.yaw = wrapAngle(pose.yaw - lookDelta.x * s.mouseSensitivity);
  float dy = s.invertY ? -lookDelta.y : lookDelta.y;
  pose.pitch = clampPitch(pose.pitch - dy * s.mouseSensitivity);
}

void placeOrbitCamera(Navigator& nav) {
  nav.pose.position = nav.orbitTarget - forward(nav.pose) * nav.orbitDistance;
}

void stepTransition(Navigator& nav, float dt) {
  GoToTransition& t = nav.transition;
  t.elapsed = std::min(t.elapsed + dt, t.duration);
  // The last few microseconds count as arrived, so summed frame times that round just short of the
  // duration do not cost an extra frame.
  if (t.elapsed >= t.duration - kArrivalSlack) {
    nav.pose = {t.to.position, t.to.yaw, t.to.pitch};
    nav.mode = NavMode::Walk;
    t.active = false;
    return;
  }
  float k = easeInOut(t.elapsed / t.duration);
  nav.pose.position = glm::mix(t.from.position, t.to.position, k);
  nav.pose.yaw = wrapAngle(t.from.yaw + k * wrapAngle(t.to.yaw - t.from.yaw));
  nav.pose.pitch = t.from.pitch + k * (t.to.pitch - t.from.pitch);
}

}  // namespace

float easeInOut(float t) {
  t = std::clamp(t, 0.0f, 1.0f);
  return t * t * (3.0f - 2.0f * t);
}

void updateNavigator(Navigator& nav, const NavInput& input, const NavSettings& s,
                     const CollisionWorld* world) {
  float dt = std::isfinite(input.dt) ? std::clamp(input.dt, 0.0f, std::max(s.maxDt, 0.0f)) : 0.0f;
  if (nav.transition.active) {
    stepTransition(nav, dt);
    return;
  }
  if (!finite3(nav.pose.position)) nav.pose.position = glm::vec3(0.0f, s.eyeHeight, 0.0f);
  applyLook(nav.pose, input.lookDelta, s);
  glm::vec3 move = clampedMove(input.move);
  float boost = input.run ? s.runMultiplier : 1.0f;

  switch (nav.mode) {
    case NavMode::Walk: {
      // Only the horizontal input counts; it is normalised on its own so y input does not slow walking.
      glm::vec2 planar(input.move.x, input.move.z);
      if (!std::isfinite(planar.x) || !std::isfinite(planar.y)) planar = glm::vec2(0.0f);
      if (float len = glm::length(planar); len > 1.0f) planar /= len;
      glm::vec2 dir = planar.x * rightXZ(nav.pose.yaw) + planar.y * forwardXZ(nav.pose.yaw);
      glm::vec2 delta = dir * (s.walkSpeed * boost * dt);
      glm::vec2 from(nav.pose.position.x, nav.pose.position.z);
      glm::vec2 to = world ? moveWithCollision(*world, from, delta, s.radius) : from + delta;
      nav.pose.position = glm::vec3(to.x, s.eyeHeight, to.y);
      break;
    }
    case NavMode::Fly: {
      glm::vec2 right = rightXZ(nav.pose.yaw);
      glm::vec3 dir = move.x * glm::vec3(right.x, 0.0f, right.y) + move.y * glm::vec3(0.0f, 1.0f, 0.0f) +
                      move.z * forward(nav.pose);
      nav.pose.position += dir * (s.flySpeed * boost * dt);
      nav.pose.position.y = std::max(nav.pose.position.y, s.flyMinHeight);
      break;
    }
    case NavMode::Orbit: {
      if (std::isfinite(input.zoom) && input.zoom != 0.0f) {
        float factor = std::pow(1.0f - std::clamp(s.zoomStep, 0.0f, 0.9f), input.zoom);
        nav.orbitDistance *= factor;
      }
      float lo = std::max(s.orbitMinDistance, 0.0f);
      float hi = std::max(s.orbitMaxDistance, lo);
      nav.orbitDistance = std::isnan(nav.orbitDistance) ? lo : std::clamp(nav.orbitDistance, lo, hi);
      placeOrbitCamera(nav);
      break;
    }
  }
}

void setMode(Navigator& nav, NavMode mode, const NavSettings& s) {
  cancelGoTo(nav);
  if (mode == NavMode::Orbit && nav.mode != NavMode::Orbit) {
    nav.orbitTarget = nav.pose.position + forward(nav.pose) * nav.orbitDistance;
  } else if (mode == NavMode::Walk) {
    nav.pose.position.y = s.eyeHeight;
  }
  nav.mode = mode;
}

void setOrbitTarget(Navigator& nav, glm::vec3 target, float distance) {
  if (!finite3(target)) return;
  nav.orbitTarget = target;
  if (distance > 0.0f && std::isfinite(distance)) nav.orbitDistance = distance;
  if (nav.mode == NavMode::Orbit && !nav.transition.active) placeOrbitCamera(nav);
}

void startGoTo(Navigator& nav, const Viewpoint& to, float seconds) {
  if (!finite3(to.position) || !std::isfinite(to.yaw) || !std::isfinite(to.pitch)) return;
  GoToTransition& t = nav.transition;
  t.from = {nav.pose.position, nav.pose.yaw, nav.pose.pitch};
  t.to = {to.position, to.yaw, clampPitch(to.pitch)};
  t.elapsed = 0.0f;
  t.duration = std::isfinite(seconds) ? std::max(seconds, 0.0f) : 0.0f;
  t.active = true;
  if (t.duration <= 0.0f) stepTransition(nav, 0.0f);
}

void cancelGoTo(Navigator& nav) {
  nav.transition.active = false;
}

bool isTransitioning(const Navigator& nav) {
  return nav.transition.active;
}

}  // namespace cx::nav
