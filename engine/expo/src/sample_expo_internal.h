#pragma once
// Private pieces of the sample-expo generator (sample_expo*.cpp): the PRNG, booth styles, hall
// packing, names and events. Nothing here leaves engine/expo/src.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <glm/glm.hpp>

#include "cx/assets/model.h"
#include "cx/expo/expo.h"

namespace cx::expo::sample {

// SplitMix64: tiny, fast and identical everywhere, unlike std::uniform_*_distribution whose
// output differs between standard libraries.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  // An independent stream for one purpose, so adding draws in one part of the generator does
  // not shift the others.
  Rng(uint64_t seed, std::string_view purpose) : state_(seed) {
    for (char c : purpose) state_ = (state_ ^ uint8_t(c)) * 0x100000001b3ull;
    next();
  }
  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n); n > 0. Lemire's multiply-shift (bias below 2^-32 for our n).
  uint32_t below(uint32_t n) { return uint32_t(((next() >> 32) * uint64_t(n)) >> 32); }
  // Uniform in [0, 1) with 24 bits, exact in float.
  float unit() { return float(next() >> 40) * (1.0f / 16777216.0f); }
  bool chance(float p) { return unit() < p; }
  template <class T>
  const T& pick(const std::vector<T>& items) {
    return items[below(uint32_t(items.size()))];
  }
  // Index drawn with the given non-negative weights (at least one positive).
  size_t weighted(const float* weights, size_t count);

 private:
  uint64_t state_;
};

// ---- booth styles (sample_expo_models.cpp) ---------------------------------------------------

enum class StyleKind : uint8_t { Shell, Corner, Island6, Island9, Car, Studio };
inline constexpr size_t kStyleCount = 6;

// The manifest entry (id, model path, footprint, height, fascia) of each style.
BoothStyle styleSpec(StyleKind kind);
assets::Model buildStyleModel(StyleKind kind);

struct HallShape {
  float width = 0.0f;  // along local x
  float depth = 0.0f;  // along local z
  float wallHeight = 12.0f;
  std::vector<glm::vec2> entrances;  // local (x, z) centres on the outline
  float entranceWidth = 8.0f;
};
// A hall centred on the origin, placed at `center` in the world by its node.
assets::Model buildPavilionModel(const HallShape& hall, glm::vec2 center, const std::string& name);

// ---- hall packing (sample_expo_layout.cpp) ----------------------------------------------------

struct PlotRequest {
  StyleKind style = StyleKind::Shell;
  int owner = -1;  // exhibitor index, -1: free plot
};

struct PlacedPlot {
  PlotRequest request;
  glm::vec2 center{0.0f};  // local (x, z) of the hall, +Z is the hall's front
  float rotationDeg = 0.0f;
  int strip = 0;   // row of blocks, 0 at the front
  int number = 0;  // 1-based within the strip
};

struct HallLayoutParams {
  float wallMargin = 5.0f;  // perimeter aisle between walls and booths
  float crossAisle = 4.0f;  // between blocks along x
  float stripAisle = 3.0f;  // between strips along z
  float islandGap = 3.0f;   // between free-standing booths in a strip
  float targetBlock = 30.0f;
};

struct HallPlan {
  float width = 0.0f;
  float depth = 0.0f;
  std::vector<PlacedPlot> plots;
};

// Packs the requests into strips of blocks, front (+Z) to back. The hall is at least
// minWidth x minDepth and grows (in 10 m steps) until everything fits. Every booth borders an
// aisle of at least min(crossAisle, stripAisle, islandGap, wallMargin); booths in a row touch.
HallPlan packHall(float minWidth, float minDepth, const std::vector<PlotRequest>& requests,
                  const HallLayoutParams& params = {});

// ---- names (sample_expo_names.cpp) -----------------------------------------------------------

enum class Theme : uint8_t { SciTech, Automobile, NortheastAsia, Jilin, ChinaRegions, Imported, Livestream };

struct Company {
  LocalizedText name;
  std::string industry;  // English industry word, e.g. "Electronics"
  std::string city;      // English city or region, may be empty
  std::vector<std::string> products;
  std::string person;  // contact person in the native script
};

// Draws a country code ("CN", "KR", ...) with the pavilion's mix.
std::string drawCountry(Theme theme, Rng& rng);
// A company from `country` fitting the pavilion theme. Names are unique per generator.
class CompanyNamer {
 public:
  Company make(const std::string& country, Theme theme, Rng& rng);
  void reserve(size_t names) { used_.reserve(names); }

 private:
  std::unordered_map<std::string, int> used_;  // base native name -> times handed out
};
std::string countryEnglishName(const std::string& country);
std::string phonePrefix(const std::string& country);

// ---- events (sample_expo_events.cpp) ---------------------------------------------------------

struct VenueDates {
  int year = 2021, month = 9, day = 23;  // first day
  int days = 5;
  int utcOffsetMinutes = 480;
};
// The 10 conferences; each is placed in the pavilion of its theme or at a booth of it.
std::vector<Event> makeSampleEvents(const Expo& expo, const VenueDates& dates);

}  // namespace cx::expo::sample
