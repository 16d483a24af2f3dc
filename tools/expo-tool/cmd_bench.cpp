// expo-tool bench EXPO [--views 1|2] [--views-per-pass auto|1|all] [--size WxH] [--frames N] [--json] [--synthetic N]
// Loads an expo, renders N frames offscreen from the overview camera and prints load times, CPU
// and GPU frame times (min / median / max), draw calls, triangles after culling, GPU memory and
// peak RSS. It reports numbers; it never passes or fails on them.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <filesystem>
#include <unordered_map>

#include "camera_option.h"
#include "commands.h"
#include "cx/io/fetch.h"
#include "load_progress.h"
#include "cx/core/paths.h"
#include "cx/expo/expo_assets.h"
#include "cx/expo/manifest.h"
#include "cx/expo/sample_expo.h"
#include "cx/render/gpu_scene.h"
#include "cx/render/offscreen.h"
#include "cx/render/signage.h"
#include "cx/render/render_scene.h"

#include <glm/gtc/matrix_transform.hpp>

namespace cx::tool {
namespace fs = std::filesystem;

namespace {

struct BenchOptions {
  std::string input;
  int views = 1;
  render::ViewsPerPass viewsPerPass = render::ViewsPerPass::Auto;
  std::string size = "1280x720";
  int frames = 60;
  bool json = false;
  int synthetic = 0;
  bool validation = false;
  std::string aa = "auto";
  float lodPixels = 1.0f;
  float signPixels = render::RendererDesc{}.signDetailPx;
  bool noEyeRegions = false;
  std::string camera;  // empty: the overview of the whole site (render::defaultView)
};

using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

struct Series {
  std::vector<double> values;
  double min() const { return values.empty() ? 0 : *std::min_element(values.begin(), values.end()); }
  double max() const { return values.empty() ? 0 : *std::max_element(values.begin(), values.end()); }
  double median() const {
    if (values.empty()) return 0;
    auto v = values;
    std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
    return v[v.size() / 2];
  }
};

double peakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return double(usage.ru_maxrss) / 1024.0;  // Linux reports KiB
}

int runBench(const BenchOptions& o) {
  unsigned width = 0, height = 0;
  if (std::sscanf(o.size.c_str(), "%ux%u", &width, &height) != 2 || !width || !height) {
    std::fprintf(stderr, "expo-tool bench: --size: expected WxH, got \"%s\"\n", o.size.c_str());
    return 2;
  }
  if (o.views != 1 && o.views != 2) {
    std::fprintf(stderr, "expo-tool bench: --views: expected 1 or 2\n");
    return 2;
  }
  std::optional<render::CameraSpec> camera;
  if (!parseCameraOption(o.camera, "bench", camera)) return 2;
  render::ContextDesc desc;
  desc.validation = o.validation;
  auto ctx = render::createContext(desc);
  if (!ctx) {
    std::fprintf(stderr, "expo-tool bench: %s\n", ctx.message().c_str());
    return 3;
  }
  int code = 0;
  {
    render::RendererDesc rdesc;
    rdesc.antiAliasing = o.aa == "none"   ? render::AntiAliasing::None
                         : o.aa == "fxaa" ? render::AntiAliasing::Fxaa
                         : o.aa == "msaa" ? render::AntiAliasing::Msaa4
                                          : render::AntiAliasing::Auto;
    rdesc.lodPixelError = o.lodPixels;
    rdesc.signDetailPx = o.signPixels;
    rdesc.eyeRegionCulling = !o.noEyeRegions;
    rdesc.viewsPerPass = o.viewsPerPass;
    auto renderer = render::createRenderer(**ctx, rdesc);
    // Stereo: decided (and probed) before the load is timed, as the XR run mode does at start-up.
    if (o.views == 2) render::resolveViewsPerPass(*renderer);
    const auto loadStart = Clock::now();
    double parseMs = 0, decodeMs = 0;
    std::string source;
    Result<render::RenderScene> scene = makeError("");
    if (o.synthetic > 0) {
      source = fmt::format("synthetic expo of {} exhibitors", o.synthetic);
      auto t = Clock::now();
      auto sample = expo::buildSampleExpo({o.synthetic, 13, 0});
      parseMs = msSince(t);  // generation stands in for parsing
      if (!sample) {
        std::fprintf(stderr, "expo-tool bench: %s\n", sample.message().c_str());
        return 1;
      }
      std::unordered_map<std::string, const assets::Model*> byPath;
      for (const auto& m : sample->models) byPath[m.path] = &m.model;
      scene = render::buildExpoRenderScene(**ctx, *renderer, sample->expo, [&](const expo::SceneModel& m) {
        auto it = byPath.find(m.path);
        return expo::finishExpoModelLoad(
            m, it != byPath.end() ? Result<assets::Model>(*it->second) : Result<assets::Model>(makeError(m.path + ": not generated")));
      });
    } else if (io::isUrlLocator(o.input)) {
      // A URL: streamed through the disk cache, with a progress line and the time to the first
      // frame and to complete on stderr (load_progress.h). Parse and decode overlap the download.
      source = o.input;
      scene = loadSceneWithProgress(**ctx, *renderer, o.input, "bench");
    } else {
      fs::path input = o.input.empty() ? defaultExpoPath() : fs::path(o.input);
      if (fs::is_directory(input)) input /= "expo.json";
      source = input.string();
      auto t = Clock::now();
      auto expo = expo::loadExpoManifest(input);
      parseMs = msSince(t);
      if (!expo) {
        std::fprintf(stderr, "%s\n", expo.message().c_str());
        return 1;
      }
      const fs::path root = input.parent_path();
      scene = render::buildExpoRenderScene(**ctx, *renderer, std::move(*expo), [&](const expo::SceneModel& m) {
        auto d = Clock::now();
        auto loaded = expo::loadExpoModel(m, root);
        decodeMs += msSince(d);
        return loaded;
      });
    }
    if (!scene) {
      std::fprintf(stderr, "%s\n", scene.message().c_str());
      return 1;
    }
    // Per-instance data, culling clusters and signage, uploaded once (counted in the load time).
    render::GpuScene gpuScene = render::createRenderSceneGpu(
        **ctx, *renderer, *scene, o.synthetic > 0 ? render::LogoLoader{} : render::logoLoaderForExpo(source));
    const double loadMs = msSince(loadStart);
    const float aspect = float(width) / float(height);
    render::View mono = camera ? render::cameraView(*camera, aspect) : render::defaultView(*scene, aspect);
    std::vector<render::View> views{mono};
    if (o.views == 2) {
      // Two eyes 64 mm apart along the view's right axis.
      glm::vec3 right(mono.view[0][0], mono.view[1][0], mono.view[2][0]);
      views.assign(2, mono);
      for (int e = 0; e < 2; ++e) {
        glm::vec3 offset = right * (e == 0 ? -0.032f : 0.032f);
        views[e].eye += offset;
        views[e].view = mono.view * glm::translate(glm::mat4(1.0f), -offset);
      }
    }
    auto target = render::createOffscreenTarget(**ctx, {width, height}, uint32_t(o.views));
    Series cpu, gpu, wall;
    render::FrameStats stats;
    double firstFrameMs = 0;
    for (int i = 0; i < std::max(1, o.frames); ++i) {
      auto t = Clock::now();
      stats = render::render(*renderer, views, target.target(), gpuScene);
      render::waitIdle(*renderer);  // one frame at a time, so GPU time is this frame's
      double frameMs = msSince(t);
      if (i == 0) firstFrameMs = msSince(loadStart);
      cpu.values.push_back(stats.cpuMs);
      wall.values.push_back(frameMs);
      if (renderer->lastGpuMs >= 0) gpu.values.push_back(renderer->lastGpuMs);
    }
    uint64_t gpuBytes = 0;
    for (const auto& m : scene->models) gpuBytes += m->gpuBytes;
    gpuBytes += gpuScene.gpuBytes;
    const double rss = peakRssMb();
    if (o.json) {
      nlohmann::json j;
      j["source"] = source;
      j["device"] = (*ctx)->properties.deviceName;
      j["size"] = {width, height};
      j["views"] = o.views;
      if (o.views == 2) j["viewsPerPass"] = renderer->multiviewPass ? "all" : "1";
      j["frames"] = o.frames;
      j["booths"] = scene->expo ? scene->expo->booths.size() : 0;
      j["load"] = {{"parseMs", parseMs}, {"decodeMs", decodeMs}, {"uploadMs", loadMs - parseMs - decodeMs},
                   {"totalMs", loadMs}, {"firstFrameMs", firstFrameMs}};
      auto series = [](const Series& s) { return nlohmann::json{{"min", s.min()}, {"median", s.median()}, {"max", s.max()}}; };
      j["cpuFrameMs"] = series(cpu);
      j["gpuFrameMs"] = gpu.values.empty() ? nlohmann::json(nullptr) : series(gpu);
      j["wallFrameMs"] = series(wall);
      j["drawCalls"] = stats.drawCalls;
      j["trianglesSubmitted"] = stats.trianglesSubmitted;
      j["instancesDrawn"] = stats.instancesDrawn;
      j["instancesCulled"] = stats.instancesCulled;
      j["instancesFarLod"] = stats.instancesFar;
      j["instancesCoarsestLod"] = stats.instancesCoarsest;
      j["signsFar"] = stats.signsFar;
      j["gpuMemoryMB"] = double(gpuBytes) / (1024.0 * 1024.0);
      j["peakRssMB"] = rss;
      j["loadErrors"] = scene->errors.size();
      std::printf("%s\n", j.dump(2).c_str());
    } else {
      std::printf("bench: %s\n", source.c_str());
      std::printf("  device          %s, %ux%u, %d view(s), %d frames\n", (*ctx)->properties.deviceName, width, height,
                  o.views, o.frames);
      if (o.views == 2)
        std::printf("  stereo          %s\n", renderer->multiviewPass ? "one multiview pass" : "one pass per view");
      std::printf("  booths          %zu (%zu models, %zu load errors)\n",
                  scene->expo ? scene->expo->booths.size() : size_t(0), scene->models.size(), scene->errors.size());
      std::printf("  load            %.1f ms (parse %.1f, decode %.1f, upload %.1f); first frame at %.1f ms\n",
                  loadMs, parseMs, decodeMs, loadMs - parseMs - decodeMs, firstFrameMs);
      std::printf("  CPU frame       min %.3f  median %.3f  max %.3f ms (culling + recording)\n", cpu.min(),
                  cpu.median(), cpu.max());
      if (!gpu.values.empty()) {
        std::printf("  GPU frame       min %.2f  median %.2f  max %.2f ms (timestamp queries)\n", gpu.min(),
                    gpu.median(), gpu.max());
      } else {
        std::printf("  GPU frame       (no timestamp support)\n");
      }
      std::printf("  wall frame      min %.2f  median %.2f  max %.2f ms\n", wall.min(), wall.median(), wall.max());
      std::printf("  draw calls      %u\n", stats.drawCalls);
      std::printf("  triangles       %llu submitted after culling (%u instances drawn, %u of them with a far LOD, "
                  "%u with the coarsest; %u culled)\n",
                  static_cast<unsigned long long>(stats.trianglesSubmitted), stats.instancesDrawn, stats.instancesFar,
                  stats.instancesCoarsest, stats.instancesCulled);
      std::printf("  signage         %u signs with their text as one bar (under %.1f px tall)\n", stats.signsFar,
                  o.signPixels);
      std::printf("  GPU memory      %.1f MB (models, instances, signage)\n", double(gpuBytes) / (1024.0 * 1024.0));
      std::printf("  peak RSS        %.1f MB\n", rss);
    }
    render::destroyOffscreenTarget(**ctx, target);
    render::destroyGpuScene(*renderer, gpuScene);
    render::destroyRenderScene(**ctx, *scene);
    render::destroyRenderer(*renderer);
  }
  if ((*ctx)->validation && (*ctx)->validation->count() > 0) code = 4;
  render::destroyContext(**ctx);
  return code;
}

}  // namespace

