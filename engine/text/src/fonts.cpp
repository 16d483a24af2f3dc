#include "cx/text/fonts.h"

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_MODULE_H

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>

namespace cx::text {

std::u32string decodeUtf8(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1f) : len == 3 ? (b & 0x0f) : (b & 0x07);
    bool ok = len > 0 && i + size_t(len) <= s.size();
    for (int k = 1; ok && k < len; ++k) {
      const auto c = static_cast<unsigned char>(s[i + size_t(k)]);
      ok = (c >> 6) == 2;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (!ok || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    out.push_back(cp);
    i += size_t(len);
  }
  return out;
}

struct FontFinder::Impl {
  FT_Library library = nullptr;
  FcConfig* config = nullptr;
  std::vector<FT_Face> faces;  // in priority order
  std::map<FaceFile, FT_Face> byFile;
  std::map<FT_Face, FaceFile> fileOf;
  std::vector<std::string> files;
  int fallbackLookups = 0;
  int maxFallbackLookups = 64;

  ~Impl() {
    for (auto& [key, face] : byFile)
      if (face) FT_Done_Face(face);
    if (library) FT_Done_FreeType(library);
    if (config) FcConfigDestroy(config);
  }

  FT_Face open(const FaceFile& file) {
    if (auto it = byFile.find(file); it != byFile.end()) return it->second;
    FT_Face face = nullptr;
    if (FT_New_Face(library, file.path.c_str(), file.index, &face) != 0) face = nullptr;
    byFile[file] = face;
    if (face) {
      fileOf[face] = file;
      files.push_back(file.path);
    }
    return face;
  }

  // The best installed face fontconfig offers for `family` that has `codepoint`.
  FT_Face match(const char* family, char32_t codepoint) {
    if (!config) return nullptr;
    FcPattern* pattern = FcPatternCreate();
    if (family) FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>(family));
    FcCharSet* wanted = FcCharSetCreate();
    FcCharSetAddChar(wanted, codepoint);
    FcPatternAddCharSet(pattern, FC_CHARSET, wanted);
    FcCharSetDestroy(wanted);
    FcPatternAddBool(pattern, FC_SCALABLE, FcTrue);
    FcConfigSubstitute(config, pattern, FcMatchPattern);
    FcDefaultSubstitute(pattern);
    FcResult result = FcResultNoMatch;
    FcFontSet* set = FcFontSort(config, pattern, FcFalse, nullptr, &result);
    FcPatternDestroy(pattern);
    FT_Face found = nullptr;
    for (int i = 0; set && i < set->nfont && !found; ++i) {
      FcCharSet* charset = nullptr;
      FcChar8* file = nullptr;
      int index = 0;
      if (FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &charset) != FcResultMatch ||
          !FcCharSetHasChar(charset, codepoint))
        continue;
      if (FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) != FcResultMatch) continue;
      FcPatternGetInteger(set->fonts[i], FC_INDEX, 0, &index);
      found = open({reinterpret_cast<const char*>(file), index});
    }
    if (set) FcFontSetDestroy(set);
    return found;
  }
};

FontFinder::FontFinder(int maxFallbackLookups) : impl_(std::make_unique<Impl>()) {
  impl_->maxFallbackLookups = maxFallbackLookups;
  if (FT_Init_FreeType(&impl_->library) != 0) {
    impl_->library = nullptr;
    return;
  }
  impl_->config = FcInitLoadConfigAndFonts();
  // Base faces in priority order: Latin and Cyrillic, then Chinese / Japanese / Korean.
  const std::pair<const char*, char32_t> probes[] = {
      {"DejaVu Sans", U'A'}, {"DejaVu Sans", 0x0416}, {"Noto Sans CJK SC", 0x4E2D}, {"Noto Sans CJK SC", 0xAC00}};
  for (auto [family, cp] : probes) {
    FT_Face f = impl_->match(family, cp);
    if (f && std::find(impl_->faces.begin(), impl_->faces.end(), f) == impl_->faces.end()) impl_->faces.push_back(f);
  }
}

FontFinder::~FontFinder() = default;

bool FontFinder::ready() const { return impl_->library != nullptr; }

std::optional<FaceFile> FontFinder::faceFor(char32_t cp) {
  if (!impl_->library) return std::nullopt;
  for (FT_Face f : impl_->faces)
    if (FT_Get_Char_Index(f, cp)) return impl_->fileOf[f];
  if (impl_->fallbackLookups >= impl_->maxFallbackLookups) return std::nullopt;
  ++impl_->fallbackLookups;
  FT_Face f = impl_->match(nullptr, cp);
  if (f && FT_Get_Char_Index(f, cp)) {
    impl_->faces.push_back(f);
    return impl_->fileOf[f];
  }
  return std::nullopt;
}

std::vector<std::string> FontFinder::filesUsed() const { return impl_->files; }

struct GlyphRenderer::Impl {
  FT_Library library = nullptr;
  std::map<FaceFile, FT_Face> faces;
  ~Impl() {
    for (auto& [key, face] : faces)
      if (face) FT_Done_Face(face);
    if (library) FT_Done_FreeType(library);
  }
};

