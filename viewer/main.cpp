// cloudexpo [EXPO_DIR | expo.json | URL | cloudexpo:URL | model.glb]: the CloudExpo viewer. Picks a run mode (window,
// xr, xr-simulator, offscreen) and falls back to the window when XR is not available.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <exception>

#include "cx/core/handler_link.h"
#include "cx/core/log.h"
#include "cx/core/paths.h"
#include "cx/core/sanitizer.h"
#include "cx/core/shutdown.h"
#include "cx/expo/time.h"
#include "cx/expo/version_text.h"
#include "options.h"
#include "run_modes.h"

#if defined(__SANITIZE_ADDRESS__)
// Debian's OpenXR loader 1.0.20 keeps per-instance bookkeeping allocated in xrCreateInstance that
// xrDestroyInstance never frees (tests/xrsim/xrsim_main.cpp shows it with a trivial app). The
// loader has no symbols, so the suppression names our caller of xrCreateInstance: only stacks
// through cx::xr::createRuntime are suppressed; leak detection stays on for everything else.
extern "C" const char* __lsan_default_suppressions() { return "leak:cx::xr::createRuntime\n"; }
#endif

int main(int argc, char** argv) {
  using namespace cx::viewer;
  cx::pinVulkanDriverForLeakCheck();
  cx::initLogging(cx::LogLevel::Info);
  // SIGINT / SIGTERM: every run mode leaves its loop and tears down in order (exit 0); a second one
  // ends the process at once.
  cx::installShutdownHandlers();
  CLI::App app{"CloudExpo: walk a virtual trade expo"};
  ViewerOptions o;
  std::string size = "1280x720", now, logLevel = "info", xr;
  bool xrSim = false, offscreen = false, noVsync = false;
  app.set_version_flag("--version", cx::expo::versionText("cloudexpo"));
  app.add_option("expo", o.input,
                 "expo folder, expo.json (path or http(s) URL), a cloudexpo:http(s)-URL link from a web page, or a "
                 ".gltf/.glb model (default: the bundled sample)");
  app.add_option("--xr", xr, "run on an OpenXR headset; --xr=required fails instead of falling back")
      ->expected(0, 1)
      ->default_str("");
  app.add_flag("--xr-sim", xrSim, "the XR path against the simulated headset, shown in a window");
  app.add_flag("--offscreen", offscreen, "no display: render offscreen (screenshots, scripts, tests)");
  app.add_option("--script", o.script, "run viewer commands from FILE (see viewer/script.h)");
  app.add_option("--now", now, "the clock for the schedule, ISO 8601 (e.g. 2022-08-27T10:00:00+08:00)");
  app.add_option("--size", size, "window or offscreen size WxH")->capture_default_str();
  app.add_flag("--fullscreen", o.fullscreen, "start fullscreen (F11 toggles)");
  app.add_flag("--no-vsync", noVsync, "present without waiting for vertical sync");
  app.add_flag("--validation", o.validation, "enable the Vulkan validation layers");
  app.add_option("--export-floorplan", o.exportFloorplan, "write PREFIX.png and PREFIX.svg of the floor plan and exit");
  app.add_option("--frames", o.frames, "offscreen: frames to render when there is no script");
  app.add_option("--screenshot-dir", o.screenshotDir, "where F12 writes screenshots")->capture_default_str();
  app.add_option("--edit", o.editExhibitor, "edit mode: move and save the booth of exhibitor ID");
  app.add_option("--social", o.socialUrl, "see other visitors: a NATS server, nats://HOST:PORT or tls://HOST:PORT");
  app.add_option("--social-creds", o.socialCreds, "NATS credentials: a .creds file, or user=/password= or token= lines");
  app.add_option("--display-name", o.displayName, "the name other visitors see (nothing else about you is sent)");
  app.add_flag("--offline", o.offline, "open a URL expo from the disk cache only, without the network");
  app.add_option("--snap-turn", o.xrSnapTurnDeg, "XR: snap-turn angle in degrees")
      ->check(CLI::IsMember({30.0f, 45.0f}))
      ->capture_default_str();
  app.add_flag("--smooth-turn", o.xrSmoothTurn, "XR: turn smoothly instead of in snaps (with a comfort vignette)");
  app.add_flag("--seated", o.xrSeated, "XR: seated visitor (adds a height offset; the menu button recentres)");
  app.add_option("--views-per-pass", o.viewsPerPass,
                 "XR: stereo in one multiview pass (all), one pass per view (1), or auto: multiview unless the "
                 "device's multiview drops near-clipped triangles")
      ->transform(CLI::CheckedTransformer(cx::render::viewsPerPassNames(), CLI::ignore_case))
      ->default_str("auto");
  app.add_option("--log", logLevel, "trace, debug, info, warn, error, off")->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  cx::setLogLevel(cx::parseLogLevel(logLevel));
  if (cx::isHandlerLink(o.input)) {  // from a web page, through x-scheme-handler/cloudexpo
    auto url = cx::expoUrlFromHandlerLink(o.input);
    if (!url) {
      std::fprintf(stderr, "%s\n", url.message().c_str());
      return 2;
    }
    o.input = *url;
  }
  if (std::sscanf(size.c_str(), "%dx%d", &o.width, &o.height) != 2 || o.width <= 0 || o.height <= 0) {
    std::fprintf(stderr, "cloudexpo: --size: expected WxH, got \"%s\"\n", size.c_str());
    return 2;
  }
  if (!now.empty()) {
    o.nowUnix = cx::expo::parseIsoDateTime(now);
    if (!o.nowUnix) {
      std::fprintf(stderr, "cloudexpo: --now: expected ISO 8601 with an offset, got \"%s\"\n", now.c_str());
      return 2;
    }
  }
  o.vsync = !noVsync;
  if (app.count("--xr")) {
    o.mode = RunMode::Xr;
    o.xrRequired = xr == "required";
  }
  if (xrSim) o.mode = RunMode::XrSimulator;
  if (offscreen) o.mode = RunMode::Offscreen;
  try {
    if (!o.exportFloorplan.empty()) return exportFloorplanAndExit(o);
    switch (o.mode) {
      case RunMode::Offscreen:
        return runOffscreenMode(o);
      case RunMode::Xr:
        return runXrMode(o, false);
      case RunMode::XrSimulator:
        // The simulated runtime, through the loader like any other, shown in its mirror window.
        setenv("XR_RUNTIME_JSON", cx::xrSimRuntimeManifest().c_str(), 0);
        setenv("CX_XRSIM_WINDOW", "1", 1);
        // Simulate controllers with a thumbstick (teleport, turn) unless the user picked a profile.
        setenv("CX_XRSIM_PROFILE", "/interaction_profiles/valve/index_controller", 0);
        return runXrMode(o, true);
      case RunMode::Window:
        return runWindowMode(o);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "cloudexpo: fatal: %s\n", e.what());
    return 70;
  }
  return 0;
}
