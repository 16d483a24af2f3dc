#include "cx/render/signage.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <thread>

#include <filesystem>

#include <glm/gtc/matrix_transform.hpp>

#include "cx/assets/image_codec.h"
#include "cx/core/file.h"
#include "cx/text/fonts.h"

namespace cx::render {
namespace {

constexpr uint32_t kPixelsPerEm = 40;   // SDF glyph size in the atlas
constexpr int kSpread = 6;              // SDF range in texels either side of the outline
constexpr uint32_t kAtlasWidth = 2048;
constexpr uint32_t kMaxAtlasHeight = 4096;
constexpr int kMaxFallbackLookups = 64;  // fontconfig queries for codepoints the main faces lack

struct Rendered {
  char32_t cp;
  GlyphInfo info;
  uint32_t w = 0, h = 0;
  std::vector<uint8_t> pixels;
};

// One glyph's distance field and metrics; a missing face or glyph gives the visible fallback box.
Rendered renderGlyph(text::GlyphRenderer* renderer, const text::FaceFile* face, char32_t cp) {
  Rendered r{cp, {}, 0, 0, {}};
  text::Glyph g = renderer && face ? renderer->render(*face, cp, kSpread) : text::Glyph{};
  if (!g.found) {
    r.info.fallback = true;
    r.info.rect = {0.06f, 0.0f, 0.64f, 0.74f};
    r.info.advance = 0.7f;
    return r;
  }
  r.info.advance = g.advance;
  if (g.width > 0 && g.height > 0) {
    r.w = g.width;
    r.h = g.height;
    r.pixels = std::move(g.pixels);
    const float px = float(kPixelsPerEm);
    r.info.rect = {float(g.left) / px, float(g.top - int(r.h)) / px, float(g.left + int(r.w)) / px, float(g.top) / px};
  }
  return r;
}

}  // namespace

std::u32string decodeUtf8(std::string_view s) { return text::decodeUtf8(s); }

GlyphAtlas buildGlyphAtlas(const std::vector<std::u32string>& texts) {
  GlyphAtlas atlas;
  atlas.distanceRange = float(kSpread);
  std::set<char32_t> wanted;
  for (const auto& t : texts) wanted.insert(t.begin(), t.end());
  if (wanted.empty()) return atlas;

  text::FontFinder fonts(kMaxFallbackLookups);
  if (!fonts.ready()) spdlog::warn("signage: FreeType failed to initialise; names are drawn as boxes");

  // Which face draws each codepoint (fontconfig is queried here, on this thread), then the glyphs
  // are rasterised and turned into distance fields on up to 4 threads, each with its own FreeType
  // library and faces (FreeType objects are not shared across threads). The result does not
  // depend on the thread count: every glyph is rendered alone and packed afterwards.
  const std::vector<char32_t> codepoints(wanted.begin(), wanted.end());
  std::vector<std::optional<text::FaceFile>> faceOf(codepoints.size());
  for (size_t i = 0; i < codepoints.size(); ++i) faceOf[i] = fonts.faceFor(codepoints[i]);
  std::vector<Rendered> rendered(codepoints.size());
  // A thread per 16 glyphs at most: a few names are not worth starting threads for.
  const unsigned threads = unsigned(std::min<size_t>(std::clamp(std::thread::hardware_concurrency(), 1u, 4u),
                                                     codepoints.size() / 16 + 1));
  auto work = [&](unsigned first) {
    std::unique_ptr<text::GlyphRenderer> renderer;
    if (fonts.ready()) renderer = std::make_unique<text::GlyphRenderer>(kPixelsPerEm);
    for (size_t i = first; i < codepoints.size(); i += threads)
      rendered[i] = renderGlyph(renderer.get(), faceOf[i] ? &*faceOf[i] : nullptr, codepoints[i]);
  };
  if (threads <= 1) {
    work(0);
  } else {
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
    work(0);
    for (auto& t : pool) t.join();
  }
  atlas.fontFiles = fonts.filesUsed();

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

namespace {

GlyphInfo glyphOf(const GlyphAtlas& atlas, char32_t cp) {
  auto it = atlas.glyphs.find(cp);
  if (it != atlas.glyphs.end()) return it->second;
  GlyphInfo g;
  g.fallback = true;
  g.rect = {0.06f, 0.0f, 0.64f, 0.74f};
  g.advance = 0.7f;
  return g;
}

// One line of text from `left` on `baseline` at `em` metres per em, appended to `quads`.
void appendLine(const GlyphAtlas& atlas, const std::u32string& text, float left, float baseline, float em,
                uint32_t line, std::vector<SignQuad>& quads) {
  float pen = left;
  for (char32_t cp : text) {
    const GlyphInfo g = glyphOf(atlas, cp);
    const glm::vec4 r(pen + g.rect.x * em, baseline + g.rect.y * em, pen + g.rect.z * em, baseline + g.rect.w * em);
    if (g.fallback) {
      quads.push_back({r, glm::vec4(0.0f), 2, 0.0f, line});
    } else if (g.uv.z > g.uv.x) {
      quads.push_back({r, g.uv, 0, g.ink, line});
    }
    pen += g.advance * em;
  }
}

float advanceOf(const GlyphAtlas& atlas, const std::u32string& text) {
  float advance = 0.0f;
  for (char32_t cp : text) advance += glyphOf(atlas, cp).advance;
  return advance;
}

// A product poster: the logo centred in the top 40%, then the lines in rows of equal height,
// centred, each at most 0.5 of its row tall and shrunk to the width.
std::vector<SignQuad> layoutPoster(const GlyphAtlas& atlas, const SignInput& sign, const glm::vec4& logoUv) {
  std::vector<SignQuad> quads;
  const float w = sign.size.x, h = sign.size.y;
  const float margin = std::min(w, h) * 0.08f;
  const bool logo = sign.logo >= 0 && logoUv.z > logoUv.x;
  float top = h * 0.5f - margin;
  if (logo) {
    const float side = std::min(h * 0.36f, w - 2.0f * margin);
    quads.push_back({{-side * 0.5f, top - side, side * 0.5f, top}, logoUv, 1});
    top -= side + margin * 0.5f;
  }
  const float bottom = -h * 0.5f + margin;
  const size_t rows = sign.lines.size();
  if (rows == 0 || top <= bottom) return quads;
  const float rowHeight = (top - bottom) / float(rows);
  for (size_t i = 0; i < rows; ++i) {
    const std::u32string text = decodeUtf8(sign.lines[i]);
    const float advance = advanceOf(atlas, text);
    float em = std::min(rowHeight * 0.5f, h * 0.09f);
    const float available = w - 2.0f * margin;
    if (advance * em > available && advance > 0.0f) em = available / advance;
    const float rowCentre = top - rowHeight * (float(i) + 0.5f);
    appendLine(atlas, text, -advance * em * 0.5f, rowCentre - 0.33f * em, em, uint32_t(i), quads);
  }
  return quads;
}

}  // namespace

std::vector<SignQuad> layoutSign(const GlyphAtlas& atlas, const SignInput& sign, const glm::vec4& logoUv) {
  std::vector<SignQuad> quads;
  const float w = sign.size.x, h = sign.size.y;
  if (w <= 0.0f || h <= 0.0f) return quads;
  if (!sign.lines.empty()) return layoutPoster(atlas, sign, logoUv);
  const std::u32string text = decodeUtf8(sign.text);
  const bool logo = sign.logo >= 0 && logoUv.z > logoUv.x;
  const float logoSide = h * 0.8f, gap = h * 0.12f;
  float em = h * 0.6f;
  const float advance = advanceOf(atlas, text);
  const float available = w * 0.92f - (logo ? logoSide + gap : 0.0f);
  if (advance * em > available && advance > 0.0f) em = std::max(0.0f, available / advance);
  const float content = (logo ? logoSide + (text.empty() ? 0.0f : gap) : 0.0f) + advance * em;
  float pen = -content * 0.5f;
  if (logo) {
    quads.push_back({{pen, -logoSide * 0.5f, pen + logoSide, logoSide * 0.5f}, logoUv, 1});
    pen += logoSide + gap;
  }
  appendLine(atlas, text, pen, -0.33f * em, em, 0, quads);  // the baseline centres a line of -0.2 to 0.86 em
  return quads;
}

std::vector<SignQuad> farSignQuads(const std::vector<SignQuad>& quads) {
  std::vector<SignQuad> out;
  struct Bar {
    glm::vec4 rect{0.0f};
    float inkArea = 0.0f;
    bool any = false;
  };
  std::map<uint32_t, Bar> bars;  // per line
  for (const SignQuad& q : quads) {
    if (q.kind != 0) {
      out.push_back(q);
      continue;
    }
    Bar& b = bars[q.line];
    b.rect = b.any ? glm::vec4(glm::min(glm::vec2(b.rect), glm::vec2(q.rect)),
                               glm::max(glm::vec2(b.rect.z, b.rect.w), glm::vec2(q.rect.z, q.rect.w)))
                   : q.rect;
    b.inkArea += q.ink * (q.rect.z - q.rect.x) * (q.rect.w - q.rect.y);
    b.any = true;
  }
  for (const auto& [line, b] : bars) {
    const float area = (b.rect.z - b.rect.x) * (b.rect.w - b.rect.y);
    if (b.any && area > 0.0f) out.push_back({b.rect, glm::vec4(std::clamp(b.inkArea / area, 0.0f, 1.0f)), 3, 0.0f, line});
  }
  return out;
}

GlyphAtlas buildSignageAtlas(const SignageInput& signage) {
  std::vector<std::u32string> texts;
  texts.reserve(signage.signs.size());
  for (const SignInput& s : signage.signs) {
    texts.push_back(decodeUtf8(s.text));
    for (const std::string& line : s.lines) texts.push_back(decodeUtf8(line));
  }
  return buildGlyphAtlas(texts);
}

SignageInput signageForExpo(const expo::Expo& expo, const expo::ExpoScene& scene,
                            const std::vector<std::unique_ptr<GpuModel>>& models, const LogoLoader& loadLogo) {
  SignageInput out;
  std::map<std::string, int> logoIndex;
  constexpr float kLift = 0.006f;  // text sits this far in front of the board (no z-fighting)
  // The booth's logo in out.logos, loaded once per path (-1: none).
  auto logoOf = [&](const expo::Booth& booth) {
    if (booth.fascia.logo.empty() || !loadLogo) return -1;
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
    return it->second;
  };
  for (const expo::FasciaInstance& f : scene.fascias) {
    if (f.booth >= expo.booths.size() || f.booth >= scene.booths.size()) continue;
    const expo::Booth& booth = expo.booths[f.booth];
    const expo::BoothInstance& bi = scene.booths[f.booth];
    SignInput s;
    s.size = f.size;
    s.text = booth.fascia.text;
    s.textColor = booth.fascia.secondaryColor;
    s.logo = logoOf(booth);
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
  // Product posters on the styles' poster slots (not on an exhibitor's own model).
  std::map<std::string, const expo::BoothStyle*> styles;
  for (const expo::BoothStyle& st : expo.styles) styles.emplace(st.id, &st);
  std::map<std::string, const expo::Exhibitor*> exhibitors;
  for (const expo::Exhibitor& x : expo.exhibitors) exhibitors.emplace(x.id, &x);
  for (size_t b = 0; b < expo.booths.size() && b < scene.booths.size(); ++b) {
    const expo::Booth& booth = expo.booths[b];
    auto st = styles.find(booth.style);
    auto ex = exhibitors.find(booth.exhibitor);
    if (!booth.model.empty() || st == styles.end() || st->second->posters.empty() || ex == exhibitors.end() ||
        ex->second->products.empty())
      continue;
    SignInput s;
    s.textColor = booth.fascia.secondaryColor;
    s.logo = logoOf(booth);
    for (size_t k = 0; k < ex->second->products.size() && k < 3; ++k) s.lines.push_back(ex->second->products[k]);
    for (const expo::PosterSlot& slot : st->second->posters) {
      s.size = slot.size;
      s.world = glm::translate(glm::rotate(glm::translate(scene.booths[b].world, slot.origin), glm::radians(slot.rotationDeg),
                                           glm::vec3(0.0f, 1.0f, 0.0f)),
                               glm::vec3(0.0f, 0.0f, kLift));
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
