// expo.json -> Expo: JSON syntax, types, required fields and unknown-field warnings. The semantic
// rules (ids, references, ranges, paths, links) live in manifest_validate.cpp.
#include <unordered_map>

#include <fmt/format.h>

#include "cx/core/file.h"
#include "cx/expo/manifest.h"
#include "cx/expo/time.h"
#include "json_reader.h"
#include "manifest_internal.h"

namespace cx::expo {

using detail::Json;
using detail::jsonIndexPath;
using detail::Need;
using detail::ObjectReader;
using detail::ReadContext;

namespace {

constexpr uint64_t kMaxManifestBytes = uint64_t(256) << 20;

LocalizedText readText(ReadContext& ctx, ObjectReader& parent, const char* key, Need need) {
  LocalizedText text;
  const Json* json = parent.object(key, need);
  if (!json) return text;
  ObjectReader r(ctx, *json, parent.path(key));
  text.native = r.string("native", Need::Optional);
  text.english = r.string("english", Need::Required);
  text.lang = r.string("lang", Need::Optional);
  r.finish();
  return text;
}

Venue readVenue(ReadContext& ctx, const Json& json, const std::string& path) {
  Venue v;
  ObjectReader r(ctx, json, path);
  v.name = readText(ctx, r, "name", Need::Required);
  v.city = r.string("city", Need::Optional);
  v.startDate = r.string("startDate", Need::Optional);
  v.endDate = r.string("endDate", Need::Optional);
  v.timeZone = r.string("timeZone", Need::Optional);
  v.utcOffsetMinutes = r.integer("utcOffsetMinutes", Need::Optional, 0);
  v.totalAreaM2 = r.number("totalAreaM2", Need::Optional, 0.0f);
  r.finish();
  return v;
}

Pavilion readPavilion(ReadContext& ctx, const Json& json, const std::string& path) {
  Pavilion p;
  ObjectReader r(ctx, json, path);
  p.id = r.string("id", Need::Required);
  p.name = readText(ctx, r, "name", Need::Required);
  p.theme = r.string("theme", Need::Optional);
  p.model = r.string("model", Need::Optional);
  if (const Json* floor = r.array("floor", Need::Required)) {
    for (size_t i = 0; i < floor->size() && ctx.ok(); ++i)
      p.floor.push_back(
          detail::readVector<2>(ctx, (*floor)[i], jsonIndexPath(r.path("floor"), i), glm::vec2(0.0f)));
  }
  if (const Json* entrances = r.array("entrances", Need::Optional)) {
    for (size_t i = 0; i < entrances->size() && ctx.ok(); ++i) {
      ObjectReader e(ctx, (*entrances)[i], jsonIndexPath(r.path("entrances"), i));
      Entrance entrance;
      entrance.position = e.vec2("position", Need::Required, entrance.position);
      entrance.width = e.number("width", Need::Optional, entrance.width);
      e.finish();
      p.entrances.push_back(entrance);
    }
  }
  p.heightLimit = r.number("heightLimit", Need::Optional, p.heightLimit);
  p.minAisleWidth = r.number("minAisleWidth", Need::Optional, p.minAisleWidth);
  p.color = r.vec3("color", Need::Optional, p.color);
  r.finish();
  return p;
}

BoothStyle readStyle(ReadContext& ctx, const Json& json, const std::string& path) {
  BoothStyle s;
  ObjectReader r(ctx, json, path);
  s.id = r.string("id", Need::Required);
  s.model = r.string("model", Need::Required);
  s.footprint = r.vec2("footprint", Need::Required, s.footprint);
  s.height = r.number("height", Need::Required, s.height);
  s.fasciaOrigin = r.vec3("fasciaOrigin", Need::Optional, s.fasciaOrigin);
  s.fasciaSize = r.vec2("fasciaSize", Need::Optional, s.fasciaSize);
  if (const Json* posters = r.array("posters", Need::Optional)) {
    for (size_t i = 0; i < posters->size() && ctx.ok(); ++i) {
      ObjectReader e(ctx, (*posters)[i], jsonIndexPath(r.path("posters"), i));
      PosterSlot slot;
      slot.origin = e.vec3("origin", Need::Required, slot.origin);
      slot.size = e.vec2("size", Need::Required, slot.size);
      slot.rotationDeg = e.number("rotation", Need::Optional, 0.0f);
      e.finish();
      s.posters.push_back(slot);
    }
  }
  r.finish();
  return s;
}

Booth readBooth(ReadContext& ctx, const Json& json, const std::string& path,
                const std::unordered_map<std::string, const BoothStyle*>& styles) {
  Booth b;
  ObjectReader r(ctx, json, path);
  b.id = r.string("id", Need::Required);
  b.pavilion = r.string("pavilion", Need::Required);
  b.style = r.string("style", Need::Required);
  b.model = r.string("model", Need::Optional);
  b.position = r.vec2("position", Need::Required, b.position);
  b.rotationDeg = r.number("rotation", Need::Optional, 0.0f);
  // Without its own footprint a booth takes its style's.
  if (auto it = styles.find(b.style); it != styles.end()) b.footprint = it->second->footprint;
  b.footprint = r.vec2("footprint", Need::Optional, b.footprint);
  b.heightLimit = r.number("heightLimit", Need::Optional, 0.0f);
  b.exhibitor = r.string("exhibitor", Need::Optional);
  if (const Json* fascia = r.object("fascia", Need::Optional)) {
    ObjectReader f(ctx, *fascia, r.path("fascia"));
    b.fascia.text = f.string("text", Need::Optional);
    b.fascia.primaryColor = f.vec3("primaryColor", Need::Optional, b.fascia.primaryColor);
    b.fascia.secondaryColor = f.vec3("secondaryColor", Need::Optional, b.fascia.secondaryColor);
    b.fascia.logo = f.string("logo", Need::Optional);
    f.finish();
  }
  r.finish();
  return b;
}

Exhibitor readExhibitor(ReadContext& ctx, const Json& json, const std::string& path) {
  Exhibitor x;
  ObjectReader r(ctx, json, path);
  x.id = r.string("id", Need::Required);
  x.name = readText(ctx, r, "name", Need::Required);
  x.country = r.string("country", Need::Optional);
  x.pavilion = r.string("pavilion", Need::Optional);
  x.booth = r.string("booth", Need::Optional);
  x.description = r.string("description", Need::Optional);
  x.products = r.strings("products", Need::Optional);
  x.tags = r.strings("tags", Need::Optional);
  if (const Json* links = r.object("links", Need::Optional)) {
    ObjectReader l(ctx, *links, r.path("links"));
    x.links.website = l.string("website", Need::Optional);
    x.links.livestream = l.string("livestream", Need::Optional);
    x.links.shop = l.string("shop", Need::Optional);
    l.finish();
  }
  if (const Json* contact = r.object("contact", Need::Optional)) {
    ObjectReader c(ctx, *contact, r.path("contact"));
    x.contact.email = c.string("email", Need::Optional);
    x.contact.phone = c.string("phone", Need::Optional);
    x.contact.person = c.string("person", Need::Optional);
    c.finish();
  }
  r.finish();
  return x;
}

int64_t readTime(ReadContext& ctx, ObjectReader& r, const char* key, std::string& text) {
  text = r.string(key, Need::Required);
  if (!ctx.ok()) return 0;
  auto t = parseIsoDateTime(text);
  if (!t) {
    ctx.fail(r.path(key), fmt::format("expected an ISO 8601 date-time with offset like "
                                      "\"2022-08-26T09:30:00+08:00\", got {}",
                                      detail::describeJsonValue(Json(text))));
    return 0;
  }
  return *t;
}

Event readEvent(ReadContext& ctx, const Json& json, const std::string& path) {
  Event e;
  ObjectReader r(ctx, json, path);
  e.id = r.string("id", Need::Required);
  e.title = readText(ctx, r, "title", Need::Required);
  e.startUnix = readTime(ctx, r, "start", e.start);
  e.endUnix = readTime(ctx, r, "end", e.end);
  e.location = r.string("location", Need::Optional);
  e.locationLabel = r.string("locationLabel", Need::Optional);
  e.stream = r.string("stream", Need::Optional);
  e.description = r.string("description", Need::Optional);
  r.finish();
  return e;
}

template <class T, class ReadOne>
std::vector<T> readArray(ReadContext& ctx, ObjectReader& root, const char* key, Need need, ReadOne readOne) {
  std::vector<T> out;
  const Json* array = root.array(key, need);
  if (!array) return out;
  out.reserve(array->size());
  for (size_t i = 0; i < array->size() && ctx.ok(); ++i)
    out.push_back(readOne((*array)[i], jsonIndexPath(key, i)));
  return out;
}

// Byte offset -> 1-based line and column (column counted in bytes).
std::pair<size_t, size_t> lineColumn(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  size_t line = 1, column = 1;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

// nlohmann's what() is "[json.exception.parse_error.101] parse error at line 3, column 5: <reason>".
std::string syntaxReason(const std::string& what) {
  size_t colon = what.find(": ");
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

}  // namespace

Result<Expo> parseExpoManifest(std::string_view text, const std::string& sourceName,
                               std::vector<std::string>* warnings) {
  return detail::parseExpoManifestWithRoot(text, sourceName, {}, warnings);
}

namespace detail {

Result<Expo> parseExpoManifestWithRoot(std::string_view text, const std::string& sourceName,
                                       const std::filesystem::path& root,
                                       std::vector<std::string>* warnings) {
  Json json;
  try {
    json = Json::parse(text.begin(), text.end());
  } catch (const Json::parse_error& e) {
    // e.byte is one past the offending character.
    auto [line, column] = lineColumn(text, e.byte > 0 ? e.byte - 1 : 0);
    return makeError(fmt::format("{}: line {}, column {}: JSON syntax error: {}", sourceName, line, column,
                                 syntaxReason(e.what())));
  } catch (const Json::exception& e) {
    // Number overflow ("number overflow parsing '1e999'") carries no position: find the literal.
    std::string reason = e.what();
    reason = reason.substr(reason.find("] ") == std::string::npos ? 0 : reason.find("] ") + 2);
    size_t open = reason.find('\''), close = reason.rfind('\'');
    if (open != std::string::npos && close > open + 1) {
      size_t at = text.find(reason.substr(open + 1, close - open - 1));
      if (at != std::string_view::npos) {
        auto [line, column] = lineColumn(text, at);
        return makeError(fmt::format("{}: line {}, column {}: {}", sourceName, line, column, reason));
      }
    }
    return makeError(fmt::format("{}: {}", sourceName, reason));
  }

  std::vector<std::string> localWarnings;
  ReadContext ctx(sourceName, &localWarnings);
  Expo expo;
  ObjectReader r(ctx, json, "");
  // The version comes first: a newer file would otherwise fail on some renamed field.
  expo.formatVersion = r.integer("formatVersion", Need::Required, 0);
  if (ctx.ok() && expo.formatVersion != kFormatVersion)
    ctx.fail("formatVersion", fmt::format("unsupported format version {}, this build reads version {}",
                                          expo.formatVersion, kFormatVersion));
  expo.id = r.string("id", Need::Required);
  if (const Json* venue = r.object("venue", Need::Required)) expo.venue = readVenue(ctx, *venue, "venue");
  expo.pavilions =
      readArray<Pavilion>(ctx, r, "pavilions", Need::Required,
                          [&](const Json& j, const std::string& p) { return readPavilion(ctx, j, p); });
  expo.styles =
      readArray<BoothStyle>(ctx, r, "styles", Need::Required,
                            [&](const Json& j, const std::string& p) { return readStyle(ctx, j, p); });
  std::unordered_map<std::string, const BoothStyle*> styleById;
  for (const BoothStyle& s : expo.styles) styleById.emplace(s.id, &s);
  expo.booths = readArray<Booth>(ctx, r, "booths", Need::Required, [&](const Json& j, const std::string& p) {
    return readBooth(ctx, j, p, styleById);
  });
  expo.exhibitors =
      readArray<Exhibitor>(ctx, r, "exhibitors", Need::Optional,
                           [&](const Json& j, const std::string& p) { return readExhibitor(ctx, j, p); });
  expo.events = readArray<Event>(ctx, r, "events", Need::Optional,
                                 [&](const Json& j, const std::string& p) { return readEvent(ctx, j, p); });
  r.finish();
  if (!ctx.ok()) {
    if (warnings) warnings->insert(warnings->end(), localWarnings.begin(), localWarnings.end());
    return makeError(ctx.error());
  }

  ValidateOptions options;
  options.sourceName = sourceName;
  options.root = root;
  Status valid = validateExpo(expo, options, &localWarnings);
  if (warnings) warnings->insert(warnings->end(), localWarnings.begin(), localWarnings.end());
  if (!valid) return valid.error();
  return expo;
}

}  // namespace detail

Result<Expo> loadExpoManifest(const std::filesystem::path& manifestPath, std::vector<std::string>* warnings) {
  auto text = readFileText(manifestPath, kMaxManifestBytes);
  if (!text) return text.error();
  std::filesystem::path root = manifestPath.parent_path();
  if (root.empty()) root = ".";
  return detail::parseExpoManifestWithRoot(*text, manifestPath.string(), root, warnings);
}

}  // namespace cx::expo
