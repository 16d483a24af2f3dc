#pragma once
// Streaming an expo (or one model) into a RenderScene, from a local path or an http(s) URL, with
// the same code. Files are fetched and decoded (manifest parse, glTF parse, image decode) on
// worker threads (cx::io::FetchQueue); GPU uploads happen on the caller's thread inside poll(),
// within a per-call time budget, so a frame loop calling poll() never waits on I/O.
//
// Order: the manifest, then the pavilion shells, then booth styles nearest the focus point (see
// setSceneStreamFocus; re-evaluated whenever a worker frees up), then the rest. Only a few files
// are queued at a time so a moved focus takes effect quickly.
//
// Once the manifest is in, the RenderScene already holds the expo, the ExpoScene, one GpuModel
// per scene model and the full instance list in its final order (pavilions, then booths). A model
// that has not arrived yet is an empty GpuModel (no nodes: draws nothing); when it arrives it is
// uploaded into that same GpuModel object, so DrawInstance pointers and instance indices never
// change and booths simply pop in. A model that fails becomes a placeholder and its error is
// listed. A manifest that fails (unreadable, invalid, a path escaping the expo root) fails the
// stream with a one-line message.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "cx/io/disk_cache.h"
#include "cx/io/fetch.h"
#include "cx/render/render_scene.h"

namespace cx::render {

struct SceneStreamOptions {
  io::FetchLimits limits;                        // per file
  uint64_t maxExpoBytes = uint64_t(4) << 30;     // all files of the expo together
  bool useCache = true;                          // http(s) files go through the disk cache
  std::filesystem::path cacheDir = io::defaultCacheDir();  // empty: no cache
  bool offline = false;                          // http(s) files from the cache only
  int workers = 4;                               // fetch + decode threads
};

enum class StreamStage {
  Manifest,   // fetching and parsing the manifest
  Shells,     // manifest in; pavilion shells (or the single model) loading
  Streaming,  // first frame can show; booth styles arriving
  Complete,   // every model is drawable or a placeholder
  Failed,     // the manifest (or the single model) could not be loaded: see fatalError
};
const char* stageName(StreamStage stage);

struct StreamProgress {
  StreamStage stage = StreamStage::Manifest;
  uint64_t filesTotal = 0;  // files known so far (manifest included)
  uint64_t filesDone = 0;   // finished (loaded or failed)
  uint64_t filesFailed = 0;
  uint64_t bytesDone = 0;   // body bytes delivered (network, cache or disk)
  uint32_t modelsTotal = 0;
  uint32_t modelsReady = 0;      // uploaded (placeholders included)
  uint32_t pavilionsTotal = 0;   // models used by pavilions
  uint32_t pavilionsReady = 0;
  uint32_t fromCache = 0;        // files answered by the disk cache (304 or offline)
  std::string current;           // the file most recently started
  std::vector<std::string> errors;  // per-file failures, one line each (placeholders)
  std::string fatalError;           // set when stage == Failed
  double firstFrameReadyMs = -1.0;  // since start: manifest + shells in (negative until then)
  double completeMs = -1.0;         // since start: every model in (negative until then)
};

struct SceneStream;

// Starts loading `locator`: an expo folder, an expo.json, a .gltf/.glb, or an http(s) URL of one
// of those (a URL ending in '/' means its expo.json). Never blocks on I/O.
std::shared_ptr<SceneStream> startSceneStream(std::string locator, const SceneStreamOptions& options = {});

struct PollResult {
  bool manifestArrived = false;  // this call filled scene.expo / expoScene / instances
  bool changed = false;          // models became drawable (bounds updated)
};

// Moves finished work into `scene`: on the manifest's arrival sets up the scene; then uploads
// decoded models until `budgetMs` has passed (at least one per call; a negative budget uploads
// everything that is ready). Call from the thread that renders; `scene` must start empty and be
// fed by one stream only.
PollResult pollSceneStream(SceneStream& stream, const Context& ctx, const Renderer& renderer, RenderScene& scene,
                           double budgetMs = 4.0);

// The visitor's position (world metres): booth styles used nearest to it are fetched first.
void setSceneStreamFocus(SceneStream& stream, glm::vec3 position);

StreamProgress sceneStreamProgress(const SceneStream& stream);

// Blocks until the stage is at least `stage` (or Failed), polling `scene` meanwhile: for tools,
// tests and the synchronous wrapper. Returns the final progress.
StreamProgress pollSceneStreamUntil(SceneStream& stream, const Context& ctx, const Renderer& renderer,
                                    RenderScene& scene, StreamStage stage);

// Synchronous load of a locator through the stream (start, then poll until complete).
Result<RenderScene> loadRenderSceneFrom(const Context& ctx, const Renderer& renderer, const std::string& locator,
                                        const SceneStreamOptions& options = {});

}  // namespace cx::render
