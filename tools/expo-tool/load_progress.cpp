#include "load_progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <mutex>
#include <span>
#include <thread>

#include "cx/core/file.h"
#include "cx/expo/manifest.h"
#include "cx/expo/scene.h"
#include "cx/io/disk_cache.h"
#include "cx/io/expo_locator.h"
#include "cx/io/fetch.h"
#include "cx/io/fetch_queue.h"

namespace cx::tool {
namespace fs = std::filesystem;

namespace {

std::string megabytes(uint64_t bytes) { return fmt::format("{:.1f} MB", double(bytes) / double(1 << 20)); }

// One progress line, redrawn in place (TTY only).
void drawLine(const std::string& command, uint64_t done, uint64_t total, uint64_t bytes, const std::string& current) {
  std::string line = fmt::format("expo-tool {}: {}/{} files, {} {}", command, done, total, megabytes(bytes),
                                 current.empty() ? std::string() : "loading " + current);
  if (line.size() > 100) line.resize(100);
  std::fprintf(stderr, "\r%-100s", line.c_str());
  std::fflush(stderr);
}

}  // namespace

TempFolder::TempFolder(const std::string& tag) {
  std::string pattern = (fs::temp_directory_path() / fmt::format("cx-expo-tool-{}-XXXXXX", tag)).string();
  if (::mkdtemp(pattern.data())) path = pattern;
}

TempFolder::~TempFolder() {
  std::error_code ec;
  if (!path.empty()) fs::remove_all(path, ec);
}

Result<render::RenderScene> loadSceneWithProgress(const render::Context& ctx, const render::Renderer& renderer,
                                                  const std::string& locator, const std::string& command) {
  const bool tty = ::isatty(STDERR_FILENO) == 1;
  auto stream = render::startSceneStream(locator);
  render::RenderScene scene;
  render::StreamProgress p;
  auto lastDraw = std::chrono::steady_clock::now() - std::chrono::seconds(1);
  for (;;) {
    render::pollSceneStream(*stream, ctx, renderer, scene, -1.0);
    p = render::sceneStreamProgress(*stream);
    if (p.stage == render::StreamStage::Complete || p.stage == render::StreamStage::Failed) break;
    if (tty && std::chrono::steady_clock::now() - lastDraw > std::chrono::milliseconds(100)) {
      drawLine(command, p.filesDone, p.filesTotal, p.bytesDone, p.current);
      lastDraw = std::chrono::steady_clock::now();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  if (tty) std::fprintf(stderr, "\r%-100s\r", "");
  if (p.stage == render::StreamStage::Failed) {
    render::destroyRenderScene(ctx, scene);
    return makeError(p.fatalError);
  }
  scene.loadMs = p.completeMs;
  std::fprintf(stderr,
               "expo-tool %s: loaded %s: first frame after %.0f ms, complete after %.0f ms; %llu files (%llu from the "
               "cache, %llu failed), %s\n",
               command.c_str(), locator.c_str(), p.firstFrameReadyMs, p.completeMs, (unsigned long long)p.filesDone,
               (unsigned long long)p.fromCache, (unsigned long long)p.filesFailed, megabytes(p.bytesDone).c_str());
  for (const auto& e : p.errors) std::fprintf(stderr, "expo-tool %s: %s\n", command.c_str(), e.c_str());
  return scene;
}

Status mirrorExpo(const std::string& url, const fs::path& folder, const std::string& command) {
  const bool tty = ::isatty(STDERR_FILENO) == 1;
  if (folder.empty()) return makeError("could not create a temporary folder for the download");
  std::string manifestUrl = url.ends_with('/') ? url + "expo.json" : url;
  io::DiskCache cache;
  io::FetchBudget budget(uint64_t(4) << 30);
  io::FetchProgress progress;
  io::FetchOptions options;
  options.cache = cache.dir.empty() ? nullptr : &cache;
  options.budget = &budget;
  options.progress = &progress;
  auto manifest = io::fetch(manifestUrl, options);
  if (!manifest) return manifest.error();
  std::string_view text(reinterpret_cast<const char*>(manifest->bytes.data()), manifest->bytes.size());
  auto parsed = expo::parseExpoManifest(text, manifestUrl);
  if (!parsed) return parsed.error();
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (Status s = writeFileAtomic(folder / "expo.json", text); !s) return s;
  expo::ExpoScene scene = expo::buildScene(*parsed);
  std::vector<std::string> failures;
  {
    io::FetchQueue queue(options, 4);
    std::mutex mutex;
    for (const auto& m : scene.models) {
      auto resolved = io::resolveExpoLocator(manifestUrl, m.path);
      if (!resolved) return makeError(fmt::format("manifest refused: {}", resolved.message()));
      queue.submit(*resolved, 0, [&, path = m.path](Result<io::FetchResult> r) {
        std::lock_guard lock(mutex);
        if (!r) {
          failures.push_back(r.message());
          return;
        }
        fs::path out = folder / path;
        std::error_code dirError;
        fs::create_directories(out.parent_path(), dirError);
        if (Status s = writeFileAtomic(out, std::span<const uint8_t>(r->bytes)); !s)
          failures.push_back(s.message());
      });
    }
    while (progress.filesDone.load() < progress.filesTotal.load()) {
      if (tty) drawLine(command, progress.filesDone.load() + 1, progress.filesTotal.load() + 1, progress.bytesDone.load(), "");
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    queue.waitIdle();
  }
  if (tty) std::fprintf(stderr, "\r%-100s\r", "");
  std::fprintf(stderr, "expo-tool %s: downloaded %s: %zu files, %s\n", command.c_str(), manifestUrl.c_str(),
               scene.models.size() + 1, megabytes(progress.bytesDone.load()).c_str());
  for (const auto& f : failures) std::fprintf(stderr, "expo-tool %s: %s\n", command.c_str(), f.c_str());
  return {};
}

}  // namespace cx::tool
