#pragma once
// Booth signage: each exhibitor's name on its booth's fascia, in its own script, crisp at any
// distance. Glyphs are signed distance fields (FreeType's SDF renderer) packed into one atlas;
// every glyph on every sign is one instanced quad (docs/architecture.md, "Signage").
// Fonts come from fontconfig: DejaVu Sans for Latin and Cyrillic, Noto Sans CJK for Chinese,
// Japanese and Korean, then any installed face that has the codepoint. A codepoint no face has
// becomes a visible box ("tofu"), never a blank.
// Text is laid out left to right one codepoint at a time, which is right for CJK, Cyrillic and
// Latin; scripts that need shaping (Arabic, Indic) would need HarfBuzz.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <glm/glm.hpp>

#include "cx/assets/model.h"
#include "cx/core/result.h"
#include "cx/expo/expo.h"
#include "cx/expo/scene.h"
#include "cx/render/gpu_model.h"

namespace cx::render {

struct GlyphInfo {
  glm::vec4 uv{0.0f};    // atlas rect (u0, v0, u1, v1)
  glm::vec4 rect{0.0f};  // quad in em units relative to the pen on the baseline (x0, y0, x1, y1), y up
  float advance = 0.0f;  // em units
  bool fallback = false;  // no installed face has it: drawn as a box
  float ink = 0.0f;       // share of the atlas rect inside the outline (for far signs' text bars)
};

struct GlyphAtlas {
  uint32_t width = 0;
  uint32_t height = 0;
  std::vector<uint8_t> pixels;  // R8, 128 on the outline, larger inside
  std::unordered_map<char32_t, GlyphInfo> glyphs;
  std::vector<std::string> fontFiles;  // faces used, for the log
  float distanceRange = 0.0f;          // SDF spread in atlas texels, for the shader
};

// Renders the distinct codepoints of `texts` into one atlas. Codepoints that no face has, or that
// do not fit in the largest atlas, become fallback boxes.
GlyphAtlas buildGlyphAtlas(const std::vector<std::u32string>& texts);

std::u32string decodeUtf8(std::string_view text);  // invalid bytes become U+FFFD

// One name board face: a rectangle of `size` metres centred at the origin of `world`, facing +Z.
struct SignInput {
  glm::mat4 world{1.0f};
  glm::vec2 size{0.0f};
  std::string text;        // UTF-8
  glm::vec3 textColor{1.0f};  // linear RGB
  int logo = -1;           // index into SignageInput::logos, drawn left of the name
  // A product poster instead of a name board: the logo above, then these lines (UTF-8) one under
  // the other, each shrunk to fit; `text` is not drawn.
  std::vector<std::string> lines;
};

struct SignageInput {
  std::vector<SignInput> signs;
  std::vector<assets::Image> logos;  // RGBA8
};

// The atlas for the texts of `signage` (thread-safe: may run on a worker thread).
GlyphAtlas buildSignageAtlas(const SignageInput& signage);

// One quad of a laid-out sign, in the sign's plane (metres, y up).
struct SignQuad {
  glm::vec4 rect{0.0f};
  glm::vec4 uv{0.0f};  // kind 0/1: atlas rect; kind 3: all four the bar's opacity
  uint32_t kind = 0;   // 0 glyph (SDF), 1 logo (RGBA), 2 fallback box, 3 text bar (far signs)
  float ink = 0.0f;    // kind 0: GlyphInfo::ink
  uint32_t line = 0;   // which line of a poster it belongs to
};

// Fits the name (and logo) into the board: one line, shrunk to fit, centred. A poster
// (SignInput::lines): the logo centred at the top, the lines below it, centred, each shrunk to fit.
std::vector<SignQuad> layoutSign(const GlyphAtlas& atlas, const SignInput& sign, const glm::vec4& logoUv);

// The far version of a laid-out sign: its SDF glyphs merged into one bar (kind 3) per line, as wide
// and tall as they are, whose opacity is the share of it their outlines ink; logos and fallback
// boxes are kept. Text only a few pixels tall is not legible in any script, and one quad instead of one
// per glyph (about 14 per sign in the sample) cuts the vertex work of an overview
// (RendererDesc::signDetailPx picks where).
std::vector<SignQuad> farSignQuads(const std::vector<SignQuad>& quads);

// Loads a logo image by its manifest path; failures are logged and the sign drawn without it.
using LogoLoader = std::function<Result<assets::Image>(const std::string& path)>;

// Reads and decodes logos relative to an expo folder (a path to expo.json is taken as its folder).
LogoLoader logoLoaderForExpo(const std::string& expoPath);

// The name boards of an expo: one per fascia, both faces when the style's cx_fascia geometry is
// a free-standing board (reaching the far side of the booth's centre plane); then the product
// posters: one per poster slot of a booth's style (BoothStyle::posters) whose exhibitor lists
// products, with its logo and up to three product names. Text takes the booth's secondary colour
// (the generator picks it to contrast with the primary colour of boards and poster panels).
SignageInput signageForExpo(const expo::Expo& expo, const expo::ExpoScene& scene,
                            const std::vector<std::unique_ptr<GpuModel>>& models, const LogoLoader& loadLogo = {});

}  // namespace cx::render
