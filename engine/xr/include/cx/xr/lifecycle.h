#pragma once
// The session lifecycle as plain logic (no runtime calls), so every transition is unit-tested:
// IDLE, READY, SYNCHRONIZED, VISIBLE, FOCUSED, STOPPING, LOSS_PENDING, EXITING. The frame loop
// polls events, feeds each state change here and performs the returned action.
#include <openxr/openxr.h>

#include <vector>

namespace cx::xr {

enum class LifecycleAction {
  None,
  BeginSession,     // READY: xrBeginSession, then run the frame loop
  EndSession,       // STOPPING: xrEndSession, stop the frame loop
  RecreateSession,  // LOSS_PENDING: tear the session down and try to create a new one
  Exit,             // EXITING: destroy the session and leave
};

struct Lifecycle {
  XrSessionState state = XR_SESSION_STATE_UNKNOWN;
  bool running = false;        // between xrBeginSession and xrEndSession: frames must be submitted
  bool exitRequested = false;  // the app asked for xrRequestExitSession
  std::vector<XrSessionState> history;  // every state seen, in order
};

LifecycleAction onSessionStateChanged(Lifecycle& lifecycle, XrSessionState state);

// The frame loop runs (xrWaitFrame/xrBeginFrame/xrEndFrame) while the session is running; input is
// only read when FOCUSED.
inline bool framesRunning(const Lifecycle& l) { return l.running; }
inline bool inputFocused(const Lifecycle& l) { return l.state == XR_SESSION_STATE_FOCUSED; }

const char* sessionStateName(XrSessionState state);

}  // namespace cx::xr