GlyphRenderer::GlyphRenderer(uint32_t pixelsPerEm) : impl_(std::make_unique<Impl>()), pixelsPerEm_(pixelsPerEm) {
  if (FT_Init_FreeType(&impl_->library) != 0) impl_->library = nullptr;
}

GlyphRenderer::~GlyphRenderer() = default;

Glyph GlyphRenderer::render(const FaceFile& file, char32_t cp, int sdfSpread) {
  Glyph g;
  if (!impl_->library) return g;
  auto it = impl_->faces.find(file);
  if (it == impl_->faces.end()) {
    FT_Face face = nullptr;
    if (FT_New_Face(impl_->library, file.path.c_str(), file.index, &face) != 0 ||
        FT_Set_Pixel_Sizes(face, 0, pixelsPerEm_) != 0) {
      if (face) FT_Done_Face(face);
      face = nullptr;
    }
    it = impl_->faces.emplace(file, face).first;
  }
  FT_Face face = it->second;
  if (!face || FT_Load_Glyph(face, FT_Get_Char_Index(face, cp), FT_LOAD_DEFAULT) != 0) return g;
  g.found = true;
  FT_GlyphSlot slot = face->glyph;
  g.advance = float(slot->advance.x) / 64.0f / float(pixelsPerEm_);
  // Outlines with no contours (spaces) have nothing to render.
  if (slot->format == FT_GLYPH_FORMAT_OUTLINE && slot->outline.n_contours <= 0) return g;
  if (FT_Render_Glyph(slot, FT_RENDER_MODE_NORMAL) != 0) return g;
  if (sdfSpread > 0) {
    // The coverage bitmap turned into a distance field (FreeType's "bsdf"): many times faster than
    // the exact outline SDF, and as good at signage sizes.
    FT_Int spread = sdfSpread;
    FT_Property_Set(impl_->library, "bsdf", "spread", &spread);
    if (FT_Render_Glyph(slot, FT_RENDER_MODE_SDF) != 0) return g;
  }
  const FT_Bitmap& bm = slot->bitmap;
  if (bm.width == 0 || bm.rows == 0) return g;
  g.width = bm.width;
  g.height = bm.rows;
  g.left = slot->bitmap_left;
  g.top = slot->bitmap_top;
  g.pixels.resize(size_t(g.width) * g.height);
  for (uint32_t y = 0; y < g.height; ++y) std::memcpy(&g.pixels[size_t(y) * g.width], bm.buffer + ptrdiff_t(y) * bm.pitch, g.width);
  return g;
}

TextImage renderLine(FontFinder& fonts, GlyphRenderer& glyphs, std::u32string_view text) {
  const float ppem = float(glyphs.pixelsPerEm());
  struct Placed {
    Glyph glyph;
    int pen = 0;
  };
  std::vector<Placed> placed;
  float pen = 0.0f;
  int ascent = int(std::ceil(ppem * 0.8f)), descent = int(std::ceil(ppem * 0.25f));
  for (char32_t cp : text) {
    std::optional<FaceFile> face = fonts.faceFor(cp);
    Glyph g = face ? glyphs.render(*face, cp) : Glyph{};
    if (!g.found) {
      // A box where no face has the codepoint: visible, never blank.
      g.found = true;
      g.advance = 0.7f;
      g.width = uint32_t(ppem * 0.58f);
      g.height = uint32_t(ppem * 0.74f);
      g.left = int(ppem * 0.06f);
      g.top = int(g.height);
      g.pixels.assign(size_t(g.width) * g.height, 0);
      const uint32_t t = std::max(1u, uint32_t(ppem / 16));
      for (uint32_t y = 0; y < g.height; ++y)
        for (uint32_t x = 0; x < g.width; ++x)
          if (x < t || y < t || x + t >= g.width || y + t >= g.height) g.pixels[size_t(y) * g.width + x] = 255;
    }
    ascent = std::max(ascent, g.top);
    descent = std::max(descent, int(g.height) - g.top);
    placed.push_back({std::move(g), int(std::lround(pen))});
    pen += placed.back().glyph.advance * ppem;
  }
  TextImage out;
  int right = int(std::ceil(pen));
  for (const Placed& p : placed) right = std::max(right, p.pen + p.glyph.left + int(p.glyph.width));
  out.width = uint32_t(std::max(1, right));
  out.height = uint32_t(ascent + descent);
  out.baseline = ascent;
  out.coverage.assign(size_t(out.width) * out.height, 0);
  for (const Placed& p : placed) {
    for (uint32_t y = 0; y < p.glyph.height; ++y)
      for (uint32_t x = 0; x < p.glyph.width; ++x) {
        const int ox = p.pen + p.glyph.left + int(x), oy = out.baseline - p.glyph.top + int(y);
        if (ox < 0 || oy < 0 || ox >= int(out.width) || oy >= int(out.height)) continue;
        uint8_t& dst = out.coverage[size_t(oy) * out.width + size_t(ox)];
        dst = std::max(dst, p.glyph.pixels[size_t(y) * p.glyph.width + x]);
      }
  }
  return out;
}

}  // namespace cx::text
