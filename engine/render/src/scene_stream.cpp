#include "cx/render/scene_stream.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <limits>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>

#include "cx/assets/gltf.h"
#include "cx/expo/expo_assets.h"
#include "cx/expo/manifest.h"
#include "cx/io/disk_cache.h"
#include "cx/io/expo_locator.h"
#include "cx/io/fetch_queue.h"
#include "scene_stream_internal.h"

namespace cx::render {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kManifestPriority = 0;
constexpr int kShellPriority = 1;
constexpr int kStylePriority = 2;
// A .gltf fetched from a URL has no folder on disk: external buffers and images (anything but
// data: URIs) are looked up here, which does not exist, and fail cleanly.
constexpr const char* kNoBaseDir = "/nonexistent/cloudexpo-url-model";

bool endsWithModelExtension(std::string_view locator) {
  // Ignore a URL query or fragment when looking at the extension.
  size_t cut = locator.find_first_of("?#");
  if (cut != std::string_view::npos && io::isUrlLocator(locator)) locator = locator.substr(0, cut);
  std::string lower(locator.substr(locator.size() >= 5 ? locator.size() - 5 : 0));
  for (auto& c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
  return lower.ends_with(".glb") || lower.ends_with(".gltf");
}

std::string shortName(std::string_view locator) {
  size_t slash = locator.find_last_of('/');
  return std::string(slash == std::string_view::npos ? locator : locator.substr(slash + 1));
}

}  // namespace

const char* stageName(StreamStage stage) {
  switch (stage) {
    case StreamStage::Manifest: return "manifest";
    case StreamStage::Shells: return "shells";
    case StreamStage::Streaming: return "streaming";
    case StreamStage::Complete: return "complete";
    case StreamStage::Failed: return "failed";
  }
  return "?";
}

struct SceneStream {
  std::string locator;  // the manifest or model, after folder -> expo.json
  bool singleModel = false;
  SceneStreamOptions options;
  io::DiskCache cache;
  std::unique_ptr<io::FetchBudget> budget;
  io::FetchProgress fetchProgress;
  Clock::time_point start = Clock::now();

  mutable std::mutex mutex;
  // Guarded by `mutex` (workers and the polling thread).
  bool stopping = false;
  bool manifestParsed = false;
  std::optional<expo::Expo> parsedExpo;
  std::optional<expo::ExpoScene> parsedScene;
  std::string fatal;
  std::deque<uint32_t> pendingShells;
  std::vector<uint32_t> pendingStyles;
  int inFlight = 0;
  int window = 6;
  glm::vec3 focus{0.0f};
  std::deque<detail::ReadyModel> ready;
  std::string current;
  uint64_t filesDone = 0, filesFailed = 0;
  uint32_t fromCache = 0;
  StreamStage stage = StreamStage::Manifest;
  uint32_t modelsTotal = 0, modelsReady = 0, pavilionsTotal = 0, pavilionsReady = 0;
  std::vector<std::string> modelErrors;  // per model; empty when fine
  double firstFrameReadyMs = -1.0, completeMs = -1.0;

  // Written once by the manifest worker before any model job is submitted, read-only afterwards.
  std::vector<expo::SceneModel> models;
  std::vector<std::string> modelLocators;
  std::vector<bool> isShell;
  std::vector<std::vector<glm::vec2>> usedAt;  // per model: where its booths stand (x, z)

  // Polling thread only.
  bool manifestDelivered = false;

  std::unique_ptr<io::FetchQueue> queue;  // destroyed first (see the destructor)

  ~SceneStream() {
    {
      std::lock_guard lock(mutex);
      stopping = true;
    }
    queue.reset();  // cancels and joins; callbacks see `stopping` and do nothing
  }

  double msSinceStart() const {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  }

  // Submits the next files while fewer than `window` are in flight. Holds `mutex`.
  void pumpLocked() {
    while (!stopping && inFlight < window && (!pendingShells.empty() || !pendingStyles.empty())) {
      uint32_t index = 0;
      int priority = kShellPriority;
      if (!pendingShells.empty()) {
        index = pendingShells.front();
        pendingShells.pop_front();
      } else {
        // The style used nearest to the focus.
        size_t best = 0;
        float bestDistance = std::numeric_limits<float>::max();
        glm::vec2 f(focus.x, focus.z);
        for (size_t i = 0; i < pendingStyles.size(); ++i) {
          float d = std::numeric_limits<float>::max() * 0.5f;
          for (glm::vec2 p : usedAt[pendingStyles[i]]) d = std::min(d, glm::dot(p - f, p - f));
          if (d < bestDistance) {
            bestDistance = d;
            best = i;
          }
        }
        index = pendingStyles[best];
        pendingStyles.erase(pendingStyles.begin() + std::ptrdiff_t(best));
        priority = kStylePriority;
      }
      ++inFlight;
      current = modelLocators[index];
      queue->submit(modelLocators[index], priority,
                    [this, index](Result<io::FetchResult> fetched) { onModelFetched(index, std::move(fetched)); });
    }
  }

