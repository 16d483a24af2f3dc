// The semantic rules of docs/expo-format.md ("Rules" section) on an Expo in memory.
#include <cmath>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cx/core/path.h"
#include "cx/core/url.h"
#include "cx/expo/footprint.h"
#include "cx/expo/manifest.h"
#include "cx/expo/time.h"

namespace cx::expo {

namespace {

constexpr size_t kMaxIdBytes = 128;
constexpr int kMaxUtcOffsetMinutes = 14 * 60;

// A string as JSON, cut when long, for "got ..." in messages.
std::string jsonQuoted(std::string_view s) {
  std::string text =
      nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (text.size() > 64) {
    size_t cut = 60;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut) + "...";
  }
  return text;
}

std::string shown(glm::vec2 v) {
  return fmt::format("[{}, {}]", v.x, v.y);
}
std::string shown(glm::vec3 v) {
  return fmt::format("[{}, {}, {}]", v.x, v.y, v.z);
}

bool finite(glm::vec2 v) {
  return std::isfinite(v.x) && std::isfinite(v.y);
}
bool finite(glm::vec3 v) {
  return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z);
}

bool isIdChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == ':' || c == '-';
}

// Twice the signed area (shoelace).
double signedArea2(const std::vector<glm::vec2>& poly) {
  double sum = 0.0;
  for (size_t i = 0, n = poly.size(); i < n; ++i) {
    const glm::vec2& a = poly[i];
    const glm::vec2& b = poly[(i + 1) % n];
    sum += double(a.x) * double(b.y) - double(b.x) * double(a.y);
  }
  return sum;
}

template <class T>
std::unordered_map<std::string, size_t> indexById(const std::vector<T>& items) {
  std::unordered_map<std::string, size_t> map;
  map.reserve(items.size());
  for (size_t i = 0; i < items.size(); ++i) map.emplace(items[i].id, i);  // keeps the first of duplicates
  return map;
}

class Checker {
 public:
  Checker(const Expo& expo, const ValidateOptions& options, std::vector<std::string>* warnings)
      : expo_(expo), options_(options), warnings_(warnings) {}

  std::vector<std::string> run();

 private:
  void error(const std::string& path, const std::string& problem) {
    problems_.push_back(fmt::format("{}: {}: {}", options_.sourceName, path, problem));
  }
  void warning(const std::string& path, const std::string& problem) {
    if (warnings_) warnings_->push_back(fmt::format("{}: {}: {}", options_.sourceName, path, problem));
  }

  void id(const std::string& path, const std::string& value);
  template <class T>
  void uniqueIds(const std::vector<T>& items, const char* kind);
  void text(const std::string& path, const LocalizedText& value);
  void filePath(const std::string& path, const std::string& value, bool required);
  void link(const std::string& path, const std::string& value);
  void positive(const std::string& path, float value);
  void nonNegative(const std::string& path, float value);
  void positive(const std::string& path, glm::vec2 value);
  void point(const std::string& path, glm::vec2 value);
  void color(const std::string& path, glm::vec3 value);

  void venue();
  void pavilion(size_t i);
  void style(size_t i);
  void booth(size_t i);
  void exhibitor(size_t i);
  void event(size_t i);

  const Expo& expo_;
  const ValidateOptions& options_;
  std::vector<std::string>* warnings_;
  std::vector<std::string> problems_;
  std::unordered_map<std::string, size_t> pavilionIds_, styleIds_, boothIds_, exhibitorIds_;
};

void Checker::id(const std::string& path, const std::string& value) {
  bool ok = !value.empty() && value.size() <= kMaxIdBytes && isIdChar(value[0]) && value[0] != '.' &&
            value[0] != ':' && value[0] != '-' && value[0] != '_';
  for (char c : value) ok = ok && isIdChar(c);
  if (!ok)
    error(path,
          fmt::format("expected an id of letters, digits and . _ : - (starting with a letter or digit, at "
                      "most {} bytes), got {}",
                      kMaxIdBytes, jsonQuoted(value)));
}

