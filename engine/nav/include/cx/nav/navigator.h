#pragma once
// Camera navigation from plain input: walk (on the floor, with collision), fly (free, no
// collision) and orbit (around a target). The viewer turns keys and mouse into a NavInput each
// frame and calls updateNavigator; nothing here knows a window. Angles follow cx/nav/camera.h.
#include <cstdint>
#include <optional>

#include <glm/glm.hpp>

#include "cx/expo/expo.h"
#include "cx/expo/scene.h"
#include "cx/nav/camera.h"
#include "cx/nav/collision.h"

namespace cx::nav {

enum class NavMode { Walk, Fly, Orbit };

struct NavSettings {
  float walkSpeed = 1.6f;            // m/s
  float runMultiplier = 2.5f;        // walk and fly speed factor while `run` is held
  float flySpeed = 8.0f;             // m/s
  float mouseSensitivity = 0.0025f;  // radians per pixel of look delta
  float eyeHeight = 1.65f;           // metres above the floor in walk mode
  float radius = 0.3f;               // the walker's collision circle, metres
  bool invertY = false;              // mouse up looks down
  float flyMinHeight = 0.2f;         // fly mode keeps the eye at least this high
  float orbitMinDistance = 1.0f;
  float orbitMaxDistance = 500.0f;
  float zoomStep = 0.1f;  // one wheel unit changes the orbit distance by this fraction
  float maxDt = 0.5f;     // longer frames (a stall) are cut to this, seconds
};

struct NavInput {
  glm::vec3 move{0.0f};       // x right, y up, z forward; each -1..1 (longer vectors are normalised)
  glm::vec2 lookDelta{0.0f};  // pixels the mouse moved: +x right (turns right), +y down (looks down)
  float zoom = 0.0f;          // orbit wheel units; positive moves closer
  bool run = false;
  float dt = 0.0f;  // seconds since the last update
};

// A camera pose to arrive at: position, yaw, pitch as in CameraPose.
struct Viewpoint {
  glm::vec3 position{0.0f};
  float yaw = 0.0f;
  float pitch = 0.0f;
};

// A smooth move of the camera in progress (see startGoTo).
struct GoToTransition {
  bool active = false;
  Viewpoint from;
  Viewpoint to;
  float elapsed = 0.0f;
  float duration = 0.0f;
};

struct Navigator {
  NavMode mode = NavMode::Walk;
  CameraPose pose{{0.0f, 1.65f, 0.0f}, 0.0f, 0.0f};
  glm::vec3 orbitTarget{0.0f};
  float orbitDistance = 10.0f;
  GoToTransition transition;
};

// Advances the navigator by one frame. Walk: the look delta turns, move.x/z walk relative to yaw
// (pitch ignored), y is held at eyeHeight, and with a world the step goes through
// moveWithCollision. Fly: 6-DoF along the view direction, right and world up, no collision, y kept
// >= flyMinHeight. Orbit: the look delta turns around orbitTarget, zoom scales orbitDistance
// (clamped to [orbitMinDistance, orbitMaxDistance]), move is ignored. While a go-to runs, input is
// ignored and only dt counts.
void updateNavigator(Navigator& nav, const NavInput& input, const NavSettings& settings,
                     const CollisionWorld* world);

// Switches mode without a jump: entering orbit places the target orbitDistance ahead of the eye;
// entering walk puts the eye at eyeHeight.
void setMode(Navigator& nav, NavMode mode, const NavSettings& settings);

// Sets the point to orbit around; distance <= 0 keeps the current distance. In orbit mode the pose
// follows at once (same yaw and pitch); the mode is not changed.
void setOrbitTarget(Navigator& nav, glm::vec3 target, float distance = 0.0f);

// Starts a smooth move from the current pose to `to` over `seconds` (ease-in-out on position and
// angles; yaw turns the short way round). Input is ignored until it ends, exactly at `to`, in walk
// mode. seconds <= 0 jumps at once.
void startGoTo(Navigator& nav, const Viewpoint& to, float seconds = 1.2f);
void cancelGoTo(Navigator& nav);
bool isTransitioning(const Navigator& nav);

// Ease-in-out (smoothstep) on 0..1: monotonic, flat at both ends.
float easeInOut(float t);

// A place to look at booth `boothIndex` from: in the aisle in front of it (its local +Z side), at
// `eyeHeight`, facing the booth centre with a slight downward pitch toward half its height.
// Distance from the footprint edge: max(2.5 m, 0.7 x the face width) - enough to fit the whole
// front into a ~70 degree field of view - or less, down to the walker's radius, until the spot
// is walkable (for a circle of `radius`) and the line of sight to the face is clear of other
// booths and walls. When the front is blocked the other sides are tried (+X, -X, then the back),
// then the nearest walkable spot around the booth. nullopt for a bad index or when nothing around
// the booth (within 30 m) is walkable.
std::optional<Viewpoint> boothViewpoint(const expo::Expo& expo, const expo::ExpoScene& scene,
                                        const CollisionWorld& world, uint32_t boothIndex, float eyeHeight,
                                        float radius = 0.3f);

}  // namespace cx::nav
