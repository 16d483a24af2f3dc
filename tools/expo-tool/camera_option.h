#pragma once
// --camera "eye=x,y,z;target=x,y,z;fov=deg", shared by `render` and `bench`.
#include <cstdio>
#include <optional>
#include <string>

#include "cx/render/render_scene.h"

namespace cx::tool {

// Empty text: no camera (the command's default view). A bad spec prints one line naming the
// command ("expo-tool bench: --camera: ...") and returns false.
inline bool parseCameraOption(const std::string& text, const char* command,
                              std::optional<render::CameraSpec>& camera) {
  camera.reset();
  if (text.empty()) return true;
  auto parsed = render::parseCameraSpec(text);
  if (!parsed) {
    std::fprintf(stderr, "expo-tool %s: --camera: %s\n", command, parsed.message().c_str());
    return false;
  }
  camera = *parsed;
  return true;
}

}  // namespace cx::tool
