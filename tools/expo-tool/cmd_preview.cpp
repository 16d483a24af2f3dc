// expo-tool preview EXPO --exhibitor ID --out DIR [--size WxH] [--validation]
// Renders what an exhibitor wants to see of its booth, with no display:
//   aisle-1.png, aisle-2.png   from the two nearest aisle approaches at visitor eye height
//   top.png                    straight down (square), the plot outlined in yellow (red when a plot
//                              rule fails), its neighbours in white (red when they overlap it), and
//                              aisle gaps narrower than the pavilion's minimum as red lines
//   turntable-0..7.png         8 views 45 degrees apart round the booth, from its front
//   floorplan.png/.svg         the floor plan with the booth highlighted (cx/ui/floor_plan.h)
// The outlines are drawn on the CPU by projecting the footprints with the top view's
// view-projection matrix. Exit status: 0 written (rule failures are shown, not fatal), 2 bad input,
// 3 no Vulkan device, 4 Vulkan validation messages (with --validation).
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "commands.h"
#include "cx/assets/gltf.h"
#include "cx/core/path.h"
#include "cx/expo/manifest.h"
#include "cx/expo/placement.h"
#include "cx/expo/scene.h"
#include "cx/render/offscreen.h"
#include "cx/render/render_scene.h"
#if __has_include("cx/ui/floor_plan.h")
#include "cx/ui/floor_plan.h"
#define CX_PREVIEW_FLOOR_PLAN 1
#endif

