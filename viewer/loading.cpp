#include "loading.h"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "cx/core/paths.h"
#include "options.h"
#include "visit.h"

namespace cx::viewer {

namespace {

void refreshProgress(VisitLoading& loading) {
  loading.progress = render::sceneStreamProgress(*loading.stream);
  const render::StreamProgress& p = loading.progress;
  ui::LoadingInfo& info = loading.info;
  info.active = p.stage != render::StreamStage::Complete && p.stage != render::StreamStage::Failed;
  info.filesDone = p.filesDone;
  info.filesTotal = p.filesTotal;
  info.filesFailed = p.filesFailed;
  info.bytesDone = p.bytesDone;
  info.current = p.current;
  info.errors = p.errors;
}

void reportIfComplete(VisitLoading& loading) {
  if (loading.reported || loading.progress.stage != render::StreamStage::Complete) return;
  loading.reported = true;
  const render::StreamProgress& p = loading.progress;
  spdlog::info("loaded {}: first frame after {:.0f} ms, complete after {:.0f} ms ({} files, {} bytes, {} from the "
               "cache, {} failed)",
               loading.locator, p.firstFrameReadyMs, p.completeMs, p.filesDone, p.bytesDone, p.fromCache,
               p.filesFailed);
}

}  // namespace

std::string startVisitLoading(const render::Context& ctx, const render::Renderer& renderer,
                              const ViewerOptions& options, Visit& visit) {
  VisitLoading& loading = visit.loading;
  loading.locator = options.input.empty() ? defaultExpoPath().string() : options.input;
  render::SceneStreamOptions streamOptions;
  streamOptions.offline = options.offline;
  loading.stream = render::startSceneStream(loading.locator, streamOptions);
  render::StreamProgress p =
      render::pollSceneStreamUntil(*loading.stream, ctx, renderer, visit.scene, render::StreamStage::Streaming);
  if (p.stage == render::StreamStage::Failed) {
    render::destroyRenderScene(ctx, visit.scene);
    loading.stream.reset();
    return p.fatalError;
  }
  refreshProgress(loading);
  spdlog::info("opened {}: first frame ready after {:.0f} ms ({} of {} models, {} instances)", loading.locator,
               p.firstFrameReadyMs, p.modelsReady, p.modelsTotal, visit.scene.instances.size());
  reportIfComplete(loading);
  if (loading.reported) loading.stream.reset();
  return {};
}

void pollVisitLoading(const render::Context& ctx, const render::Renderer& renderer, Visit& visit) {
  VisitLoading& loading = visit.loading;
  if (!loading.stream || loading.reported) return;
  render::setSceneStreamFocus(*loading.stream, visit.navigator.pose.position);
  render::pollSceneStream(*loading.stream, ctx, renderer, visit.scene, 4.0);
  refreshProgress(loading);
  reportIfComplete(loading);
  if (loading.reported) loading.stream.reset();  // done: stop the worker threads
}

bool visitLoadingComplete(const Visit& visit) {
  return !visit.loading.stream || visit.loading.progress.stage == render::StreamStage::Complete ||
         visit.loading.progress.stage == render::StreamStage::Failed;
}

nlohmann::json visitLoadingJson(const Visit& visit) {
  const render::StreamProgress& p = visit.loading.progress;
  nlohmann::json j;
  j["stage"] = render::stageName(p.stage);
  j["filesDone"] = p.filesDone;
  j["filesTotal"] = p.filesTotal;
  j["filesFailed"] = p.filesFailed;
  j["bytesDone"] = p.bytesDone;
  j["modelsReady"] = p.modelsReady;
  j["modelsTotal"] = p.modelsTotal;
  j["fromCache"] = p.fromCache;
  j["current"] = p.current;
  j["errors"] = p.errors;
  j["firstFrameMs"] = p.firstFrameReadyMs;
  j["completeMs"] = p.completeMs;
  return j;
}

}  // namespace cx::viewer
