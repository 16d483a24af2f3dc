// Expo -> expo.json. Field order is fixed here and mirrored by docs/expo-format.md.
#include <charconv>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "cx/core/file.h"
#include "cx/expo/manifest.h"
#include "cx/expo/time.h"

namespace cx::expo {

namespace {

using OJson = nlohmann::ordered_json;

// The double whose shortest decimal form is the float's shortest decimal form, so 0.1f is written
// as 0.1 (not 0.100000001490116) and still reads back as exactly 0.1f.
OJson num(float value) {
  char buffer[32];
  auto result = std::to_chars(buffer, buffer + sizeof(buffer) - 1, value);
  *result.ptr = '\0';
  return OJson(std::strtod(buffer, nullptr));
}

OJson vec(glm::vec2 v) {
  return OJson::array({num(v.x), num(v.y)});
}
OJson vec(glm::vec3 v) {
  return OJson::array({num(v.x), num(v.y), num(v.z)});
}

void putIfSet(OJson& object, const char* key, const std::string& value) {
  if (!value.empty()) object[key] = value;
}

OJson text(const LocalizedText& t) {
  OJson j = OJson::object();
  putIfSet(j, "native", t.native);
  j["english"] = t.english;
  putIfSet(j, "lang", t.lang);
  return j;
}

OJson venue(const Venue& v) {
  OJson j = OJson::object();
  j["name"] = text(v.name);
  putIfSet(j, "city", v.city);
  putIfSet(j, "startDate", v.startDate);
  putIfSet(j, "endDate", v.endDate);
  putIfSet(j, "timeZone", v.timeZone);
  j["utcOffsetMinutes"] = v.utcOffsetMinutes;
  j["totalAreaM2"] = v.totalAreaM2;
  return j;
}

OJson pavilion(const Pavilion& p) {
  OJson j = OJson::object();
  j["id"] = p.id;
  j["name"] = text(p.name);
  putIfSet(j, "theme", p.theme);
  putIfSet(j, "model", p.model);
  OJson floor = OJson::array();
  for (glm::vec2 point : p.floor) floor.push_back(vec(point));
  j["floor"] = std::move(floor);
  if (!p.entrances.empty()) {
    OJson entrances = OJson::array();
    for (const Entrance& e : p.entrances)
      entrances.push_back(OJson{{"position", vec(e.position)}, {"width", num(e.width)}});
    j["entrances"] = std::move(entrances);
  }
  j["heightLimit"] = num(p.heightLimit);
  j["minAisleWidth"] = num(p.minAisleWidth);
  j["color"] = vec(p.color);
  return j;
}

OJson style(const BoothStyle& s) {
  OJson j = OJson::object();
  j["id"] = s.id;
  j["model"] = s.model;
  j["footprint"] = vec(s.footprint);
  j["height"] = num(s.height);
  j["fasciaOrigin"] = vec(s.fasciaOrigin);
  j["fasciaSize"] = vec(s.fasciaSize);
  if (!s.posters.empty()) {
    OJson posters = OJson::array();
    for (const PosterSlot& p : s.posters) {
      OJson slot = OJson::object();
      slot["origin"] = vec(p.origin);
      slot["size"] = vec(p.size);
      slot["rotation"] = num(p.rotationDeg);
      posters.push_back(std::move(slot));
    }
    j["posters"] = std::move(posters);
  }
  return j;
}

OJson booth(const Booth& b) {
  OJson j = OJson::object();
  j["id"] = b.id;
  j["pavilion"] = b.pavilion;
  j["style"] = b.style;
  putIfSet(j, "model", b.model);
  j["position"] = vec(b.position);
  j["rotation"] = num(b.rotationDeg);
  j["footprint"] = vec(b.footprint);
  j["heightLimit"] = num(b.heightLimit);
  putIfSet(j, "exhibitor", b.exhibitor);
  OJson fascia = OJson::object();
  putIfSet(fascia, "text", b.fascia.text);
  fascia["primaryColor"] = vec(b.fascia.primaryColor);
  fascia["secondaryColor"] = vec(b.fascia.secondaryColor);
  putIfSet(fascia, "logo", b.fascia.logo);
  j["fascia"] = std::move(fascia);
  return j;
}

OJson exhibitor(const Exhibitor& x) {
  OJson j = OJson::object();
  j["id"] = x.id;
  j["name"] = text(x.name);
  putIfSet(j, "country", x.country);
  putIfSet(j, "pavilion", x.pavilion);
  putIfSet(j, "booth", x.booth);
  putIfSet(j, "description", x.description);
  if (!x.products.empty()) j["products"] = x.products;
  if (!x.tags.empty()) j["tags"] = x.tags;
  OJson links = OJson::object();
  putIfSet(links, "website", x.links.website);
  putIfSet(links, "livestream", x.links.livestream);
  putIfSet(links, "shop", x.links.shop);
  if (!links.empty()) j["links"] = std::move(links);
  OJson contact = OJson::object();
  putIfSet(contact, "email", x.contact.email);
  putIfSet(contact, "phone", x.contact.phone);
  putIfSet(contact, "person", x.contact.person);
  if (!contact.empty()) j["contact"] = std::move(contact);
  return j;
}

OJson event(const Event& e, int utcOffsetMinutes) {
  OJson j = OJson::object();
  j["id"] = e.id;
  j["title"] = text(e.title);
  j["start"] = e.start.empty() ? formatIsoDateTime(e.startUnix, utcOffsetMinutes) : e.start;
  j["end"] = e.end.empty() ? formatIsoDateTime(e.endUnix, utcOffsetMinutes) : e.end;
  putIfSet(j, "location", e.location);
  putIfSet(j, "locationLabel", e.locationLabel);
  putIfSet(j, "stream", e.stream);
  putIfSet(j, "description", e.description);
  return j;
}

bool isFlat(const OJson& array) {
  for (const OJson& element : array) {
    if (element.is_object()) return false;
    if (element.is_array())
      for (const OJson& inner : element)
        if (inner.is_structured()) return false;
  }
  return true;
}

std::string scalar(const OJson& value) {
  return value.dump(-1, ' ', false, OJson::error_handler_t::replace);
}

// Like dump(2), but arrays of numbers, strings and flat number pairs stay on one line.
void write(std::string& out, const OJson& value, int indent) {
  if (value.is_object()) {
    if (value.empty()) {
      out += "{}";
      return;
    }
    out += "{\n";
    size_t i = 0;
    for (auto it = value.begin(); it != value.end(); ++it, ++i) {
      out.append(size_t(indent + 2), ' ');
      out += scalar(OJson(it.key()));
      out += ": ";
      write(out, it.value(), indent + 2);
      out += i + 1 < value.size() ? ",\n" : "\n";
    }
    out.append(size_t(indent), ' ');
    out += "}";
  } else if (value.is_array()) {
    if (value.empty()) {
      out += "[]";
    } else if (isFlat(value)) {
      out += "[";
      for (size_t i = 0; i < value.size(); ++i) {
        if (i) out += ", ";
        write(out, value[i], indent);
      }
      out += "]";
    } else {
      out += "[\n";
      for (size_t i = 0; i < value.size(); ++i) {
        out.append(size_t(indent + 2), ' ');
        write(out, value[i], indent + 2);
        out += i + 1 < value.size() ? ",\n" : "\n";
      }
      out.append(size_t(indent), ' ');
      out += "]";
    }
  } else {
    out += scalar(value);
  }
}

}  // namespace

std::string serializeExpoManifest(const Expo& expo) {
  OJson root = OJson::object();
  root["formatVersion"] = expo.formatVersion;
  root["id"] = expo.id;
  root["venue"] = venue(expo.venue);
  OJson array = OJson::array();
  for (const Pavilion& p : expo.pavilions) array.push_back(pavilion(p));
  root["pavilions"] = std::move(array);
  array = OJson::array();
  for (const BoothStyle& s : expo.styles) array.push_back(style(s));
  root["styles"] = std::move(array);
  array = OJson::array();
  for (const Booth& b : expo.booths) array.push_back(booth(b));
  root["booths"] = std::move(array);
  array = OJson::array();
  for (const Exhibitor& x : expo.exhibitors) array.push_back(exhibitor(x));
  root["exhibitors"] = std::move(array);
  array = OJson::array();
  for (const Event& e : expo.events) array.push_back(event(e, expo.venue.utcOffsetMinutes));
  root["events"] = std::move(array);
  std::string out;
  out.reserve(256 + expo.booths.size() * 400 + expo.exhibitors.size() * 400);
  write(out, root, 0);
  out += "\n";
  return out;
}

Status saveExpoManifest(const Expo& expo, const std::filesystem::path& path) {
  ValidateOptions options;
  options.sourceName = path.string();
  if (Status valid = validateExpo(expo, options); !valid) return valid;
  return writeFileAtomic(path, serializeExpoManifest(expo));
}

}  // namespace cx::expo
