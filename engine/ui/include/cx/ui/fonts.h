#pragma once
// UI fonts found through fontconfig: a Latin/Cyrillic base font with a CJK font (Chinese, Japanese
// kana, Korean Hangul) merged into it, rasterised only for the code points the expo uses.
#include <imgui.h>

#include <memory>
#include <string>
#include <vector>

#include "cx/core/result.h"

namespace cx::ui {

struct FontFace {
  std::string file;    // path fontconfig returned
  int index = 0;       // face index inside a .ttc collection (FC_INDEX)
  std::string family;  // e.g. "DejaVu Sans", "Noto Sans CJK SC"
  char32_t probe = 0;  // the code point it was chosen for
};

struct FontInfo {
  ImFont* font = nullptr;       // the merged font; also the atlas's first font, so ImGui's default
  std::vector<FontFace> faces;  // base first, then merged fonts
  // Glyph ranges (zero-terminated pairs) the atlas points into: keep FontInfo (or this pointer)
  // alive until the atlas has been built and its input data cleared.
  std::shared_ptr<std::vector<ImWchar>> glyphRanges;
  size_t codepointCount = 0;  // code points requested (before fonts drop what they lack)
};

// Asks fontconfig for a face per script, preferring "DejaVu Sans" for Latin (U+0041) and Cyrillic
// (U+0416) and "Noto Sans CJK SC" for Han (U+4E2D), kana (U+3042) and Hangul (U+AC00); any
// installed face covering the probe code point is accepted when the preferred family is missing.
// The first face is added to `atlas`, the others merged into it (ImFontConfig::MergeMode). Glyphs:
// ASCII, Latin-1, Latin Extended-A, Cyrillic, general and CJK punctuation, plus every code point in
// `textsToCover` (exhibitor, pavilion and event strings) below U+10000. A character no face has
// draws as ImGui's fallback '?'. Fails (leaving the atlas unchanged) when no usable face is found;
// callers then fall back to atlas.AddFontDefault(). The atlas is built later (GetTexDataAsRGBA32).
Result<FontInfo> loadUiFonts(ImFontAtlas& atlas, float pixelSize,
                             const std::vector<std::string>& textsToCover);

// Face lookup alone: a font file covering `codepoint`, preferring `family`. Error when none.
Result<FontFace> findFontFace(const std::string& family, char32_t codepoint);

}  // namespace cx::ui
