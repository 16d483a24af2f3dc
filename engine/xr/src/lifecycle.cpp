#include "cx/xr/lifecycle.h"

namespace cx::xr {

LifecycleAction onSessionStateChanged(Lifecycle& l, XrSessionState state) {
  l.state = state;
  l.history.push_back(state);
  switch (state) {
    case XR_SESSION_STATE_READY:
      l.running = true;
      return LifecycleAction::BeginSession;
    case XR_SESSION_STATE_STOPPING:
      l.running = false;
      return LifecycleAction::EndSession;
    case XR_SESSION_STATE_LOSS_PENDING:
      l.running = false;
      return LifecycleAction::RecreateSession;
    case XR_SESSION_STATE_EXITING:
      l.running = false;
      return LifecycleAction::Exit;
    case XR_SESSION_STATE_IDLE:
    case XR_SESSION_STATE_SYNCHRONIZED:
    case XR_SESSION_STATE_VISIBLE:
    case XR_SESSION_STATE_FOCUSED:
    default:
      return LifecycleAction::None;
  }
}

const char* sessionStateName(XrSessionState state) {
  switch (state) {
    case XR_SESSION_STATE_IDLE: return "IDLE";
    case XR_SESSION_STATE_READY: return "READY";
    case XR_SESSION_STATE_SYNCHRONIZED: return "SYNCHRONIZED";
    case XR_SESSION_STATE_VISIBLE: return "VISIBLE";
    case XR_SESSION_STATE_FOCUSED: return "FOCUSED";
    case XR_SESSION_STATE_STOPPING: return "STOPPING";
    case XR_SESSION_STATE_LOSS_PENDING: return "LOSS_PENDING";
    case XR_SESSION_STATE_EXITING: return "EXITING";
    default: return "UNKNOWN";
  }
}

}  // namespace cx::xr
