#pragma once
// VR locomotion as plain logic (no runtime calls): the stage origin in the expo world, snap and
// smooth turning, teleport by arc, the comfort vignette level and seated mode. Turning keeps the
// head where it is; teleporting puts the head (its floor projection) over the arc's target.
#include <optional>

#include <glm/glm.hpp>

#include "cx/nav/collision.h"
#include "cx/nav/teleport.h"

namespace cx::xr {

struct LocomotionSettings {
  float snapTurnDeg = 45.0f;       // 30 or 45
  bool smoothTurn = false;         // turn continuously instead of snapping
  float smoothTurnDegPerSec = 90.0f;
  float turnThreshold = 0.7f;      // |stick x| past this fires one snap turn...
  float rearmThreshold = 0.3f;     // ...and it must come back under this before the next one
  float smoothDeadzone = 0.2f;     // smooth turn ignores |x| below this
  float teleportThreshold = 0.7f;  // stick y past this shows the arc; below teleportRelease teleports
  float teleportRelease = 0.3f;
  bool seated = false;
  float seatedHeight = 0.45f;      // seated: metres added to the tracked head height
  // Comfort vignette: seconds for a full fade in when smooth motion starts, and out after it ends.
  // Quick in (it must be there before the visual flow is felt), gentler out (no pop).
  float vignetteFadeInSec = 0.15f;
  float vignetteFadeOutSec = 0.3f;
};

// Where the tracking space (STAGE, or LOCAL lifted to the floor) sits in the expo world.
struct StageOrigin {
  glm::vec3 position{0.0f};
  float yaw = 0.0f;  // radians about +Y, positive turns left (cx/nav/camera.h)
};

// App space -> world: translate(position) * rotateY(yaw) * translate(0, floorOffset + seated height, 0).
glm::mat4 appToWorld(const StageOrigin& origin, float floorOffset, const LocomotionSettings& settings);

struct Locomotion {
  StageOrigin origin;
  bool turnArmed = true;
  bool aiming = false;     // the arc is shown
  nav::TeleportArc arc;    // valid while aiming
  float vignette = 0.0f;   // 0..1 comfort vignette strength (updateVignette)
  int snapTurns = 0;
  int teleports = 0;
  std::optional<glm::vec3> lastTeleport;  // target of the last teleport (world)
};

struct LocomotionInput {
  glm::vec2 stick{0.0f};     // x right, y forward
  bool aimValid = false;
  glm::vec3 aimOrigin{0.0f};  // world
  glm::vec3 aimDirection{0.0f, 0.0f, -1.0f};
  glm::vec3 head{0.0f};       // world
  float dt = 0.0f;
  bool otherSmoothMotion = false;  // the stage is also moved smoothly this frame (a go-to glide)
};

struct LocomotionEvents {
  float turnedDeg = 0.0f;                   // positive: turned left
  std::optional<glm::vec3> teleportedTo;
};

// One frame. Stick left/right turns (snap with re-arm, or smooth with the vignette); stick forward
// aims the arc (nav::computeTeleportArc against `world`; no world: no teleport); releasing it on a
// valid target teleports. While aiming, no turning. The vignette follows smooth turning and
// `in.otherSmoothMotion` (updateVignette); snap turns and teleports are instant and need none.
LocomotionEvents updateLocomotion(Locomotion& loco, const LocomotionSettings& settings, const LocomotionInput& in,
                                  const nav::CollisionWorld* world);

// Moves loco.vignette toward 1 while `smoothMotion` (a full fade in takes vignetteFadeInSec) and
// toward 0 otherwise (vignetteFadeOutSec). The ramps are linear in time, so the strength after t
// seconds is the same however t is cut into frames. For frames where updateLocomotion is not
// called (the ray points at the UI panel), so the vignette still fades.
void updateVignette(Locomotion& loco, const LocomotionSettings& settings, bool smoothMotion, float dt);

// The strength shown for `vignette` when only `levels` strengths exist (level k is k / levels):
// the nearest one; 0 (show nothing) below half a level.
int vignetteLevel(float vignette, int levels);

// Rotates the stage about the head (world) by `radians` (positive: left).
void turnAboutHead(Locomotion& loco, glm::vec3 head, float radians);

// Recentre: moves and turns the stage so that the head is over `target` (x, z) facing `targetYaw`,
// given the head's current world position and yaw.
void recentre(Locomotion& loco, glm::vec3 head, float headYaw, glm::vec3 target, float targetYaw);

}  // namespace cx::xr