template <class T>
void Checker::uniqueIds(const std::vector<T>& items, const char* kind) {
  std::unordered_map<std::string_view, size_t> first;
  first.reserve(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    std::string path = fmt::format("{}[{}].id", kind, i);
    id(path, items[i].id);
    auto [it, inserted] = first.emplace(items[i].id, i);
    if (!inserted)
      error(path,
            fmt::format("duplicate id {}, first used by {}[{}]", jsonQuoted(items[i].id), kind, it->second));
  }
}

void Checker::text(const std::string& path, const LocalizedText& value) {
  if (value.english.empty()) error(path + ".english", "must not be empty");
}

void Checker::filePath(const std::string& path, const std::string& value, bool required) {
  if (value.empty()) {
    if (required) error(path, "must not be empty");
    return;
  }
  std::string why;
  if (!isSafeRelativePath(value, &why)) {
    error(path, fmt::format("{}, got {}", why, jsonQuoted(value)));
    return;
  }
  if (!options_.root.empty()) {
    auto resolved = resolveInsideRoot(options_.root, value);
    if (!resolved) error(path, resolved.message());
  }
}

void Checker::link(const std::string& path, const std::string& value) {
  if (value.empty()) return;
  std::string why;
  if (!isAllowedLinkUrl(value, &why)) error(path, fmt::format("{}, got {}", why, jsonQuoted(value)));
}

void Checker::positive(const std::string& path, float value) {
  if (!std::isfinite(value) || value <= 0.0f)
    error(path, fmt::format("must be a positive number, got {}", value));
}

void Checker::nonNegative(const std::string& path, float value) {
  if (!std::isfinite(value) || value < 0.0f) error(path, fmt::format("must not be negative, got {}", value));
}

void Checker::positive(const std::string& path, glm::vec2 value) {
  if (!finite(value) || value.x <= 0.0f || value.y <= 0.0f)
    error(path, fmt::format("both sizes must be positive, got {}", shown(value)));
}

void Checker::point(const std::string& path, glm::vec2 value) {
  if (!finite(value)) error(path, fmt::format("must be finite, got {}", shown(value)));
}

void Checker::color(const std::string& path, glm::vec3 value) {
  bool ok = finite(value);
  for (int i = 0; i < 3; ++i) ok = ok && value[i] >= 0.0f && value[i] <= 1.0f;
  if (!ok) error(path, fmt::format("colour components must be within 0..1, got {}", shown(value)));
}

void Checker::venue() {
  const Venue& v = expo_.venue;
  text("venue.name", v.name);
  if (!v.startDate.empty() && !isIsoDate(v.startDate))
    error("venue.startDate",
          fmt::format("expected a date like \"2022-08-26\", got {}", jsonQuoted(v.startDate)));
  if (!v.endDate.empty() && !isIsoDate(v.endDate))
    error("venue.endDate", fmt::format("expected a date like \"2022-08-30\", got {}", jsonQuoted(v.endDate)));
  if (isIsoDate(v.startDate) && isIsoDate(v.endDate) && v.endDate < v.startDate)
    error("venue.endDate",
          fmt::format("{} is before startDate {}", jsonQuoted(v.endDate), jsonQuoted(v.startDate)));
  if (v.utcOffsetMinutes < -kMaxUtcOffsetMinutes || v.utcOffsetMinutes > kMaxUtcOffsetMinutes)
    error("venue.utcOffsetMinutes", fmt::format("must be within -840..840, got {}", v.utcOffsetMinutes));
  if (!std::isfinite(v.totalAreaM2) || v.totalAreaM2 < 0.0)
    error("venue.totalAreaM2", fmt::format("must not be negative, got {}", v.totalAreaM2));
}

void Checker::pavilion(size_t i) {
  const Pavilion& p = expo_.pavilions[i];
  std::string at = fmt::format("pavilions[{}]", i);
  text(at + ".name", p.name);
  filePath(at + ".model", p.model, false);
  bool pointsOk = true;
  for (size_t k = 0; k < p.floor.size(); ++k) {
    point(fmt::format("{}.floor[{}]", at, k), p.floor[k]);
    pointsOk = pointsOk && finite(p.floor[k]);
  }
  if (p.floor.size() < 3)
    error(at + ".floor", fmt::format("a floor polygon needs at least 3 points, got {}", p.floor.size()));
  else if (pointsOk && std::fabs(signedArea2(p.floor)) < 1e-6)
    error(at + ".floor", "floor polygon has zero area");
  for (size_t k = 0; k < p.entrances.size(); ++k) {
    point(fmt::format("{}.entrances[{}].position", at, k), p.entrances[k].position);
    positive(fmt::format("{}.entrances[{}].width", at, k), p.entrances[k].width);
  }
  positive(at + ".heightLimit", p.heightLimit);
  nonNegative(at + ".minAisleWidth", p.minAisleWidth);
  color(at + ".color", p.color);
}

