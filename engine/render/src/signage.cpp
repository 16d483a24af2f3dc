#include "cx/render/signage.h"

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_MODULE_H

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <set>
#include <thread>

#include <filesystem>

#include <glm/gtc/matrix_transform.hpp>

#include "cx/assets/image_codec.h"
#include "cx/core/file.h"

namespace cx::render {
namespace {

constexpr uint32_t kPixelsPerEm = 40;   // SDF glyph size in the atlas
constexpr int kSpread = 6;              // SDF range in texels either side of the outline
constexpr uint32_t kAtlasWidth = 2048;
constexpr uint32_t kMaxAtlasHeight = 4096;
constexpr int kMaxFallbackLookups = 64;  // fontconfig queries for codepoints the main faces lack

struct FontSet {
  FT_Library library = nullptr;
  std::vector<FT_Face> faces;  // in priority order
  std::map<std::pair<std::string, int>, FT_Face> byFile;
  std::vector<std::string> files;
  FcConfig* config = nullptr;
  int fallbackLookups = 0;

  ~FontSet() {
    for (auto& [key, face] : byFile) FT_Done_Face(face);
    if (library) FT_Done_FreeType(library);
    if (config) FcConfigDestroy(config);
  }

  FT_Face open(const std::string& file, int index) {
    auto key = std::make_pair(file, index);
    if (auto it = byFile.find(key); it != byFile.end()) return it->second;
    FT_Face face = nullptr;
    if (FT_New_Face(library, file.c_str(), index, &face) != 0) face = nullptr;
    if (face && FT_Set_Pixel_Sizes(face, 0, kPixelsPerEm) != 0) {
      FT_Done_Face(face);
      face = nullptr;
    }
    byFile[key] = face;
    if (face) files.push_back(file);
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
      found = open(reinterpret_cast<const char*>(file), index);
    }
    if (set) FcFontSetDestroy(set);
    return found;
  }

  FT_Face faceFor(char32_t cp) {
    for (FT_Face f : faces)
      if (FT_Get_Char_Index(f, cp)) return f;
    if (fallbackLookups >= kMaxFallbackLookups) return nullptr;
    ++fallbackLookups;
    FT_Face f = match(nullptr, cp);
    if (f && FT_Get_Char_Index(f, cp)) {
      faces.push_back(f);
      return f;
    }
    return nullptr;
  }
};

struct Rendered {
  char32_t cp;
  GlyphInfo info;
  uint32_t w = 0, h = 0;
  std::vector<uint8_t> pixels;
};

// One glyph's distance field and metrics; a missing face or glyph gives the visible fallback box.
Rendered renderGlyph(FT_Face face, char32_t cp) {
  Rendered r{cp, {}, 0, 0, {}};
  if (!face || FT_Load_Glyph(face, FT_Get_Char_Index(face, cp), FT_LOAD_DEFAULT) != 0) {
    r.info.fallback = true;
    r.info.rect = {0.06f, 0.0f, 0.64f, 0.74f};
    r.info.advance = 0.7f;
    return r;
  }
  FT_GlyphSlot slot = face->glyph;
  r.info.advance = float(slot->advance.x) / 64.0f / float(kPixelsPerEm);
  // Outlines with no contours (spaces) have nothing to render.
  if (slot->format != FT_GLYPH_FORMAT_OUTLINE || slot->outline.n_contours > 0) {
    // Rasterise, then turn the coverage bitmap into a distance field (FreeType's "bsdf"): many
    // times faster than the exact outline SDF, and as good at this size.
    if (FT_Render_Glyph(slot, FT_RENDER_MODE_NORMAL) == 0 && FT_Render_Glyph(slot, FT_RENDER_MODE_SDF) == 0 &&
        slot->bitmap.width > 0 && slot->bitmap.rows > 0) {
      const FT_Bitmap& bm = slot->bitmap;
      r.w = bm.width;
      r.h = bm.rows;
      r.pixels.resize(size_t(r.w) * r.h);
      for (uint32_t y = 0; y < r.h; ++y)
        std::memcpy(&r.pixels[size_t(y) * r.w], bm.buffer + ptrdiff_t(y) * bm.pitch, r.w);
      const float px = float(kPixelsPerEm);
      r.info.rect = {float(slot->bitmap_left) / px, float(slot->bitmap_top - int(r.h)) / px,
                     float(slot->bitmap_left + int(r.w)) / px, float(slot->bitmap_top) / px};
    }
  }
  return r;
}

}  // namespace

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

