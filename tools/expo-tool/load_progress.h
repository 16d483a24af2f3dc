#pragma once
// Loading an expo from a path or an http(s) URL for expo-tool, with a progress line on the
// terminal: redrawn in place on stderr when stderr is a TTY, otherwise one summary line at the end.
#include <filesystem>
#include <string>

#include "cx/core/result.h"
#include "cx/render/scene_stream.h"

namespace cx::tool {

// Streams `locator` into a RenderScene (start + poll until complete) and prints the progress and,
// at the end, time to first frame and to complete, files, bytes and cache hits.
Result<render::RenderScene> loadSceneWithProgress(const render::Context& ctx, const render::Renderer& renderer,
                                                  const std::string& locator, const std::string& command);

// A fresh folder under the system temp directory, removed with everything in it on destruction.
struct TempFolder {
  explicit TempFolder(const std::string& tag);
  ~TempFolder();
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  std::filesystem::path path;
};

// Downloads the expo at `url` (its manifest and every model it names, through the disk cache and
// the expo-root rule) into `folder`, keeping relative paths, so disk-based tools can check it. A
// model that fails to download is left out (and reported as missing by the checker); a manifest
// that fails is an error.
Status mirrorExpo(const std::string& url, const std::filesystem::path& folder, const std::string& command);

}  // namespace cx::tool
