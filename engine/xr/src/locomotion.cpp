#include "cx/xr/locomotion.h"

#include <algorithm>
#include <cmath>

#include <glm/gtc/matrix_transform.hpp>

#include "cx/nav/camera.h"

namespace cx::xr {

glm::mat4 appToWorld(const StageOrigin& o, float floorOffset, const LocomotionSettings& s) {
  glm::mat4 m = glm::translate(glm::mat4(1.0f), o.position);
  m = glm::rotate(m, o.yaw, glm::vec3(0.0f, 1.0f, 0.0f));
  return glm::translate(m, glm::vec3(0.0f, floorOffset + (s.seated ? s.seatedHeight : 0.0f), 0.0f));
}

void turnAboutHead(Locomotion& loco, glm::vec3 head, float radians) {
  const float c = std::cos(radians), s = std::sin(radians);
  glm::vec2 d(loco.origin.position.x - head.x, loco.origin.position.z - head.z);
  // Rotation about +Y by `radians`: x' = c x + s z, z' = -s x + c z.
  glm::vec2 r(c * d.x + s * d.y, -s * d.x + c * d.y);
  loco.origin.position.x = head.x + r.x;
  loco.origin.position.z = head.z + r.y;
  loco.origin.yaw = nav::wrapAngle(loco.origin.yaw + radians);
}

void recentre(Locomotion& loco, glm::vec3 head, float headYaw, glm::vec3 target, float targetYaw) {
  turnAboutHead(loco, head, nav::wrapAngle(targetYaw - headYaw));
  loco.origin.position.x += target.x - head.x;
  loco.origin.position.z += target.z - head.z;
}

void updateVignette(Locomotion& loco, const LocomotionSettings& s, bool smoothMotion, float dt) {
  dt = std::max(dt, 0.0f);
  if (smoothMotion) {
    loco.vignette =
        s.vignetteFadeInSec > 0.0f ? std::min(1.0f, loco.vignette + dt / s.vignetteFadeInSec) : 1.0f;
  } else {
    loco.vignette =
        s.vignetteFadeOutSec > 0.0f ? std::max(0.0f, loco.vignette - dt / s.vignetteFadeOutSec) : 0.0f;
  }
}

int vignetteLevel(float vignette, int levels) {
  if (levels <= 0 || !(vignette > 0.0f)) return 0;
  return std::clamp(int(std::lround(std::min(vignette, 1.0f) * float(levels))), 0, levels);
}

LocomotionEvents updateLocomotion(Locomotion& loco, const LocomotionSettings& s, const LocomotionInput& in,
                                  const nav::CollisionWorld* world) {
  LocomotionEvents ev;
  // Teleport: forward on the stick aims, releasing teleports.
  if (!loco.aiming && in.stick.y > s.teleportThreshold && std::abs(in.stick.x) < s.teleportThreshold) {
    loco.aiming = true;
  }
  if (loco.aiming) {
    if (world && in.aimValid) {
      loco.arc = nav::computeTeleportArc(*world, in.aimOrigin, in.aimDirection);
    } else {
      loco.arc = {};
    }
    if (in.stick.y < s.teleportRelease) {
      loco.aiming = false;
      if (loco.arc.valid && loco.arc.hit) {
        const glm::vec3 target = *loco.arc.hit;
        loco.origin.position.x += target.x - in.head.x;
        loco.origin.position.z += target.z - in.head.z;
        loco.teleports++;
        loco.lastTeleport = target;
        ev.teleportedTo = target;
      }
      loco.arc = {};
    }
    updateVignette(loco, s, in.otherSmoothMotion, in.dt);
    return ev;
  }
  // Turning: stick right turns right (negative yaw).
  const float x = in.stick.x;
  bool smoothMoving = false;
  if (s.smoothTurn) {
    if (std::abs(x) > s.smoothDeadzone) {
      const float k = (std::abs(x) - s.smoothDeadzone) / (1.0f - s.smoothDeadzone);
      const float radians = -std::copysign(k, x) * glm::radians(s.smoothTurnDegPerSec) * in.dt;
      turnAboutHead(loco, in.head, radians);
      ev.turnedDeg = glm::degrees(radians);
      smoothMoving = true;
    }
  } else if (loco.turnArmed && std::abs(x) > s.turnThreshold) {
    const float radians = -std::copysign(glm::radians(s.snapTurnDeg), x);
    turnAboutHead(loco, in.head, radians);
    ev.turnedDeg = glm::degrees(radians);
    loco.turnArmed = false;
    loco.snapTurns++;
  }
  if (!loco.turnArmed && std::abs(x) < s.rearmThreshold) loco.turnArmed = true;
  updateVignette(loco, s, smoothMoving || in.otherSmoothMotion, in.dt);
  return ev;
}

}  // namespace cx::xr