GlyphAtlas buildGlyphAtlas(const std::vector<std::u32string>& texts) {
  GlyphAtlas atlas;
  atlas.distanceRange = float(kSpread);
  std::set<char32_t> wanted;
  for (const auto& t : texts) wanted.insert(t.begin(), t.end());
  if (wanted.empty()) return atlas;

  FontSet fonts;
  if (FT_Init_FreeType(&fonts.library) != 0) {
    spdlog::warn("signage: FreeType failed to initialise; names are drawn as boxes");
    fonts.library = nullptr;
  } else {
    FT_Int spread = kSpread;
    FT_Property_Set(fonts.library, "sdf", "spread", &spread);
    FT_Property_Set(fonts.library, "bsdf", "spread", &spread);
    fonts.config = FcInitLoadConfigAndFonts();
    // Base faces in priority order: Latin and Cyrillic, then Chinese / Japanese / Korean.
    const std::pair<const char*, char32_t> probes[] = {
        {"DejaVu Sans", U'A'}, {"DejaVu Sans", 0x0416}, {"Noto Sans CJK SC", 0x4E2D}, {"Noto Sans CJK SC", 0xAC00}};
    for (auto [family, cp] : probes) {
      FT_Face f = fonts.match(family, cp);
      if (f && std::find(fonts.faces.begin(), fonts.faces.end(), f) == fonts.faces.end()) fonts.faces.push_back(f);
    }
  }

  // Which face draws each codepoint (fontconfig is queried here, on this thread), then the glyphs
  // are rasterised and turned into distance fields on up to 4 threads, each with its own FreeType
  // library and faces (FreeType objects are not shared across threads). The result does not
  // depend on the thread count: every glyph is rendered alone and packed afterwards.
  const std::vector<char32_t> codepoints(wanted.begin(), wanted.end());
  std::map<FT_Face, int> faceId;
  std::vector<std::pair<std::string, int>> faceFiles;
  for (const auto& [key, face] : fonts.byFile) {
    if (!face) continue;
    faceId[face] = int(faceFiles.size());
    faceFiles.push_back(key);
  }
  std::vector<int> faceOf(codepoints.size(), -1);
  for (size_t i = 0; i < codepoints.size(); ++i) {
    FT_Face face = fonts.library ? fonts.faceFor(codepoints[i]) : nullptr;
    if (!face) continue;
    auto it = faceId.find(face);
    if (it == faceId.end()) {  // opened by a fallback lookup just now
      for (const auto& [key, opened] : fonts.byFile) {
        if (opened != face) continue;
        it = faceId.emplace(face, int(faceFiles.size())).first;
        faceFiles.push_back(key);
        break;
      }
    }
    if (it != faceId.end()) faceOf[i] = it->second;
  }
  std::vector<Rendered> rendered(codepoints.size());
  // A thread per 16 glyphs at most: a few names are not worth starting threads for.
  const unsigned threads = unsigned(std::min<size_t>(std::clamp(std::thread::hardware_concurrency(), 1u, 4u),
                                                     codepoints.size() / 16 + 1));
  auto work = [&](unsigned first) {
    FT_Library library = nullptr;
    if (fonts.library && FT_Init_FreeType(&library) != 0) library = nullptr;
    if (library) {
      FT_Int spread = kSpread;
      FT_Property_Set(library, "sdf", "spread", &spread);
      FT_Property_Set(library, "bsdf", "spread", &spread);
    }
    std::vector<FT_Face> faces(faceFiles.size(), nullptr);
    std::vector<bool> tried(faceFiles.size(), false);
    for (size_t i = first; i < codepoints.size(); i += threads) {
      FT_Face face = nullptr;
      if (library && faceOf[i] >= 0) {
        const size_t id = size_t(faceOf[i]);
        if (!tried[id]) {
          tried[id] = true;
          if (FT_New_Face(library, faceFiles[id].first.c_str(), faceFiles[id].second, &faces[id]) != 0 ||
              FT_Set_Pixel_Sizes(faces[id], 0, kPixelsPerEm) != 0) {
            if (faces[id]) FT_Done_Face(faces[id]);
            faces[id] = nullptr;
          }
        }
        face = faces[id];
      }
      rendered[i] = renderGlyph(face, codepoints[i]);
    }
    for (FT_Face face : faces)
      if (face) FT_Done_Face(face);
    if (library) FT_Done_FreeType(library);
  };
  if (threads <= 1) {
    work(0);
  } else {
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
    work(0);
    for (auto& t : pool) t.join();
  }
  atlas.fontFiles = fonts.files;

  // Shelf packing, tallest first.
  std::vector<size_t> order(rendered.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return rendered[a].h > rendered[b].h; });
  struct Place {
    uint32_t x = 0, y = 0;
    bool placed = false;
  };
  std::vector<Place> places(rendered.size());
  uint32_t x = 1, y = 1, shelf = 0;
  for (size_t i : order) {
    Rendered& r = rendered[i];
    if (r.w == 0) continue;
    if (x + r.w + 1 > kAtlasWidth) {
      x = 1;
      y += shelf + 1;
      shelf = 0;
    }
    if (y + r.h + 1 > kMaxAtlasHeight) {  // full: drawn as a box, visibly
      r.info.fallback = true;
      r.info.rect = {0.06f, 0.0f, 0.64f, 0.74f};
      continue;
    }
    places[i] = {x, y, true};
    x += r.w + 1;
    shelf = std::max(shelf, r.h);
  }
  atlas.width = kAtlasWidth;
  uint32_t height = 1;
  while (height < y + shelf + 1) height *= 2;
  atlas.height = height;
  atlas.pixels.assign(size_t(atlas.width) * atlas.height, 0);
  for (size_t i = 0; i < rendered.size(); ++i) {
    Rendered& r = rendered[i];
    if (places[i].placed) {
      size_t inside = 0;
      for (uint8_t v : r.pixels) inside += v >= 128;
      r.info.ink = float(inside) / float(size_t(r.w) * r.h);
      for (uint32_t row = 0; row < r.h; ++row)
        std::memcpy(&atlas.pixels[size_t(places[i].y + row) * atlas.width + places[i].x], &r.pixels[size_t(row) * r.w], r.w);
      r.info.uv = {float(places[i].x) / float(atlas.width), float(places[i].y) / float(atlas.height),
                   float(places[i].x + r.w) / float(atlas.width), float(places[i].y + r.h) / float(atlas.height)};
    }
    atlas.glyphs[r.cp] = r.info;
  }
  size_t missing = 0;
  for (auto& [cp, g] : atlas.glyphs) missing += g.fallback;
  if (missing) spdlog::warn("signage: {} codepoint(s) have no installed glyph and are drawn as boxes", missing);
  return atlas;
}

