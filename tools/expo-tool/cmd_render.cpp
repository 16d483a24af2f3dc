// expo-tool render MODEL_OR_EXPO --out shot.png [--size WxH] [--camera "eye=x,y,z;target=x,y,z;fov=deg"]
// Renders with no display and no window system and writes a PNG.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <optional>

#include "camera_option.h"
#include "commands.h"
#include "cx/assets/gltf.h"
#include "cx/render/gpu_scene.h"
#include "cx/render/offscreen.h"
#include "cx/render/signage.h"
#include "cx/core/paths.h"
#include "cx/render/render_scene.h"

namespace cx::tool {
namespace fs = std::filesystem;

namespace {

struct RenderOptions {
  std::string input;
  std::string out = "shot.png";
  std::string size = "1280x720";
  std::string camera;
  bool validation = false;
  float lodPixels = 1.0f;
  float signPixels = render::RendererDesc{}.signDetailPx;
};

int runRender(const RenderOptions& o) {
  unsigned width = 0, height = 0;
  if (std::sscanf(o.size.c_str(), "%ux%u", &width, &height) != 2 || width == 0 || height == 0 || width > 16384 ||
      height > 16384) {
    std::fprintf(stderr, "expo-tool render: --size: expected WxH (e.g. 1280x720), got \"%s\"\n", o.size.c_str());
    return 2;
  }
  std::optional<render::CameraSpec> camera;
  if (!parseCameraOption(o.camera, "render", camera)) return 2;
  fs::path input = o.input.empty() ? cx::defaultExpoPath() : fs::path(o.input);

  render::ContextDesc desc;
  desc.validation = o.validation;
  auto ctx = render::createContext(desc);
  if (!ctx) {
    std::fprintf(stderr, "expo-tool render: %s\n", ctx.message().c_str());
    return 3;
  }
  int code = 0;
  {
    render::RendererDesc rdesc;
    rdesc.lodPixelError = o.lodPixels;
    rdesc.signDetailPx = o.signPixels;
    auto renderer = render::createRenderer(**ctx, rdesc);
    auto scene = render::loadRenderScene(**ctx, *renderer, input);
    if (!scene) {
      std::fprintf(stderr, "%s\n", scene.message().c_str());
      code = 1;
    } else {
      for (const auto& e : scene->errors) spdlog::warn("{}", e);
      float aspect = float(width) / float(height);
      render::View view = camera ? render::cameraView(*camera, aspect) : render::defaultView(*scene, aspect);
      auto target = render::createOffscreenTarget(**ctx, {width, height});
      render::GpuScene gpuScene =
          render::createRenderSceneGpu(**ctx, *renderer, *scene, render::logoLoaderForExpo(input.string()));
      auto stats = render::render(*renderer, {&view, 1}, target.target(), gpuScene);
      auto pixels = render::readPixels(**ctx, *renderer, target, 0);
      render::destroyGpuScene(*renderer, gpuScene);
      auto written = render::writePng(o.out, pixels);
      if (!written) {
        std::fprintf(stderr, "expo-tool render: %s\n", written.message().c_str());
        code = 1;
      } else {
        std::printf("wrote %s (%ux%u, %u draw calls, %llu triangles)\n", o.out.c_str(), width, height,
                    stats.drawCalls, static_cast<unsigned long long>(stats.trianglesSubmitted));
      }
      render::destroyOffscreenTarget(**ctx, target);
      render::destroyRenderScene(**ctx, *scene);
    }
    render::destroyRenderer(*renderer);
  }
  if ((*ctx)->validation && (*ctx)->validation->count() > 0) {
    std::fprintf(stderr, "expo-tool render: %u Vulkan validation messages\n", (*ctx)->validation->count());
    code = code ? code : 4;
  }
  render::destroyContext(**ctx);
  return code;
}

}  // namespace

void addRenderCommand(CLI::App& app, int& exitCode) {
  auto options = std::make_shared<RenderOptions>();
  auto* cmd = app.add_subcommand("render", "render a glTF model or an expo to a PNG, with no display");
  cmd->add_option("input", options->input, "a .gltf/.glb model, an expo folder or its expo.json (default: the bundled sample)");
  cmd->add_option("--out,-o", options->out, "output PNG path")->capture_default_str();
  cmd->add_option("--size", options->size, "image size WxH")->capture_default_str();
  cmd->add_option("--camera", options->camera, "explicit camera: \"eye=x,y,z;target=x,y,z;fov=deg\"");
  cmd->add_flag("--validation", options->validation, "enable the Vulkan validation layers");
  cmd->add_option("--lod-px", options->lodPixels,
                  "far levels of detail where they deviate by at most this many pixels (0: off)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--sign-px", options->signPixels,
                  "signs whose text is under this many pixels tall draw it as one bar (0: always glyphs)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd->callback([options, &exitCode] { exitCode = runRender(*options); });
}

}  // namespace cx::tool