  void onModelFetched(uint32_t index, Result<io::FetchResult> fetched) {
    {
      std::lock_guard lock(mutex);
      if (stopping) return;
    }
    const expo::SceneModel& model = models[index];
    bool cached = fetched && fetched->fromCache;
    expo::ExpoModelLoad load;
    if (!fetched) {
      load = expo::finishExpoModelLoad(model, fetched.error());
    } else {
      const std::string& where = modelLocators[index];
      fs::path baseDir = io::isUrlLocator(where) ? fs::path(kNoBaseDir) : fs::path(where).parent_path();
      assets::GltfLoadOptions gltfOptions;
      gltfOptions.maxFileBytes = options.limits.maxBytes;
      load = expo::finishExpoModelLoad(model, assets::loadGltfFromMemory(fetched->bytes, where, baseDir, gltfOptions));
    }
    std::lock_guard lock(mutex);
    if (stopping) return;
    --inFlight;
    ++filesDone;
    if (!fetched) ++filesFailed;
    if (cached) ++fromCache;
    ready.push_back({index, std::move(load)});
    pumpLocked();
  }

  void fail(std::string message) {
    std::lock_guard lock(mutex);
    fatal = std::move(message);
    stage = StreamStage::Failed;
  }

  void onManifestFetched(Result<io::FetchResult> fetched) {
    {
      std::lock_guard lock(mutex);
      if (stopping) return;
      ++filesDone;
      if (!fetched) ++filesFailed;
      if (fetched && fetched->fromCache) ++fromCache;
    }
    if (!fetched) return fail(fetched.message());
    std::string_view text(reinterpret_cast<const char*>(fetched->bytes.data()), fetched->bytes.size());
    std::vector<std::string> warnings;
    auto parsed = expo::parseExpoManifest(text, locator, &warnings);
    if (!parsed) return fail(parsed.message());
    for (const auto& w : warnings) spdlog::warn("{}", w);
    if (!io::isUrlLocator(locator)) {
      // On disk the paths must also stay inside the root after resolving symlinks.
      expo::ValidateOptions validate;
      validate.sourceName = locator;
      validate.root = fs::path(locator).parent_path();
      if (validate.root.empty()) validate.root = ".";
      if (Status ok = expo::validateExpo(*parsed, validate); !ok) return fail(ok.message());
    }
    expo::ExpoScene scene = expo::buildScene(*parsed);
    // Every model path must resolve inside the expo root; one that does not refuses the manifest.
    std::vector<std::string> locators;
    for (const auto& m : scene.models) {
      auto resolved = io::resolveExpoLocator(locator, m.path);
      if (!resolved) return fail(fmt::format("manifest refused: {}", resolved.message()));
      locators.push_back(std::move(*resolved));
    }
    std::vector<bool> shell(scene.models.size(), false);
    std::vector<std::vector<glm::vec2>> usedAtModel(scene.models.size());
    for (const auto& p : scene.pavilions) {
      if (p.model < shell.size()) shell[p.model] = true;
    }
    for (const auto& b : scene.booths) {
      if (b.model < usedAtModel.size()) usedAtModel[b.model].push_back(glm::vec2(b.world[3].x, b.world[3].z));
    }
    std::lock_guard lock(mutex);
    if (stopping) return;
    models = scene.models;
    modelLocators = std::move(locators);
    isShell = std::move(shell);
    usedAt = std::move(usedAtModel);
    modelsTotal = uint32_t(models.size());
    modelErrors.assign(models.size(), {});
    for (uint32_t i = 0; i < modelsTotal; ++i) {
      if (isShell[i]) {
        pendingShells.push_back(i);
        ++pavilionsTotal;
      } else {
        pendingStyles.push_back(i);
      }
    }
    parsedExpo = std::move(*parsed);
    parsedScene = std::move(scene);
    manifestParsed = true;
    pumpLocked();
  }