std::vector<SignQuad> layoutSign(const GlyphAtlas& atlas, const SignInput& sign, const glm::vec4& logoUv) {
  std::vector<SignQuad> quads;
  const float w = sign.size.x, h = sign.size.y;
  if (w <= 0.0f || h <= 0.0f) return quads;
  const std::u32string text = decodeUtf8(sign.text);
  const bool logo = sign.logo >= 0 && logoUv.z > logoUv.x;
  const float logoSide = h * 0.8f, gap = h * 0.12f;
  float em = h * 0.6f;
  float advance = 0.0f;
  for (char32_t cp : text) {
    auto it = atlas.glyphs.find(cp);
    advance += it != atlas.glyphs.end() ? it->second.advance : 0.7f;
  }
  const float available = w * 0.92f - (logo ? logoSide + gap : 0.0f);
  if (advance * em > available && advance > 0.0f) em = std::max(0.0f, available / advance);
  const float content = (logo ? logoSide + (text.empty() ? 0.0f : gap) : 0.0f) + advance * em;
  float pen = -content * 0.5f;
  if (logo) {
    quads.push_back({{pen, -logoSide * 0.5f, pen + logoSide, logoSide * 0.5f}, logoUv, 1});
    pen += logoSide + gap;
  }
  const float baseline = -0.33f * em;  // centres a line running from -0.2 em to 0.86 em
  for (char32_t cp : text) {
    auto it = atlas.glyphs.find(cp);
    GlyphInfo g;
    if (it != atlas.glyphs.end()) {
      g = it->second;
    } else {
      g.fallback = true;
      g.rect = {0.06f, 0.0f, 0.64f, 0.74f};
      g.advance = 0.7f;
    }
    const glm::vec4 r(pen + g.rect.x * em, baseline + g.rect.y * em, pen + g.rect.z * em, baseline + g.rect.w * em);
    if (g.fallback) {
      quads.push_back({r, glm::vec4(0.0f), 2});
    } else if (g.uv.z > g.uv.x) {
      quads.push_back({r, g.uv, 0, g.ink});
    }
    pen += g.advance * em;
  }
  return quads;
}

