#pragma once
// The expo manifest (expo.json) as plain data. Format: docs/expo-format.md and
// docs/expo.schema.json. World coordinates: metres, +Y up, the floor is y = 0; 2D floor positions
// are (x, z) in world space. Rotations are degrees about +Y, counter-clockwise seen from above.
#include <cstdint>
#include <string>
#include <vector>

#include <glm/glm.hpp>

namespace cx::expo {

inline constexpr int kFormatVersion = 1;

// A name in the holder's own script plus English. `lang` is a BCP 47 tag of `native`
// ("zh", "ko", "ja", "ru", "mn", "en", ...).
struct LocalizedText {
  std::string native;
  std::string english;
  std::string lang;
};

struct Links {
  std::string website;     // http/https only
  std::string livestream;  // http/https only
  std::string shop;        // http/https only
};

struct Contact {
  std::string email;
  std::string phone;
  std::string person;
};

struct Venue {
  LocalizedText name;
  std::string city;
  std::string startDate;  // ISO 8601 date, e.g. "2022-08-26"
  std::string endDate;
  std::string timeZone;  // IANA name, e.g. "Asia/Shanghai"
  int utcOffsetMinutes = 0;  // offset used for schedule arithmetic, e.g. 480
  double totalAreaM2 = 0.0;
};

struct Entrance {
  glm::vec2 position{0.0f};  // world (x, z), on the pavilion outline
  float width = 6.0f;
};

struct Pavilion {
  std::string id;
  LocalizedText name;
  std::string theme;
  std::string model;  // path relative to the expo root; may be empty (no building)
  std::vector<glm::vec2> floor;  // counter-clockwise polygon in world (x, z)
  std::vector<Entrance> entrances;
  float heightLimit = 6.0f;      // metres, for booths inside
  float minAisleWidth = 3.0f;    // metres
  glm::vec3 color{0.5f};         // floor-plan colour, linear RGB 0..1
};

// A place on a style where the exhibitor's product poster hangs: its logo and product names.
struct PosterSlot {
  glm::vec3 origin{0.0f};  // local-space centre of the poster
  glm::vec2 size{1.0f, 1.4f};  // width, height in metres
  float rotationDeg = 0.0f;    // about +Y; 0: the poster faces +Z
};

struct BoothStyle {
  std::string id;       // "shell-3x3", "corner-3x6", "island-6x6", "island-9x9", "car-stand", "studio"
  std::string model;    // path relative to the expo root
  glm::vec2 footprint{3.0f, 3.0f};  // width (x) by depth (z) in the style's local frame
  float height = 2.5f;
  glm::vec3 fasciaOrigin{0.0f};  // local-space centre of the name board, facing +Z
  glm::vec2 fasciaSize{0.0f};    // metres; zero: no fascia
  std::vector<PosterSlot> posters;  // product posters (the exhibitor's logo and products)
};

// Per-booth identity, drawn on the shared style model.
struct Fascia {
  std::string text;            // usually the exhibitor's native name
  glm::vec3 primaryColor{0.8f};   // linear RGB 0..1
  glm::vec3 secondaryColor{0.2f};
  std::string logo;            // optional image path relative to the expo root
};

struct Booth {
  std::string id;
  std::string pavilion;
  std::string style;
  std::string model;  // optional override of the style's model (an exhibitor's own glTF)
  glm::vec2 position{0.0f};  // world (x, z) of the footprint centre
  float rotationDeg = 0.0f;
  glm::vec2 footprint{3.0f, 3.0f};  // width by depth, before rotation
  float heightLimit = 0.0f;         // 0: the pavilion's limit
  std::string exhibitor;            // may be empty: a free plot
  Fascia fascia;
};

struct Exhibitor {
  std::string id;
  LocalizedText name;
  std::string country;  // ISO 3166-1 alpha-2, e.g. "CN", "KR", "JP", "RU", "MN", "KP", "IT", "FI"
  std::string pavilion;
  std::string booth;
  std::string description;
  std::vector<std::string> products;
  std::vector<std::string> tags;
  Links links;
  Contact contact;
};

struct Event {
  std::string id;
  LocalizedText title;
  std::string start;  // ISO 8601 with offset, e.g. "2022-08-26T09:30:00+08:00"
  std::string end;
  int64_t startUnix = 0;  // parsed from `start`
  int64_t endUnix = 0;
  std::string location;  // a pavilion or booth id, resolved by the loader
  std::string locationLabel;
  std::string stream;  // http/https
  std::string description;
};

struct Expo {
  int formatVersion = kFormatVersion;
  std::string id;
  Venue venue;
  std::vector<Pavilion> pavilions;
  std::vector<BoothStyle> styles;
  std::vector<Booth> booths;
  std::vector<Exhibitor> exhibitors;
  std::vector<Event> events;
};

}  // namespace cx::expo
