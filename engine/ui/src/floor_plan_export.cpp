// Floor-plan exports: SVG text in world metres and a CPU-rasterised PNG.
#include <stb_image_write.h>

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "cx/core/file.h"
#include "cx/ui/floor_plan.h"
#include "cx/ui/schedule.h"

namespace cx::ui {
namespace {

constexpr int kMaxImageSide = 16384;

std::string hexColor(Rgba8 c) {
  return fmt::format("#{:02x}{:02x}{:02x}", c[0], c[1], c[2]);
}

std::string svgPoints(const std::vector<glm::vec2>& pts) {
  std::string out;
  for (glm::vec2 p : pts) {
    if (!out.empty()) out += ' ';
    out += fmt::format("{:.3f},{:.3f}", p.x, p.y);
  }
  return out;
}

std::string exhibitorTitle(const expo::Expo& expo, const expo::Booth& booth) {
  if (booth.exhibitor.empty()) return "Free plot " + booth.id;
  for (const expo::Exhibitor& ex : expo.exhibitors) {
    if (ex.id != booth.exhibitor) continue;
    if (ex.name.native.empty() || ex.name.native == ex.name.english) return ex.name.english;
    if (ex.name.english.empty()) return ex.name.native;
    return ex.name.native + " (" + ex.name.english + ")";
  }
  return booth.exhibitor;
}

void blendPixel(uint8_t* px, Rgba8 c) {
  if (c[3] == 255) {
    std::copy(c.begin(), c.end(), px);
    return;
  }
  const int a = c[3];
  for (int i = 0; i < 3; ++i) px[i] = static_cast<uint8_t>((c[i] * a + px[i] * (255 - a) + 127) / 255);
  px[3] = static_cast<uint8_t>(std::max<int>(px[3], a));
}

std::vector<glm::vec2> toPixels(const MapView& view, const std::vector<glm::vec2>& world) {
  std::vector<glm::vec2> out;
  out.reserve(world.size());
  for (glm::vec2 p : world) out.push_back(worldToMap(view, p));
  return out;
}

std::vector<glm::vec2> cornersVector(const expo::BoothBounds& b) {
  const auto c = footprintCorners(b);
  return {c.begin(), c.end()};
}

}  // namespace

std::string xmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        if (static_cast<unsigned char>(ch) < 0x20 && ch != '\t' && ch != '\n')
          break;  // not allowed in XML 1.0
        out += ch;
    }
  }
  return out;
}

void fillPolygon(RgbaImage& img, const std::vector<glm::vec2>& pts, Rgba8 color) {
  if (pts.size() < 3 || img.width <= 0 || img.height <= 0) return;
  float minY = pts[0].y, maxY = pts[0].y;
  for (glm::vec2 p : pts) minY = std::min(minY, p.y), maxY = std::max(maxY, p.y);
  // Rows whose pixel centre y + 0.5 lies in [minY, maxY).
  const int y0 = std::max(0, static_cast<int>(std::ceil(minY - 0.5f)));
  const int y1 = std::min(img.height - 1, static_cast<int>(std::ceil(maxY - 0.5f)) - 1);
  std::vector<float> xs;
  for (int y = y0; y <= y1; ++y) {
    const float yc = static_cast<float>(y) + 0.5f;
    xs.clear();
    for (size_t i = 0, j = pts.size() - 1; i < pts.size(); j = i++) {
      const glm::vec2 a = pts[j], b = pts[i];
      if ((a.y <= yc && yc < b.y) || (b.y <= yc && yc < a.y))
        xs.push_back(a.x + (yc - a.y) * (b.x - a.x) / (b.y - a.y));
    }
    std::sort(xs.begin(), xs.end());
    for (size_t k = 0; k + 1 < xs.size(); k += 2) {
      // Pixels whose centre x + 0.5 lies in [xs[k], xs[k+1]).
      const int x0 = std::max(0, static_cast<int>(std::ceil(xs[k] - 0.5f)));
      const int x1 = std::min(img.width, static_cast<int>(std::ceil(xs[k + 1] - 0.5f)));
      uint8_t* row = img.rgba.data() + size_t(y) * size_t(img.width) * 4;
      for (int x = x0; x < x1; ++x) blendPixel(row + size_t(x) * 4, color);
    }
  }
}