std::vector<SignQuad> farSignQuads(const std::vector<SignQuad>& quads) {
  std::vector<SignQuad> out;
  glm::vec4 bar(0.0f);
  float inkArea = 0.0f;
  bool any = false;
  for (const SignQuad& q : quads) {
    if (q.kind != 0) {
      out.push_back(q);
      continue;
    }
    bar = any ? glm::vec4(glm::min(glm::vec2(bar), glm::vec2(q.rect)), glm::max(glm::vec2(bar.z, bar.w),
                                                                                glm::vec2(q.rect.z, q.rect.w)))
              : q.rect;
    inkArea += q.ink * (q.rect.z - q.rect.x) * (q.rect.w - q.rect.y);
    any = true;
  }
  const float area = (bar.z - bar.x) * (bar.w - bar.y);
  if (any && area > 0.0f) out.push_back({bar, glm::vec4(std::clamp(inkArea / area, 0.0f, 1.0f)), 3, 0.0f});
  return out;
}

GlyphAtlas buildSignageAtlas(const SignageInput& signage) {
  std::vector<std::u32string> texts;
  texts.reserve(signage.signs.size());
  for (const SignInput& s : signage.signs) texts.push_back(decodeUtf8(s.text));
  return buildGlyphAtlas(texts);
}

SignageInput signageForExpo(const expo::Expo& expo, const expo::ExpoScene& scene,
                            const std::vector<std::unique_ptr<GpuModel>>& models, const LogoLoader& loadLogo) {
  SignageInput out;
  std::map<std::string, int> logoIndex;
  constexpr float kLift = 0.006f;  // text sits this far in front of the board (no z-fighting)
  for (const expo::FasciaInstance& f : scene.fascias) {
    if (f.booth >= expo.booths.size() || f.booth >= scene.booths.size()) continue;
    const expo::Booth& booth = expo.booths[f.booth];
    const expo::BoothInstance& bi = scene.booths[f.booth];
    SignInput s;
    s.size = f.size;
    s.text = booth.fascia.text;
    s.textColor = booth.fascia.secondaryColor;
    if (!booth.fascia.logo.empty() && loadLogo) {
      auto [it, inserted] = logoIndex.emplace(booth.fascia.logo, -1);
      if (inserted) {
        auto image = loadLogo(booth.fascia.logo);
        if (image) {
          it->second = int(out.logos.size());
          out.logos.push_back(std::move(*image));
        } else {
          spdlog::warn("booth {}: logo {}: {}", booth.id, booth.fascia.logo, image.message());
        }
      }
      s.logo = it->second;
    }
    s.world = glm::translate(f.world, glm::vec3(0.0f, 0.0f, kLift));
    out.signs.push_back(s);
    // A free-standing board (its geometry straddles the booth's centre plane) is read from both
    // aisles: the name goes on its back face too.
    const GpuModel* model = bi.model < models.size() ? models[bi.model].get() : nullptr;
    if (model && model->hasFascia && model->fasciaMin.z < 0.0f && model->fasciaMax.z > 0.0f) {
      const float originZ = (glm::inverse(bi.world) * f.world)[3].z;
      s.world = glm::rotate(glm::translate(f.world, glm::vec3(0.0f, 0.0f, model->fasciaMin.z - originZ - kLift)),
                            glm::pi<float>(), glm::vec3(0.0f, 1.0f, 0.0f));
      out.signs.push_back(s);
    }
  }
  return out;
}

