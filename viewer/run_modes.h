#pragma once
#include "options.h"

namespace cx::viewer {

// Each returns the process exit code. A failure to get a display or a device is reported with a
// one-line message.
int runWindowMode(const ViewerOptions& options);
int runOffscreenMode(const ViewerOptions& options);
// --xr / --xr-sim (`simulator`): the OpenXR path. Without a runtime or headset it prints why and runs
// the window mode, or returns 5 when options.xrRequired.
int runXrMode(const ViewerOptions& options, bool simulator);

}  // namespace cx::viewer

namespace cx::viewer {
// --export-floorplan PREFIX: loads the expo, writes PREFIX.png and PREFIX.svg, returns the exit code.
int exportFloorplanAndExit(const ViewerOptions& options);
}  // namespace cx::viewer