MapView exportMapView(const expo::Expo& expo, const expo::ExpoScene& scene, const FloorPlanExportOptions& o,
                      int& width, int& height) {
  glm::vec2 min, max;
  if (!expoBounds(expo, scene, min, max)) min = glm::vec2(-1.0f), max = glm::vec2(1.0f);
  const float margin = std::max(0.0f, o.marginPx);
  width = std::clamp(o.width, 16, kMaxImageSide);
  height = o.height;
  if (height <= 0) {
    const glm::vec2 extent = glm::max(max - min, glm::vec2(1e-3f));
    const float usable = std::max(1.0f, float(width) - 2.0f * margin);
    height = static_cast<int>(std::ceil(usable * extent.y / extent.x + 2.0f * margin));
  }
  height = std::clamp(height, 16, kMaxImageSide);
  return fitMapView(min, max, glm::vec2(0.0f), glm::vec2(float(width), float(height)), margin);
}

RgbaImage rasterizeFloorPlan(const expo::Expo& expo, const expo::ExpoScene& scene,
                             const FloorPlanExportOptions& o) {
  RgbaImage img;
  const MapView view = exportMapView(expo, scene, o, img.width, img.height);
  img.rgba.resize(size_t(img.width) * size_t(img.height) * 4);
  for (size_t i = 0; i < img.rgba.size(); i += 4)
    std::copy(kBackgroundColor.begin(), kBackgroundColor.end(), &img.rgba[i]);

  for (const expo::Pavilion& p : expo.pavilions) fillPolygon(img, toPixels(view, p.floor), pavilionColor(p));

  // A booth is its outline colour, then its fill inset by one pixel when it is big enough.
  const float insetMetres = 1.0f / view.pixelsPerMetre;
  for (uint32_t i = 0; i < scene.bounds.size(); ++i) {
    const expo::BoothBounds& b = scene.bounds[i];
    const Rgba8 fill = i == o.highlightBooth ? kHighlightColor : boothColor(expo, scene, i);
    const bool outline = std::min(b.halfExtents.x, b.halfExtents.y) * view.pixelsPerMetre >= 3.0f;
    if (outline) {
      fillPolygon(img, toPixels(view, cornersVector(b)), kOutlineColor);
      expo::BoothBounds inner = b;
      inner.halfExtents -= glm::vec2(insetMetres);
      fillPolygon(img, toPixels(view, cornersVector(inner)), fill);
    } else {
      fillPolygon(img, toPixels(view, cornersVector(b)), fill);
    }
  }

  // Entrances: small dark squares on the outline.
  for (const expo::Pavilion& p : expo.pavilions) {
    for (const expo::Entrance& e : p.entrances) {
      const glm::vec2 c = worldToMap(view, e.position);
      const float r = std::max(2.0f, 0.25f * e.width * view.pixelsPerMetre);
      fillPolygon(img,
                  {c + glm::vec2(-r, -r), c + glm::vec2(r, -r), c + glm::vec2(r, r), c + glm::vec2(-r, r)},
                  kOutlineColor);
    }
  }
  return img;
}