  void onSingleModelFetched(Result<io::FetchResult> fetched) {
    {
      std::lock_guard lock(mutex);
      if (stopping) return;
      ++filesDone;
      if (!fetched) ++filesFailed;
      if (fetched && fetched->fromCache) ++fromCache;
    }
    if (!fetched) return fail(fetched.message());
    fs::path baseDir = io::isUrlLocator(locator) ? fs::path(kNoBaseDir) : fs::path(locator).parent_path();
    assets::GltfLoadOptions gltfOptions;
    gltfOptions.maxFileBytes = options.limits.maxBytes;
    auto model = assets::loadGltfFromMemory(fetched->bytes, locator, baseDir, gltfOptions);
    if (!model) return fail(model.message());
    std::lock_guard lock(mutex);
    if (stopping) return;
    modelsTotal = 1;
    modelErrors.assign(1, {});
    ready.push_back({0, expo::ExpoModelLoad{std::move(*model), false, {}}});
  }
};

namespace {

void growBounds(RenderScene& scene, const GpuModel& model, const glm::mat4& world, bool& first) {
  for (int i = 0; i < 8; ++i) {
    glm::vec3 corner((i & 1) ? model.boundsMax.x : model.boundsMin.x, (i & 2) ? model.boundsMax.y : model.boundsMin.y,
                     (i & 4) ? model.boundsMax.z : model.boundsMin.z);
    glm::vec3 p = glm::vec3(world * glm::vec4(corner, 1.0f));
    if (first) {
      scene.boundsMin = scene.boundsMax = p;
      first = false;
    } else {
      scene.boundsMin = glm::min(scene.boundsMin, p);
      scene.boundsMax = glm::max(scene.boundsMax, p);
    }
  }
}

}  // namespace

namespace detail {

void buildExpoInstances(RenderScene& scene) {
  scene.instances.clear();
  for (const auto& p : scene.expoScene->pavilions) {
    if (p.model == expo::kNoIndex || p.model >= scene.models.size()) continue;
    scene.instances.push_back({scene.models[p.model].get(), p.world, glm::vec4(1.0f)});
  }
  for (const auto& b : scene.expoScene->booths) {
    if (b.model == expo::kNoIndex || b.model >= scene.models.size()) continue;
    // Style models are neutral; the exhibitor's colour tints the whole booth until per-material
    // accents arrive with the signage work.
    glm::vec3 tint = glm::mix(glm::vec3(1.0f), b.primaryColor, 0.6f);
    scene.instances.push_back({scene.models[b.model].get(), b.world, glm::vec4(tint, 1.0f)});
  }
}

void updateSceneBounds(RenderScene& scene) {
  bool first = true;
  for (const auto& inst : scene.instances) {
    if (inst.model && !inst.model->nodes.empty()) growBounds(scene, *inst.model, inst.transform, first);
  }
  if (first) scene.boundsMin = scene.boundsMax = glm::vec3(0.0f);
}

}  // namespace detail

std::shared_ptr<SceneStream> startSceneStream(std::string locator, const SceneStreamOptions& options) {
  auto stream = std::make_shared<SceneStream>();
  if (locator.empty()) locator.push_back('.');  // the current folder (push_back: GCC 12 -Wrestrict false positive)
  if (io::isUrlLocator(locator)) {
    if (locator.ends_with('/')) locator += "expo.json";
  } else {
    std::error_code ec;
    if (fs::is_directory(fs::path(locator), ec)) locator = (fs::path(locator) / "expo.json").string();
  }
  stream->locator = locator;
  stream->singleModel = endsWithModelExtension(locator);
  stream->options = options;
  stream->cache.dir = options.cacheDir;
  stream->budget = std::make_unique<io::FetchBudget>(options.maxExpoBytes);
  stream->window = std::max(2, options.workers + 2);

  io::FetchOptions fetchOptions;
  fetchOptions.limits = options.limits;
  fetchOptions.cache = options.useCache && !options.cacheDir.empty() ? &stream->cache : nullptr;
  fetchOptions.offline = options.offline;
  fetchOptions.budget = stream->budget.get();
  fetchOptions.progress = &stream->fetchProgress;
  stream->queue = std::make_unique<io::FetchQueue>(fetchOptions, std::max(1, options.workers));

  SceneStream* s = stream.get();
  std::lock_guard lock(s->mutex);
  s->current = locator;
  if (s->singleModel) {
    s->stage = StreamStage::Shells;
    s->queue->submit(locator, kManifestPriority,
                     [s](Result<io::FetchResult> fetched) { s->onSingleModelFetched(std::move(fetched)); });
  } else {
    s->queue->submit(locator, kManifestPriority,
                     [s](Result<io::FetchResult> fetched) { s->onManifestFetched(std::move(fetched)); });
  }
  return stream;
}

void setSceneStreamFocus(SceneStream& stream, glm::vec3 position) {
  std::lock_guard lock(stream.mutex);
  stream.focus = position;
}

PollResult pollSceneStream(SceneStream& stream, const Context& ctx, const Renderer& renderer, RenderScene& scene,
                           double budgetMs) {
  PollResult result;
  const Clock::time_point begin = Clock::now();
  if (!stream.singleModel && !stream.manifestDelivered) {
    std::lock_guard lock(stream.mutex);
    if (stream.manifestParsed) {
      scene.expo = std::move(stream.parsedExpo);
      scene.expoScene = std::move(stream.parsedScene);
      stream.parsedExpo.reset();
      stream.parsedScene.reset();
      scene.models.clear();
      for (const auto& m : stream.models) {
        auto empty = std::make_unique<GpuModel>();
        empty->name = m.path;
        scene.models.push_back(std::move(empty));
      }
      detail::buildExpoInstances(scene);
      stream.manifestDelivered = true;
      stream.stage = StreamStage::Shells;
      result.manifestArrived = true;
    }
  }
  bool changed = false;
  for (;;) {
    detail::ReadyModel next;
    {
      std::lock_guard lock(stream.mutex);
      if (stream.ready.empty()) break;
      if (changed && budgetMs >= 0.0 &&
          std::chrono::duration<double, std::milli>(Clock::now() - begin).count() >= budgetMs)
        break;
      next = std::move(stream.ready.front());
      stream.ready.pop_front();
    }
    GpuModel uploaded = uploadModel(ctx, renderer, next.load.model);
    changed = true;
    if (stream.singleModel) {
      scene.models.clear();
      scene.models.push_back(std::make_unique<GpuModel>(std::move(uploaded)));
      scene.instances.assign(1, {scene.models[0].get(), glm::mat4(1.0f), glm::vec4(1.0f)});
    } else if (next.index < scene.models.size()) {
      // Same object: DrawInstance pointers stay valid. The empty model it replaces owns nothing.
      *scene.models[next.index] = std::move(uploaded);
    }
    std::lock_guard lock(stream.mutex);
    ++stream.modelsReady;
    if (!stream.singleModel && next.index < stream.isShell.size() && stream.isShell[next.index])
      ++stream.pavilionsReady;
    if (next.load.placeholder && next.index < stream.modelErrors.size()) {
      spdlog::warn("{}", next.load.error);
      stream.modelErrors[next.index] = next.load.error;
    }
  }
  if (changed) {
    if (stream.singleModel) {
      const GpuModel& m = *scene.models[0];
      scene.boundsMin = m.boundsMin;
      scene.boundsMax = m.boundsMax;
    } else {
      detail::updateSceneBounds(scene);
    }
    scene.errors.clear();
    std::lock_guard lock(stream.mutex);
    for (const auto& e : stream.modelErrors) {
      if (!e.empty()) scene.errors.push_back(e);
    }
  }
  result.changed = changed;
  std::lock_guard lock(stream.mutex);
  if (stream.stage == StreamStage::Shells && (stream.singleModel ? stream.modelsReady == 1
                                                                  : stream.pavilionsReady == stream.pavilionsTotal)) {
    stream.stage = StreamStage::Streaming;
    stream.firstFrameReadyMs = stream.msSinceStart();
  }
  if (stream.stage == StreamStage::Streaming && stream.modelsReady == stream.modelsTotal) {
    stream.stage = StreamStage::Complete;
    stream.completeMs = stream.msSinceStart();
  }
  return result;
}

StreamProgress sceneStreamProgress(const SceneStream& stream) {
  std::lock_guard lock(stream.mutex);
  StreamProgress p;
  p.stage = stream.stage;
  p.filesTotal = 1 + (stream.singleModel ? 0 : stream.models.size());
  p.filesDone = stream.filesDone;
  p.filesFailed = stream.filesFailed;
  p.bytesDone = stream.fetchProgress.bytesDone.load();
  p.modelsTotal = stream.modelsTotal;
  p.modelsReady = stream.modelsReady;
  p.pavilionsTotal = stream.pavilionsTotal;
  p.pavilionsReady = stream.pavilionsReady;
  p.fromCache = stream.fromCache;
  p.current = stream.stage == StreamStage::Complete ? std::string() : shortName(stream.current);
  for (const auto& e : stream.modelErrors) {
    if (!e.empty()) p.errors.push_back(e);
  }
  p.fatalError = stream.fatal;
  p.firstFrameReadyMs = stream.firstFrameReadyMs;
  p.completeMs = stream.completeMs;
  return p;
}

StreamProgress pollSceneStreamUntil(SceneStream& stream, const Context& ctx, const Renderer& renderer,
                                    RenderScene& scene, StreamStage stage) {
  for (;;) {
    pollSceneStream(stream, ctx, renderer, scene, -1.0);
    StreamProgress p = sceneStreamProgress(stream);
    if (p.stage == StreamStage::Failed || int(p.stage) >= int(stage)) return p;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

Result<RenderScene> loadRenderSceneFrom(const Context& ctx, const Renderer& renderer, const std::string& locator,
                                        const SceneStreamOptions& options) {
  auto start = Clock::now();
  auto stream = startSceneStream(locator, options);
  RenderScene scene;
  StreamProgress p = pollSceneStreamUntil(*stream, ctx, renderer, scene, StreamStage::Complete);
  if (p.stage == StreamStage::Failed) {
    destroyRenderScene(ctx, scene);
    return makeError(p.fatalError);
  }
  scene.loadMs = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  return scene;
}

}  // namespace cx::render
