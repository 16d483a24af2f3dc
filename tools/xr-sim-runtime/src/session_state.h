#pragma once
// Session state transitions shared by session.cpp (xrRequestExitSession) and frame.cpp (script).
#include "runtime.h"

namespace cx::xrsim {

// Walks the session down to STOPPING (FOCUSED -> VISIBLE -> SYNCHRONIZED -> STOPPING).
void requestExit(Session& session);
// Moves the session to LOSS_PENDING; later calls return XR_SESSION_LOSS_PENDING.
void markLossPending(Session& session);

}  // namespace cx::xrsim