std::string floorPlanSvg(const expo::Expo& expo, const expo::ExpoScene& scene,
                         const FloorPlanExportOptions& o) {
  int width = 0, height = 0;
  const MapView view = exportMapView(expo, scene, o, width, height);
  // The viewBox is the exported canvas expressed in world metres.
  const glm::vec2 vbMin = mapToWorld(view, glm::vec2(0.0f));
  const glm::vec2 vbSize = glm::vec2(float(width), float(height)) / view.pixelsPerMetre;
  const float stroke = std::max(0.05f, 1.0f / view.pixelsPerMetre);

  std::string s;
  s.reserve(256 + scene.bounds.size() * 320);
  s += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  s += fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" viewBox=\"{:.3f} {:.3f} {:.3f} "
      "{:.3f}\">\n",
      width, height, vbMin.x, vbMin.y, vbSize.x, vbSize.y);
  s += fmt::format(
      "<title>{} floor plan</title>\n",
      xmlEscape(expo.venue.name.english.empty() ? expo.venue.name.native : expo.venue.name.english));
  s += "<desc>Units are metres. SVG x is world x, SVG y is world z (world +Z points down).</desc>\n";
  s += fmt::format("<rect x=\"{:.3f}\" y=\"{:.3f}\" width=\"{:.3f}\" height=\"{:.3f}\" fill=\"{}\"/>\n",
                   vbMin.x, vbMin.y, vbSize.x, vbSize.y, hexColor(kBackgroundColor));

  s += "<g id=\"pavilions\">\n";
  for (const expo::Pavilion& p : expo.pavilions) {
    s += fmt::format(
        "<polygon id=\"pavilion-{}\" points=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{:.3f}\">",
        xmlEscape(p.id), svgPoints(p.floor), hexColor(pavilionColor(p)), hexColor(kOutlineColor), 2 * stroke);
    s += fmt::format("<title>{}</title></polygon>\n",
                     xmlEscape(p.name.native == p.name.english || p.name.native.empty()
                                   ? p.name.english
                                   : p.name.native + " (" + p.name.english + ")"));
  }
  s += "</g>\n<g id=\"booths\">\n";
  for (uint32_t i = 0; i < scene.bounds.size() && i < expo.booths.size(); ++i) {
    const expo::Booth& booth = expo.booths[i];
    const bool highlight = i == o.highlightBooth;
    const Rgba8 fill = highlight ? kHighlightColor : boothColor(expo, scene, i);
    s += fmt::format(
        "<polygon id=\"booth-{}\"{} points=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{:.3f}\">",
        xmlEscape(booth.id), highlight ? " class=\"highlight\"" : "",
        svgPoints(cornersVector(scene.bounds[i])), hexColor(fill), hexColor(kOutlineColor), stroke);
    s += fmt::format("<title>{}</title></polygon>\n", xmlEscape(exhibitorTitle(expo, booth)));
  }
  s += "</g>\n<g id=\"entrances\">\n";
  for (const expo::Pavilion& p : expo.pavilions) {
    for (const expo::Entrance& e : p.entrances)
      s += fmt::format("<circle cx=\"{:.3f}\" cy=\"{:.3f}\" r=\"{:.3f}\" fill=\"{}\"/>\n", e.position.x,
                       e.position.y, std::max(0.5f, 0.25f * e.width), hexColor(kOutlineColor));
  }
  s += "</g>\n";
  if (o.labels) {
    const float fontSize = std::max(1.0f, 14.0f / view.pixelsPerMetre);
    s += fmt::format(
        "<g id=\"labels\" font-family=\"Noto Sans CJK SC, DejaVu Sans, sans-serif\" font-size=\"{:.3f}\" "
        "text-anchor=\"middle\" fill=\"#202020\">\n",
        fontSize);
    for (const expo::Pavilion& p : expo.pavilions) {
      if (p.floor.size() < 3) continue;
      const glm::vec2 c = polygonCentroid(p.floor);
      s += fmt::format("<text x=\"{:.3f}\" y=\"{:.3f}\">{}</text>\n", c.x, c.y,
                       xmlEscape(p.name.english.empty() ? p.name.native : p.name.english));
    }
    s += "</g>\n";
  }
  s += "</svg>\n";
  return s;
}

Status exportFloorPlanSvg(const expo::Expo& expo, const expo::ExpoScene& scene,
                          const std::filesystem::path& path, const FloorPlanExportOptions& options) {
  return writeFileAtomic(path, std::string_view(floorPlanSvg(expo, scene, options)));
}

Status exportFloorPlanPng(const expo::Expo& expo, const expo::ExpoScene& scene,
                          const std::filesystem::path& path, const FloorPlanExportOptions& options) {
  const RgbaImage img = rasterizeFloorPlan(expo, scene, options);
  std::vector<uint8_t> png;
  const auto sink = [](void* context, void* data, int size) {
    auto* out = static_cast<std::vector<uint8_t>*>(context);
    const auto* bytes = static_cast<const uint8_t*>(data);
    out->insert(out->end(), bytes, bytes + size);
  };
  if (!stbi_write_png_to_func(sink, &png, img.width, img.height, 4, img.rgba.data(), img.width * 4))
    return makeError(fmt::format("{}: PNG encoding failed", path.string()));
  return writeFileAtomic(path, std::span<const uint8_t>(png));
}

}  // namespace cx::ui
