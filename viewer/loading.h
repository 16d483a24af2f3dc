#pragma once
// The viewer's side of streaming an expo in (cx/render/scene_stream.h): start it, wait only for
// the manifest and the pavilion shells before the first frame, then feed arriving models into the
// scene once per frame (a small GPU upload budget), steer it by where the visitor stands, and
// report progress to the UI, the log and the script state.
#include <memory>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "cx/render/scene_stream.h"
#include "cx/ui/ui.h"

namespace cx::viewer {

struct Visit;
struct ViewerOptions;

struct VisitLoading {
  std::shared_ptr<render::SceneStream> stream;  // null when nothing is streaming
  std::string locator;
  render::StreamProgress progress;
  ui::LoadingInfo info;  // what the loading panel shows
  bool reported = false;  // the "complete" log line has been written
};

// Starts streaming options.input (a path or an http/https URL; empty: the bundled sample) into
// visit.scene and returns once the first frame can be drawn. An error line, empty on success.
std::string startVisitLoading(const render::Context& ctx, const render::Renderer& renderer,
                              const ViewerOptions& options, Visit& visit);

// Once per frame on the render thread: uploads what has arrived (within a few milliseconds),
// moves the download focus to the visitor, refreshes the progress.
void pollVisitLoading(const render::Context& ctx, const render::Renderer& renderer, Visit& visit);

bool visitLoadingComplete(const Visit& visit);

// {"stage", "filesDone", "filesTotal", "filesFailed", "bytesDone", "modelsReady", "modelsTotal",
//  "fromCache", "current", "errors", "firstFrameMs", "completeMs"} for the `state` script command.
nlohmann::json visitLoadingJson(const Visit& visit);

}  // namespace cx::viewer
