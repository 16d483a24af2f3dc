#pragma once
// Text drawn from the installed fonts: fontconfig finds a face for every codepoint (DejaVu Sans
// for Latin and Cyrillic, Noto Sans CJK for Chinese, Japanese and Korean, then any installed face
// that has it) and FreeType renders glyphs as coverage bitmaps or signed distance fields. No
// FreeType or fontconfig type leaves this module.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cx::text {

std::u32string decodeUtf8(std::string_view text);  // invalid bytes become U+FFFD

// A face on disk, as fontconfig names it.
struct FaceFile {
  std::string path;
  int index = 0;
  bool operator==(const FaceFile&) const = default;
  bool operator<(const FaceFile& o) const { return path < o.path || (path == o.path && index < o.index); }
};

// Which face draws each codepoint. Not thread-safe: one per thread, or ask on one thread and render
// on many (GlyphRenderer).
class FontFinder {
 public:
  // `maxFallbackLookups`: fontconfig queries for codepoints the base faces lack (each is slow).
  explicit FontFinder(int maxFallbackLookups = 64);
  ~FontFinder();
  FontFinder(const FontFinder&) = delete;
  FontFinder& operator=(const FontFinder&) = delete;

  bool ready() const;  // FreeType and fontconfig initialised
  // The face to draw `cp` with; nullopt when no installed face has it (or lookups ran out).
  std::optional<FaceFile> faceFor(char32_t cp);
  // The face files opened so far, in the order they were first opened (for logs).
  std::vector<std::string> filesUsed() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct Glyph {
  bool found = false;    // false: the face lacks it (draw a box)
  float advance = 0.0f;  // em units
  // The bitmap and where it sits: `left` and `top` pixels from the pen on the baseline (top up).
  uint32_t width = 0, height = 0;
  int left = 0, top = 0;
  std::vector<uint8_t> pixels;  // coverage 0..255, or a distance field (128 on the outline)
};

// Renders glyphs at one size with its own FreeType library: one per thread.
class GlyphRenderer {
 public:
  explicit GlyphRenderer(uint32_t pixelsPerEm);
  ~GlyphRenderer();
  GlyphRenderer(const GlyphRenderer&) = delete;
  GlyphRenderer& operator=(const GlyphRenderer&) = delete;

  uint32_t pixelsPerEm() const { return pixelsPerEm_; }
  // Coverage of `cp` in `face` (antialiased), or with `sdfSpread` > 0 a signed distance field of
  // that spread in pixels (FreeType's "bsdf" over the coverage).
  Glyph render(const FaceFile& face, char32_t cp, int sdfSpread = 0);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  uint32_t pixelsPerEm_;
};

// A line of text as an 8-bit coverage image, laid out left to right one codepoint at a time (right
// for CJK, Cyrillic and Latin). Codepoints no face has become boxes.
struct TextImage {
  uint32_t width = 0, height = 0;
  int baseline = 0;  // rows from the top
  std::vector<uint8_t> coverage;
};
TextImage renderLine(FontFinder& fonts, GlyphRenderer& glyphs, std::u32string_view text);

}  // namespace cx::text