LogoLoader logoLoaderForExpo(const std::string& expoPath) {
  namespace fs = std::filesystem;
  fs::path root(expoPath);
  std::error_code ec;
  if (!fs::is_directory(root, ec)) root = root.parent_path();
  return [root](const std::string& path) -> Result<assets::Image> {
    if (path.find("://") != std::string::npos) return makeError("only logos inside the expo folder are drawn");
    auto bytes = readFileBytes(root / fs::u8path(path), uint64_t(16) << 20);
    if (!bytes) return bytes.error();
    auto image = assets::decodeImage(*bytes, uint64_t(64) << 20);
    if (!image) return makeError(fmt::format("{}: {}", path, image.message()));
    return image;
  };
}

MaterialRole materialRoleForName(const std::string& name) {
  return name == "cx_primary"     ? MaterialRole::Primary
         : name == "cx_secondary" ? MaterialRole::Secondary
         : name == "cx_fascia"    ? MaterialRole::Fascia
                                  : MaterialRole::Own;
}

void assignBoothMaterialRoles(GpuModel& gpu, const assets::Model& source) {
  for (size_t i = 0; i < source.materials.size() && i < gpu.materials.size(); ++i)
    gpu.materials[i].role = materialRoleForName(source.materials[i].name);
  gpu.hasFascia = false;
  for (const auto& node : gpu.nodes) {
    if (node.mesh >= gpu.meshes.size()) continue;
    const GpuMesh& mesh = gpu.meshes[node.mesh];
    for (uint32_t p = 0; p < mesh.primitiveCount; ++p) {
      const GpuPrimitive& prim = gpu.primitives[mesh.firstPrimitive + p];
      if (prim.material >= gpu.materials.size() || gpu.materials[prim.material].role != MaterialRole::Fascia) continue;
      for (int c = 0; c < 8; ++c) {
        glm::vec3 corner((c & 1) ? prim.boundsMax.x : prim.boundsMin.x, (c & 2) ? prim.boundsMax.y : prim.boundsMin.y,
                         (c & 4) ? prim.boundsMax.z : prim.boundsMin.z);
        glm::vec3 p3 = glm::vec3(node.world * glm::vec4(corner, 1.0f));
        gpu.fasciaMin = gpu.hasFascia ? glm::min(gpu.fasciaMin, p3) : p3;
        gpu.fasciaMax = gpu.hasFascia ? glm::max(gpu.fasciaMax, p3) : p3;
        gpu.hasFascia = true;
      }
    }
  }
}

}  // namespace cx::render
