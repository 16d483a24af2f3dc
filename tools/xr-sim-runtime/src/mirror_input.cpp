#include "mirror_input.h"

#include <algorithm>

namespace cx::xrsim {

MirrorInputResult applyMirrorInput(const MirrorInputSnapshot& snap, double dt, MirrorInputState& st,
                                   SimInput& in) {
  MirrorInputResult result;
  if (snap.held(MirrorKey::Escape) && !st.exitRequested) {
    st.exitRequested = true;
    result.exitRequested = true;
  }
  // Look: right mouse drag. The first frame of a drag only records the cursor, so pressing the
  // button after moving the mouse does not jump.
  if (snap.rightButton && st.looking) {
    in.headYaw -= float(snap.cursorX - st.lastMouseX) * kMirrorLookDegPerPixel;
    in.headPitch = std::clamp(in.headPitch - float(snap.cursorY - st.lastMouseY) * kMirrorLookDegPerPixel,
                              -kMirrorMaxPitchDeg, kMirrorMaxPitchDeg);
  }
  st.looking = snap.rightButton;
  st.lastMouseX = snap.cursorX;
  st.lastMouseY = snap.cursorY;
  // Move: WASD in the horizontal plane of the view, Q/E down/up.
  const glm::quat yaw = yawPitch(in.headYaw, 0.0f);
  const glm::vec3 forward = yaw * glm::vec3(0, 0, -1), right = yaw * glm::vec3(1, 0, 0);
  glm::vec3 move(0.0f);
  if (snap.held(MirrorKey::W)) move += forward;
  if (snap.held(MirrorKey::S)) move -= forward;
  if (snap.held(MirrorKey::D)) move += right;
  if (snap.held(MirrorKey::A)) move -= right;
  if (snap.held(MirrorKey::E)) move.y += 1.0f;
  if (snap.held(MirrorKey::Q)) move.y -= 1.0f;
  in.headPosition += move * float(kMirrorMoveSpeed * dt);
  // The right hand follows the head: aim = head forward, held low and to the right.
  const Pose head{yawPitch(in.headYaw, in.headPitch), in.headPosition};
  Pose offset;
  offset.position = {0.15f, -0.25f, -0.35f};
  in.hands[1].pose = compose(head, offset);
  // Edges only, so scripted values hold until the user changes something.
  if (snap.leftButton != st.lastTrigger) in.hands[1].trigger = snap.leftButton ? 1.0f : 0.0f;
  st.lastTrigger = snap.leftButton;
  const int stickKey = snap.held(MirrorKey::Stick1)   ? 1
                       : snap.held(MirrorKey::Stick2) ? 2
                       : snap.held(MirrorKey::Stick3) ? 3
                       : snap.held(MirrorKey::Stick4) ? 4
                                                      : 0;
  if (stickKey != st.lastStickKey) {
    in.hands[1].stickX = stickKey == 3 ? -1.0f : stickKey == 4 ? 1.0f : 0.0f;
    in.hands[1].stickY = stickKey == 1 ? 1.0f : stickKey == 2 ? -1.0f : 0.0f;
  }
  st.lastStickKey = stickKey;
  return result;
}

}  // namespace cx::xrsim
