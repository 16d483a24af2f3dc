#include "bake_options.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

#include "cx/render/renderer.h"

namespace cx::tool {

void addBakeOptions(CLI::App& cmd, BakeCliOptions& o, const std::string& seedOption) {
  cmd.add_option("--samples", o.samples, "light-bake rays per texel (and per vertex)")
      ->check(CLI::Range(4, 4096))
      ->capture_default_str();
  cmd.add_option("--texels-per-m2", o.texelsPerSquareMetre, "light-bake resolution: texels per square metre of surface")
      ->check(CLI::Range(0.01f, 1e6f))
      ->capture_default_str();
  cmd.add_option("--max-texels", o.maxTexels, "texels per model at most; larger models get a coarser resolution")
      ->check(CLI::Range(64u, 1u << 26))
      ->capture_default_str();
  cmd.add_option(seedOption, o.seed, "seed of the light bake's random numbers (same seed, same output)")->capture_default_str();
  cmd.add_option("--threads", o.threads, "bake threads; 0: every core")->capture_default_str();
  cmd.add_option("--bounces", o.bounces, "diffuse bounces of light (0 or 1)")->check(CLI::Range(0, 1))->capture_default_str();
  cmd.add_option("--vertex-ao", o.vertexAo, "per-vertex occlusion in COLOR_0: auto (dense meshes), on, off")
      ->check(CLI::IsMember({"auto", "on", "off"}))
      ->capture_default_str();
}

bake::BakeSettings bakeSettings(const BakeCliOptions& o) {
  bake::BakeSettings s;
  s.samplesPerTexel = o.samples;
  s.texelsPerSquareMetre = o.texelsPerSquareMetre;
  s.maxTexels = o.maxTexels;
  s.seed = o.seed;
  s.threads = o.threads;
  s.bounces = o.bounces;
  s.vertexAo = o.vertexAo == "on" ? bake::VertexAo::Always : o.vertexAo == "off" ? bake::VertexAo::Never : bake::VertexAo::Auto;
  const render::Lighting venue = render::venueLighting();
  auto luminance = [](glm::vec3 c) { return 0.2126f * c.r + 0.7152f * c.g + 0.0722f * c.b; };
  s.skyRadiance = luminance(venue.skyColor) * venue.ambientIntensity;
  s.groundRadiance = luminance(venue.groundColor) * venue.ambientIntensity;
  return s;
}

BakeProgress::BakeProgress(std::string c) : command(std::move(c)), tty(isatty(STDERR_FILENO) != 0) {}

void BakeProgress::update(size_t index, size_t count, const std::string& path, float fraction, const char* phase) {
  if (!tty) return;
  std::fprintf(stderr, "\r\033[K%s", fmt::format("expo-tool {}: [{}/{}] {}: {} {:3.0f}%", command, index + 1, count, path,
                                                 phase, fraction * 100.0f)
                                          .c_str());
  std::fflush(stderr);
  lastIndex = index;
}

void BakeProgress::done(const bake::ExpoBakeModel& m) {
  if (tty) std::fprintf(stderr, "\r\033[K");
  if (m.reused) {
    std::fprintf(stderr, "%s\n", fmt::format("expo-tool {}: {}: bake reused (same key)", command, m.path).c_str());
    return;
  }
  const bake::BakeReport& r = m.report;
  std::fprintf(stderr, "%s\n",
               fmt::format("expo-tool {}: {}: {}x{} atlas at {:.1f} texels/m2, {} texels, {} vertices, {} materials baked "
                           "({} per vertex, {} left unbaked as uniform), {:.1f}M rays, {:.1f} s",
                           command, m.path, r.atlasWidth, r.atlasHeight, r.texelsPerSquareMetre, r.texels, r.vertices,
                           r.materialsTextured + r.materialsVertex, r.materialsVertex, r.materialsUniform,
                           double(r.rays) / 1e6, r.seconds)
                   .c_str());
}

}  // namespace cx::tool
