#pragma once
// Command-line options of the cloudexpo viewer and its run modes.
#include <cstdint>
#include <optional>
#include <string>

#include "cx/render/views_per_pass.h"

namespace cx::viewer {

enum class RunMode { Window, Xr, XrSimulator, Offscreen };

struct ViewerOptions {
  std::string input;  // expo folder, expo.json or a .gltf/.glb; empty: the bundled sample
  RunMode mode = RunMode::Window;
  bool xrRequired = false;  // --xr=required: fail instead of falling back to the window
  std::string script;
  std::optional<int64_t> nowUnix;  // --now override of the schedule clock
  int width = 1280;
  int height = 720;
  bool fullscreen = false;
  bool vsync = true;
  bool validation = false;
  std::string exportFloorplan;  // PREFIX: writes PREFIX.png and PREFIX.svg, then exits
  int frames = 0;               // offscreen: frames to run when there is no script (default 1)
  std::string screenshotDir = ".";
  // --edit EXHIBITOR_ID: exhibitor edit mode (move only that exhibitor's booth; issue 7).
  std::string editExhibitor;
  // --offline: open a cached URL expo without the network (issue 8).
  bool offline = false;
  // XR comfort settings (docs/xr.md).
  float xrSnapTurnDeg = 45.0f;  // --snap-turn: 30 or 45
  bool xrSmoothTurn = false;    // --smooth-turn: turn continuously (with a comfort vignette)
  bool xrSeated = false;        // --seated: raise the eye height for a seated visitor
  // --views-per-pass: how stereo frames are drawn (views_per_pass.h; auto probes the device).
  render::ViewsPerPass viewsPerPass = render::ViewsPerPass::Auto;
  // Presence (docs/social.md): off unless --social names a server. Only the display name the
  // user chose is sent ("Visitor" when none).
  std::string socialUrl;    // --social nats://HOST:PORT | tls://HOST:PORT
  std::string socialCreds;  // --social-creds FILE
  std::string displayName;  // --display-name NAME
};

}  // namespace cx::viewer