void Checker::style(size_t i) {
  const BoothStyle& s = expo_.styles[i];
  std::string at = fmt::format("styles[{}]", i);
  filePath(at + ".model", s.model, true);
  positive(at + ".footprint", s.footprint);
  positive(at + ".height", s.height);
  if (!finite(s.fasciaOrigin))
    error(at + ".fasciaOrigin", fmt::format("must be finite, got {}", shown(s.fasciaOrigin)));
  if (!finite(s.fasciaSize) || s.fasciaSize.x < 0.0f || s.fasciaSize.y < 0.0f)
    error(at + ".fasciaSize", fmt::format("sizes must not be negative, got {}", shown(s.fasciaSize)));
  for (size_t k = 0; k < s.posters.size(); ++k) {
    const PosterSlot& p = s.posters[k];
    const std::string pat = fmt::format("{}.posters[{}]", at, k);
    if (!finite(p.origin)) error(pat + ".origin", fmt::format("must be finite, got {}", shown(p.origin)));
    positive(pat + ".size", p.size);
    if (!std::isfinite(p.rotationDeg)) error(pat + ".rotation", "must be finite");
  }
}

void Checker::booth(size_t i) {
  const Booth& b = expo_.booths[i];
  std::string at = fmt::format("booths[{}]", i);
  auto pavilionIt = pavilionIds_.find(b.pavilion);
  if (pavilionIt == pavilionIds_.end())
    error(at + ".pavilion", fmt::format("no pavilion has id {}", jsonQuoted(b.pavilion)));
  if (!styleIds_.contains(b.style))
    error(at + ".style", fmt::format("no style has id {}", jsonQuoted(b.style)));
  filePath(at + ".model", b.model, false);
  point(at + ".position", b.position);
  if (!std::isfinite(b.rotationDeg))
    error(at + ".rotation", fmt::format("must be finite, got {}", b.rotationDeg));
  positive(at + ".footprint", b.footprint);
  nonNegative(at + ".heightLimit", b.heightLimit);
  if (!b.exhibitor.empty()) {
    auto it = exhibitorIds_.find(b.exhibitor);
    if (it == exhibitorIds_.end()) {
      error(at + ".exhibitor", fmt::format("no exhibitor has id {}", jsonQuoted(b.exhibitor)));
    } else if (expo_.exhibitors[it->second].booth != b.id) {
      error(at + ".exhibitor",
            fmt::format("exhibitor {} (exhibitors[{}]) has booth {}, expected {}", jsonQuoted(b.exhibitor),
                        it->second, jsonQuoted(expo_.exhibitors[it->second].booth), jsonQuoted(b.id)));
    }
  }
  color(at + ".fascia.primaryColor", b.fascia.primaryColor);
  color(at + ".fascia.secondaryColor", b.fascia.secondaryColor);
  filePath(at + ".fascia.logo", b.fascia.logo, false);
  if (pavilionIt != pavilionIds_.end()) {
    const Pavilion& p = expo_.pavilions[pavilionIt->second];
    if (p.floor.size() >= 3 && finite(b.position) && !pointInPolygon(p.floor, b.position))
      warning(at + ".position", fmt::format("centre {} lies outside the floor of pavilion {}",
                                            shown(b.position), jsonQuoted(p.id)));
  }
}