namespace cx::tool {
namespace fs = std::filesystem;

namespace {

struct PreviewArgs {
  std::string input;
  std::string exhibitor;
  std::string out;
  std::string size = "640x400";
  bool validation = false;
};

using Rgb = glm::u8vec3;
constexpr Rgb kPlotColor{255, 210, 0}, kBadColor{230, 20, 20}, kNeighbourColor{255, 255, 255};

// A square brush of `thickness` pixels stamped every half pixel along the segment.
void drawLine(render::Pixels& img, glm::vec2 a, glm::vec2 b, Rgb color, int thickness) {
  float len = glm::distance(a, b);
  int steps = std::max(1, int(std::ceil(len * 2.0f)));
  if (steps > 100000) return;  // off-screen projections of points behind the camera
  for (int s = 0; s <= steps; ++s) {
    glm::vec2 p = a + (b - a) * (float(s) / float(steps));
    int x0 = int(std::floor(p.x - thickness * 0.5f)), y0 = int(std::floor(p.y - thickness * 0.5f));
    for (int y = y0; y < y0 + thickness; ++y)
      for (int x = x0; x < x0 + thickness; ++x) {
        if (x < 0 || y < 0 || x >= int(img.width) || y >= int(img.height)) continue;
        uint8_t* px = &img.rgba[(size_t(y) * img.width + size_t(x)) * 4];
        px[0] = color.r, px[1] = color.g, px[2] = color.b, px[3] = 255;
      }
  }
}

// World (x, y, z) to pixel coordinates through a view; false when behind the camera.
bool project(const render::View& view, const render::Pixels& img, glm::vec3 world, glm::vec2& px) {
  glm::vec4 clip = view.projection * view.view * glm::vec4(world, 1.0f);
  if (clip.w <= 1e-6f) return false;
  glm::vec2 ndc = glm::vec2(clip) / clip.w;  // Vulkan: y down, the projection already flips
  px = {(ndc.x * 0.5f + 0.5f) * float(img.width), (ndc.y * 0.5f + 0.5f) * float(img.height)};
  return true;
}

void outline(render::Pixels& img, const render::View& view, const expo::BoothBounds& b, Rgb color,
             int thickness) {
  glm::vec2 az = expo::axisZ(b);
  glm::vec2 corners[4] = {b.center - b.axisX * b.halfExtents.x - az * b.halfExtents.y,
                          b.center + b.axisX * b.halfExtents.x - az * b.halfExtents.y,
                          b.center + b.axisX * b.halfExtents.x + az * b.halfExtents.y,
                          b.center - b.axisX * b.halfExtents.x + az * b.halfExtents.y};
  for (int k = 0; k < 4; ++k) {
    glm::vec2 p, q;
    glm::vec2 c0 = corners[k], c1 = corners[(k + 1) % 4];
    if (project(view, img, {c0.x, 0.02f, c0.y}, p) && project(view, img, {c1.x, 0.02f, c1.y}, q))
      drawLine(img, p, q, color, thickness);
  }
}

int runPreview(const PreviewArgs& a) {
  unsigned width = 0, height = 0;
  if (std::sscanf(a.size.c_str(), "%ux%u", &width, &height) != 2 || width < 16 || height < 16 ||
      width > 8192 || height > 8192) {
    std::fprintf(stderr, "expo-tool preview: --size: expected WxH (16..8192), got \"%s\"\n", a.size.c_str());
    return 2;
  }
  fs::path manifest = a.input;
  std::error_code ec;
  if (fs::is_directory(manifest, ec)) manifest /= "expo.json";
  const fs::path root = manifest.parent_path().empty() ? fs::path(".") : manifest.parent_path();
  auto loaded = expo::loadExpoManifest(manifest);
  if (!loaded) {
    std::fprintf(stderr, "expo-tool preview: %s\n", loaded.message().c_str());
    return 2;
  }
  auto boothIndex = expo::findExhibitorBooth(*loaded, a.exhibitor);
  if (!boothIndex) {
    std::fprintf(stderr, "expo-tool preview: %s: exhibitor \"%s\" does not exist or has no booth\n",
                 manifest.string().c_str(), a.exhibitor.c_str());
    return 2;
  }
  const size_t bi = *boothIndex;
  const expo::Booth& booth = loaded->booths[bi];
  fs::create_directories(a.out, ec);
  if (ec) {
    std::fprintf(stderr, "expo-tool preview: %s: %s\n", a.out.c_str(), ec.message().c_str());
    return 2;
  }

  // The booth's own model, measured for its height and the plot rules.
  std::optional<expo::ModelStats> stats;
  if (!booth.model.empty()) {
    auto path = resolveInsideRoot(root, booth.model);
    auto model = path ? assets::loadGltf(*path) : Result<assets::Model>(path.error());
    if (model)
      stats = expo::measureModel(*model);
    else
      spdlog::warn("{}", model.message());
  }
  expo::PlacementReport report = expo::checkPlot(*loaded, bi, stats ? &*stats : nullptr);
  float modelHeight = stats ? stats->boundsMax.y : 0.0f;
  if (!stats)
    for (const expo::BoothStyle& s : loaded->styles)
      if (s.id == booth.style) modelHeight = s.height;
  expo::BoothPreviewCameras cams = expo::boothPreviewCameras(*loaded, bi, modelHeight);
  expo::ExpoScene flat = expo::buildScene(*loaded);

  render::ContextDesc desc;
  desc.validation = a.validation;
  auto ctx = render::createContext(desc);
  if (!ctx) {
    std::fprintf(stderr, "expo-tool preview: %s\n", ctx.message().c_str());
    return 3;
  }
  int code = 0;
  {
    auto renderer = render::createRenderer(**ctx);
    auto scene = render::loadRenderScene(**ctx, *renderer, manifest);
    if (!scene) {
      std::fprintf(stderr, "expo-tool preview: %s\n", scene.message().c_str());
      code = 2;
    } else {
      for (const auto& e : scene->errors) spdlog::warn("{}", e);
      auto wide = render::createOffscreenTarget(**ctx, {width, height});
      auto square = render::createOffscreenTarget(**ctx, {height, height});
      auto shoot = [&](const expo::PreviewCamera& cam, bool top) {
        auto& target = top ? square : wide;
        float aspect = top ? 1.0f : float(width) / float(height);
        render::View view = render::lookAtView(cam.eye, cam.target, glm::radians(cam.fovDeg), aspect, 0.1f);
        render::render(*renderer, {&view, 1}, target.target(), scene->instances);
        render::Pixels pixels = render::readPixels(**ctx, *renderer, target, 0);
        if (top) {
          int thick = std::max(2, int(height / 200));
          for (size_t j = 0; j < flat.bounds.size(); ++j) {
            if (j == bi) continue;
            glm::vec2 lo, hi;
            expo::footprintAabb(flat.bounds[j], lo, hi);
            if (hi.x < cams.topMin.x || lo.x > cams.topMax.x || hi.y < cams.topMin.y || lo.y > cams.topMax.y)
              continue;
            bool bad = std::find(report.overlapping.begin(), report.overlapping.end(), j) !=
                       report.overlapping.end();
            outline(pixels, view, flat.bounds[j], bad ? kBadColor : kNeighbourColor, thick);
          }
          outline(pixels, view, flat.bounds[bi], report.ok() ? kPlotColor : kBadColor, thick + 1);
          for (const expo::AisleGap& g : report.narrowGaps) {
            glm::vec2 p, q;
            if (project(view, pixels, {g.from.x, 0.02f, g.from.y}, p) &&
                project(view, pixels, {g.to.x, 0.02f, g.to.y}, q))
              drawLine(pixels, p, q, kBadColor, thick);
          }
        }
        fs::path file = fs::path(a.out) / (cam.name + ".png");
        if (auto s = render::writePng(file, pixels); !s) {
          std::fprintf(stderr, "expo-tool preview: %s\n", s.message().c_str());
          code = 1;
          return;
        }
        std::printf("wrote %s (%ux%u)\n", file.string().c_str(), pixels.width, pixels.height);
      };
      for (const auto& cam : cams.aisle) shoot(cam, false);
      shoot(cams.top, true);
      for (const auto& cam : cams.turntable) shoot(cam, false);
      render::destroyOffscreenTarget(**ctx, wide);
      render::destroyOffscreenTarget(**ctx, square);
      render::destroyRenderScene(**ctx, *scene);
    }
    render::destroyRenderer(*renderer);
  }
  if ((*ctx)->validation && (*ctx)->validation->count() > 0) {
    std::fprintf(stderr, "expo-tool preview: %u Vulkan validation messages\n", (*ctx)->validation->count());
    code = code ? code : 4;
  }
  render::destroyContext(**ctx);

#ifdef CX_PREVIEW_FLOOR_PLAN
  ui::FloorPlanExportOptions fp;
  fp.width = int(std::max(width, height));
  fp.highlightBooth = uint32_t(bi);
  for (bool svg : {false, true}) {
    fs::path file = fs::path(a.out) / (svg ? "floorplan.svg" : "floorplan.png");
    auto s = svg ? ui::exportFloorPlanSvg(*loaded, flat, file, fp)
                 : ui::exportFloorPlanPng(*loaded, flat, file, fp);
    if (!s) {
      std::fprintf(stderr, "expo-tool preview: %s\n", s.message().c_str());
      code = code ? code : 1;
    } else {
      std::printf("wrote %s\n", file.string().c_str());
    }
  }
#else
  std::printf("floor plan: not built in (expo-tool is not linked with cx::ui)\n");
#endif
  std::printf("booth %s of exhibitor %s: %zu plot rules, %zu failed%s\n", booth.id.c_str(),
              a.exhibitor.c_str(), report.checks.size(), report.failed(),
              report.ok() ? "" : " (shown in red in top.png)");
  for (const auto& c : report.checks)
    if (!c.passed) std::printf("FAIL  %s: %s\n", c.rule.c_str(), c.detail.c_str());
  return code;
}

}  // namespace

void addPreviewCommand(CLI::App& app, int& exitCode) {
  auto args = std::make_shared<PreviewArgs>();
  auto* cmd = app.add_subcommand(
      "preview",
      "Render an exhibitor's booth with no display: two aisle views at eye height, a top-down view with "
      "the plot, its neighbours and violations outlined, an 8-view turntable and the floor plan (PNG, SVG) "
      "with the booth highlighted. Exit status: 0 written, 2 bad input, 3 no Vulkan, 4 validation messages");
  cmd->add_option("EXPO", args->input, "expo folder or its expo.json")->required();
  cmd->add_option("--exhibitor", args->exhibitor, "exhibitor id")->required();
  cmd->add_option("--out,-o", args->out, "output folder (created when missing)")->required();
  cmd->add_option("--size", args->size, "size WxH of the aisle and turntable images; top.png is HxH")
      ->capture_default_str();
  cmd->add_flag("--validation", args->validation, "enable the Vulkan validation layers");
  cmd->callback([args, &exitCode] { exitCode = runPreview(*args); });
}

}  // namespace cx::tool