void addBenchCommand(CLI::App& app, int& exitCode) {
  auto o = std::make_shared<BenchOptions>();
  auto* cmd = app.add_subcommand("bench", "measure load and frame times of an expo (prints numbers; never fails on them)");
  cmd->add_option("expo", o->input, "expo folder or expo.json (default: the bundled sample)");
  cmd->add_option("--views", o->views, "1 (desktop) or 2 (stereo)")->capture_default_str();
  cmd->add_option("--views-per-pass", o->viewsPerPass,
                  "stereo: all (one multiview pass), 1 (one pass per view) or auto (multiview unless the device's "
                  "multiview drops near-clipped triangles)")
      ->transform(CLI::CheckedTransformer(render::viewsPerPassNames(), CLI::ignore_case))
      ->default_str("auto");
  cmd->add_option("--size", o->size, "target size WxH")->capture_default_str();
  cmd->add_option("--frames", o->frames, "frames to render")->capture_default_str();
  cmd->add_flag("--json", o->json, "print JSON");
  cmd->add_option("--synthetic", o->synthetic, "bench a generated expo of N exhibitors without writing it");
  cmd->add_flag("--validation", o->validation, "enable the Vulkan validation layers");
  cmd->add_option("--lod-px", o->lodPixels,
                  "far levels of detail where they deviate by at most this many pixels (0: off)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--sign-px", o->signPixels,
                  "signs whose text is under this many pixels tall draw it as one bar (0: always glyphs)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("--no-eye-regions", o->noEyeRegions,
                "draw every triangle and leave back faces to the rasteriser (default: leave out those turned away "
                "from each instance's eye region first)");
  cmd->add_option("--camera", o->camera,
                  "explicit camera \"eye=x,y,z;target=x,y,z;fov=deg\" (default: overview of the whole site)");
  cmd->add_option("--aa", o->aa, "anti-aliasing: auto (FXAA on CPU devices, 4x MSAA on GPUs), none, fxaa, msaa")
      ->check(CLI::IsMember({"auto", "none", "fxaa", "msaa"}))
      ->capture_default_str();
  cmd->callback([o, &exitCode] { exitCode = runBench(*o); });
}

}  // namespace cx::tool
