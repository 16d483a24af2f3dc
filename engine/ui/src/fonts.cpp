#include "cx/ui/fonts.h"

#include <fontconfig/fontconfig.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include <fmt/format.h>

#include "cx/ui/text.h"

namespace cx::ui {
namespace {

struct ConfigDeleter {
  void operator()(FcConfig* c) const { FcConfigDestroy(c); }
};
struct PatternDeleter {
  void operator()(FcPattern* p) const { FcPatternDestroy(p); }
};
struct FontSetDeleter {
  void operator()(FcFontSet* s) const { FcFontSetDestroy(s); }
};
using ConfigPtr = std::unique_ptr<FcConfig, ConfigDeleter>;
using PatternPtr = std::unique_ptr<FcPattern, PatternDeleter>;
using FontSetPtr = std::unique_ptr<FcFontSet, FontSetDeleter>;

struct Probe {
  const char* family;
  char32_t codepoint;
};
// Order matters: the first face found becomes the base font and wins for glyphs several faces have.
constexpr Probe kProbes[] = {
    {"DejaVu Sans", U'A'},        {"DejaVu Sans", 0x0416},  // Ж
    {"Noto Sans CJK SC", 0x4E2D},                           // 中
    {"Noto Sans CJK SC", 0x3042},                           // あ
    {"Noto Sans CJK SC", 0xAC00},                           // 가
};

// stb_truetype reads TrueType and CFF outlines (.ttf, .otf, .ttc); not bitmap or Type 1 fonts.
bool isLoadableFile(const std::string& file) {
  const auto ends = [&](const char* ext) {
    const size_t n = std::strlen(ext);
    if (file.size() < n) return false;
    std::string tail = file.substr(file.size() - n);
    for (char& c : tail) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return tail == ext;
  };
  return ends(".ttf") || ends(".otf") || ends(".ttc") || ends(".otc");
}

Result<FontFace> findFace(FcConfig* config, const std::string& family, char32_t codepoint) {
  PatternPtr pattern(FcPatternCreate());
  if (!pattern) return makeError("fontconfig: out of memory");
  FcPatternAddString(pattern.get(), FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
  FcPatternAddInteger(pattern.get(), FC_WEIGHT, FC_WEIGHT_REGULAR);
  FcPatternAddInteger(pattern.get(), FC_SLANT, FC_SLANT_ROMAN);
  FcCharSet* wanted = FcCharSetCreate();
  FcCharSetAddChar(wanted, codepoint);
  FcPatternAddCharSet(pattern.get(), FC_CHARSET, wanted);
  FcCharSetDestroy(wanted);  // the pattern holds its own reference
  FcConfigSubstitute(config, pattern.get(), FcMatchPattern);
  FcDefaultSubstitute(pattern.get());

  FcResult result = FcResultNoMatch;
  FontSetPtr set(FcFontSort(config, pattern.get(), FcFalse, nullptr, &result));
  if (!set)
    return makeError(fmt::format("fontconfig: no fonts at all (looking for U+{:04X})", uint32_t(codepoint)));
  for (int i = 0; i < set->nfont; ++i) {
    FcPattern* font = set->fonts[i];
    FcCharSet* charset = nullptr;
    FcChar8* file = nullptr;
    if (FcPatternGetCharSet(font, FC_CHARSET, 0, &charset) != FcResultMatch ||
        !FcCharSetHasChar(charset, codepoint))
      continue;
    if (FcPatternGetString(font, FC_FILE, 0, &file) != FcResultMatch || !file) continue;
    FontFace face;
    face.file = reinterpret_cast<const char*>(file);
    if (!isLoadableFile(face.file)) continue;
    int index = 0;
    if (FcPatternGetInteger(font, FC_INDEX, 0, &index) == FcResultMatch) face.index = index;
    FcChar8* fam = nullptr;
    if (FcPatternGetString(font, FC_FAMILY, 0, &fam) == FcResultMatch && fam)
      face.family = reinterpret_cast<const char*>(fam);
    face.probe = codepoint;
    return face;
  }
  return makeError(
      fmt::format("fontconfig: no font covers U+{:04X} (wanted \"{}\")", uint32_t(codepoint), family));
}

ConfigPtr loadConfig() {
  return ConfigPtr(FcInitLoadConfigAndFonts());
}

}  // namespace

Result<FontFace> findFontFace(const std::string& family, char32_t codepoint) {
  ConfigPtr config = loadConfig();
  if (!config) return makeError("fontconfig: cannot load its configuration");
  return findFace(config.get(), family, codepoint);
}

Result<FontInfo> loadUiFonts(ImFontAtlas& atlas, float pixelSize,
                             const std::vector<std::string>& textsToCover) {
  ConfigPtr config = loadConfig();
  if (!config) return makeError("fontconfig: cannot load its configuration");

  FontInfo info;
  std::string missing;
  for (const Probe& probe : kProbes) {
    Result<FontFace> face = findFace(config.get(), probe.family, probe.codepoint);
    if (!face) {
      missing += missing.empty() ? face.message() : "; " + face.message();
      continue;
    }
    const bool known = std::any_of(info.faces.begin(), info.faces.end(), [&](const FontFace& f) {
      return f.file == face->file && f.index == face->index;
    });
    if (!known) info.faces.push_back(std::move(face.value()));
  }
  if (info.faces.empty()) return makeError("no UI font found: " + missing);

  // Glyph ranges: fixed blocks plus what the expo's strings use.
  ImFontGlyphRangesBuilder builder;
  static const ImWchar kBlocks[] = {
      0x0020, 0x00FF,  // Basic Latin, Latin-1
      0x0100, 0x017F,  // Latin Extended-A
      0x0370, 0x03FF,  // Greek
      0x0400, 0x04FF,  // Cyrillic (Russian, Mongolian)
      0x2000, 0x206F,  // General punctuation
      0x20A0, 0x20CF,  // Currency
      0x2190, 0x21FF,  // Arrows
      0x25A0, 0x25FF,  // Geometric shapes
      0x3000, 0x303F,  // CJK punctuation
      0xFF00, 0xFFEF,  // Half- and fullwidth forms
      0,
  };
  builder.AddRanges(kBlocks);
  for (const std::string& text : textsToCover) {
    for (size_t pos = 0; pos < text.size();) {
      const char32_t cp = decodeUtf8(text, pos);
      if (cp >= 0x20 && cp <= IM_UNICODE_CODEPOINT_MAX) builder.AddChar(static_cast<ImWchar>(cp));
    }
  }
  ImVector<ImWchar> ranges;
  builder.BuildRanges(&ranges);
  info.glyphRanges = std::make_shared<std::vector<ImWchar>>(ranges.begin(), ranges.end());
  for (size_t i = 0; i + 1 < info.glyphRanges->size(); i += 2)
    if ((*info.glyphRanges)[i] != 0)
      info.codepointCount += size_t((*info.glyphRanges)[i + 1] - (*info.glyphRanges)[i]) + 1;

  for (size_t i = 0; i < info.faces.size(); ++i) {
    const FontFace& face = info.faces[i];
    ImFontConfig cfg;
    cfg.MergeMode = i > 0;
    cfg.FontNo = face.index;
    cfg.OversampleH = 2;
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    std::snprintf(cfg.Name, sizeof(cfg.Name), "%s", face.family.c_str());
    ImFont* font = atlas.AddFontFromFileTTF(face.file.c_str(), pixelSize, &cfg, info.glyphRanges->data());
    if (!font) {
      if (i == 0) return makeError(fmt::format("{}: ImGui could not read the font", face.file));
      continue;  // a merged face that fails only costs its script
    }
    if (i == 0) info.font = font;
  }
  info.font->FallbackChar = static_cast<ImWchar>('?');
  return info;
}

}  // namespace cx::ui