void Checker::exhibitor(size_t i) {
  const Exhibitor& x = expo_.exhibitors[i];
  std::string at = fmt::format("exhibitors[{}]", i);
  text(at + ".name", x.name);
  if (!x.country.empty()) {
    bool ok = x.country.size() == 2;
    for (char c : x.country) ok = ok && c >= 'A' && c <= 'Z';
    if (!ok)
      error(at + ".country",
            fmt::format("expected an ISO 3166-1 alpha-2 code like \"CN\", got {}", jsonQuoted(x.country)));
  }
  if (!x.pavilion.empty() && !pavilionIds_.contains(x.pavilion))
    error(at + ".pavilion", fmt::format("no pavilion has id {}", jsonQuoted(x.pavilion)));
  if (!x.booth.empty()) {
    auto it = boothIds_.find(x.booth);
    if (it == boothIds_.end()) {
      error(at + ".booth", fmt::format("no booth has id {}", jsonQuoted(x.booth)));
    } else {
      const Booth& b = expo_.booths[it->second];
      if (b.exhibitor != x.id)
        error(at + ".booth",
              fmt::format("booth {} (booths[{}]) has exhibitor {}, expected {}", jsonQuoted(x.booth),
                          it->second, jsonQuoted(b.exhibitor), jsonQuoted(x.id)));
      else if (pavilionIds_.contains(x.pavilion) && b.pavilion != x.pavilion)
        error(at + ".pavilion",
              fmt::format("{} differs from the pavilion {} of its booth {}", jsonQuoted(x.pavilion),
                          jsonQuoted(b.pavilion), jsonQuoted(x.booth)));
    }
  }
  link(at + ".links.website", x.links.website);
  link(at + ".links.livestream", x.links.livestream);
  link(at + ".links.shop", x.links.shop);
}

void Checker::event(size_t i) {
  const Event& e = expo_.events[i];
  std::string at = fmt::format("events[{}]", i);
  text(at + ".title", e.title);
  auto start = parseIsoDateTime(e.start);
  auto end = parseIsoDateTime(e.end);
  if (!start)
    error(at + ".start",
          fmt::format("expected an ISO 8601 date-time with offset, got {}", jsonQuoted(e.start)));
  if (!end)
    error(at + ".end", fmt::format("expected an ISO 8601 date-time with offset, got {}", jsonQuoted(e.end)));
  if (start && end && *end <= *start)
    error(at + ".end", fmt::format("{} is not after start {}", jsonQuoted(e.end), jsonQuoted(e.start)));
  if (!e.location.empty() && !pavilionIds_.contains(e.location) && !boothIds_.contains(e.location))
    error(at + ".location", fmt::format("no pavilion or booth has id {}", jsonQuoted(e.location)));
  link(at + ".stream", e.stream);
}

std::vector<std::string> Checker::run() {
  if (expo_.formatVersion != kFormatVersion)
    error("formatVersion", fmt::format("unsupported format version {}, this build reads version {}",
                                       expo_.formatVersion, kFormatVersion));
  id("id", expo_.id);
  pavilionIds_ = indexById(expo_.pavilions);
  styleIds_ = indexById(expo_.styles);
  boothIds_ = indexById(expo_.booths);
  exhibitorIds_ = indexById(expo_.exhibitors);
  venue();
  uniqueIds(expo_.pavilions, "pavilions");
  for (size_t i = 0; i < expo_.pavilions.size(); ++i) pavilion(i);
  uniqueIds(expo_.styles, "styles");
  for (size_t i = 0; i < expo_.styles.size(); ++i) style(i);
  uniqueIds(expo_.booths, "booths");
  for (size_t i = 0; i < expo_.booths.size(); ++i) booth(i);
  uniqueIds(expo_.exhibitors, "exhibitors");
  for (size_t i = 0; i < expo_.exhibitors.size(); ++i) exhibitor(i);
  uniqueIds(expo_.events, "events");
  for (size_t i = 0; i < expo_.events.size(); ++i) event(i);
  return std::move(problems_);
}

}  // namespace

std::vector<std::string> findExpoProblems(const Expo& expo, const ValidateOptions& options,
                                          std::vector<std::string>* warnings) {
  return Checker(expo, options, warnings).run();
}

Status validateExpo(const Expo& expo, const ValidateOptions& options, std::vector<std::string>* warnings) {
  std::vector<std::string> problems = findExpoProblems(expo, options, warnings);
  if (problems.empty()) return {};
  if (problems.size() == 1) return makeError(problems.front());
  return makeError(fmt::format("{} (and {} more problem{})", problems.front(), problems.size() - 1,
                               problems.size() > 2 ? "s" : ""));
}

}  // namespace cx::expo
