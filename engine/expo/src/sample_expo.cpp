// The sample expo: pavilions on a site, exhibitors per pavilion, booths packed into the halls,
// conferences, and the files written out. See cx/expo/sample_expo.h.
#include "cx/expo/sample_expo.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "cx/assets/gltf.h"
#include "cx/expo/manifest.h"
#include "sample_expo_internal.h"

namespace cx::expo {

using namespace sample;

namespace {

struct PavilionSpec {
  const char* id;
  const char* code;  // booth id prefix
  const char* zh;
  const char* en;
  const char* theme;
  Theme kind;
  float width, depth;               // metres at the real expo's size
  float share;                      // of all exhibitors
  float styleWeights[kStyleCount];  // Shell, Corner, Island6, Island9, Car, Studio
  glm::vec3 color;
};

// Seven halls of 70,000 m^2 in all. The first four stand south of the central boulevard facing
// north, the other three north of it facing south.
constexpr PavilionSpec kPavilions[] = {
    {"sci-tech",
     "SCI",
     "科技创新馆",
     "Sci-Tech Innovation Pavilion",
     "sci-tech innovation",
     Theme::SciTech,
     120,
     100,
     0.17f,
     {50, 25, 18, 7, 0, 0},
     {0.20f, 0.45f, 0.85f}},
    {"automobile",
     "AUT",
     "汽车馆",
     "Automobile Pavilion",
     "automobile",
     Theme::Automobile,
     120,
     100,
     0.09f,
     {35, 20, 25, 0, 20, 0},
     {0.75f, 0.20f, 0.20f}},
    {"northeast-asia",
     "NEA",
     "东北亚国家馆",
     "Northeast Asian Countries Pavilion",
     "northeast asian countries",
     Theme::NortheastAsia,
     120,
     100,
     0.19f,
     {55, 25, 15, 5, 0, 0},
     {0.20f, 0.65f, 0.55f}},
    {"jilin",
     "JL",
     "吉林省馆",
     "Jilin Province Pavilion",
     "jilin province",
     Theme::Jilin,
     100,
     100,
     0.16f,
     {55, 25, 15, 5, 0, 0},
     {0.30f, 0.65f, 0.25f}},
    {"china-regions",
     "CHN",
     "国内省区市馆",
     "Provinces, Regions and Cities of China Pavilion",
     "provinces, regions and cities of china",
     Theme::ChinaRegions,
     100,
     100,
     0.17f,
     {55, 25, 15, 5, 0, 0},
     {0.90f, 0.55f, 0.15f}},
    {"imported",
     "IMP",
     "进口商品馆",
     "Imported Commodities Pavilion",
     "imported commodities",
     Theme::Imported,
     100,
     80,
     0.15f,
     {60, 25, 12, 3, 0, 0},
     {0.55f, 0.30f, 0.75f}},
    {"livestream",
     "LIV",
     "新媒体直播馆",
     "New Media Livestream Pavilion",
     "new media livestream",
     Theme::Livestream,
     75,
     80,
     0.07f,
     {20, 0, 0, 0, 0, 80},
     {0.90f, 0.30f, 0.55f}},
};
constexpr size_t kPavilionCount = std::size(kPavilions);
constexpr size_t kSouthRow = 4;  // pavilions [0, 4) south of the boulevard

constexpr float kRoad = 30.0f;       // between neighbouring halls
constexpr float kBoulevard = 40.0f;  // between the two rows
constexpr float kEntranceWidth = 8.0f;

float quantize(float v) {
  return std::clamp(std::round(v * 64.0f) / 64.0f, 0.0f, 1.0f);
}
glm::vec3 quantize(glm::vec3 c) {
  return {quantize(c.x), quantize(c.y), quantize(c.z)};
}

// Brand colours of the booths: a palette with a little jitter, and a contrasting second colour.
void boothColors(Rng& rng, glm::vec3& primary, glm::vec3& secondary) {
  static constexpr glm::vec3 palette[] = {
      {0.80f, 0.08f, 0.10f}, {0.05f, 0.25f, 0.65f}, {0.02f, 0.45f, 0.25f}, {0.95f, 0.55f, 0.05f},
      {0.45f, 0.10f, 0.55f}, {0.00f, 0.55f, 0.65f}, {0.85f, 0.75f, 0.10f}, {0.10f, 0.10f, 0.12f},
      {0.60f, 0.35f, 0.15f}, {0.90f, 0.30f, 0.50f}, {0.35f, 0.60f, 0.10f}, {0.20f, 0.20f, 0.45f},
      {0.95f, 0.95f, 0.95f}, {0.55f, 0.05f, 0.10f}, {0.10f, 0.35f, 0.40f}, {0.70f, 0.70f, 0.72f}};
  glm::vec3 c = palette[rng.below(uint32_t(std::size(palette)))];
  for (int i = 0; i < 3; ++i) c[i] += (rng.unit() - 0.5f) * 0.1f;
  primary = quantize(c);
  float luminance = 0.2126f * primary.r + 0.7152f * primary.g + 0.0722f * primary.b;
  secondary = luminance > 0.35f ? glm::vec3(0.0625f) : glm::vec3(0.96875f);
}

// Strip letters: A..Z, AA..AZ, BA.. (bijective base 26).
std::string stripLetters(int strip) {
  std::string s;
  for (int n = strip + 1; n > 0; n = (n - 1) / 26) s.insert(s.begin(), char('A' + (n - 1) % 26));
  return s;
}

// Exhibitors per pavilion, summing to `total` (largest remainder).
std::vector<int> pavilionQuotas(int total) {
  std::vector<int> quota(kPavilionCount);
  std::vector<std::pair<double, size_t>> remainders;
  int assigned = 0;
  for (size_t i = 0; i < kPavilionCount; ++i) {
    double exact = double(total) * double(kPavilions[i].share);
    quota[i] = int(std::floor(exact));
    assigned += quota[i];
    remainders.emplace_back(exact - std::floor(exact), i);
  }
  std::stable_sort(remainders.begin(), remainders.end(), [](auto& a, auto& b) { return a.first > b.first; });
  for (size_t k = 0; assigned < total; ++k, ++assigned) ++quota[remainders[k % kPavilionCount].second];
  return quota;
}

Exhibitor makeExhibitor(int index, int width, const PavilionSpec& pav, Rng& rng, CompanyNamer& namer) {
  Exhibitor x;
  x.id = fmt::format("ex-{:0{}}", index + 1, width);
  x.country = drawCountry(pav.kind, rng);
  Company company = namer.make(x.country, pav.kind, rng);
  x.name = company.name;
  x.pavilion = pav.id;
  // Three different products of the industry.
  std::vector<std::string> products = company.products;
  for (int k = 0; k < 3 && !products.empty(); ++k) {
    size_t pick = rng.below(uint32_t(products.size()));
    x.products.push_back(products[pick]);
    products.erase(products.begin() + std::ptrdiff_t(pick));
  }
  std::string from = company.city.empty()
                         ? countryEnglishName(x.country)
                         : fmt::format("{}, {}", company.city, countryEnglishName(x.country));
  x.description =
      fmt::format("{} ({}) is a {} company from {}. At the {} it presents {}.", x.name.english, x.name.native,
                  company.industry, from, pav.en,
                  x.products.size() >= 2 ? x.products[0] + " and " + x.products[1] : x.products[0]);
  x.tags = {company.industry, countryEnglishName(x.country), pav.theme};
  x.links.website = fmt::format("https://expo.example/exhibitors/{}", x.id);
  if (rng.chance(0.7f)) x.links.shop = fmt::format("https://shop.expo.example/{}", x.id);
  x.contact.email = fmt::format("{}@exhibitors.expo.example", x.id);
  x.contact.phone = fmt::format("{} {:04} {:04}", phonePrefix(x.country), rng.below(10000), rng.below(10000));
  x.contact.person = company.person;
  return x;
}

// Local hall (x, z) to world: south-row halls face +Z, north-row halls are turned 180 degrees.
struct HallPlacement {
  glm::vec2 center{0.0f};
  bool turned = false;
  glm::vec2 toWorld(glm::vec2 local) const { return center + (turned ? -local : local); }
  float rotation(float local) const { return std::fmod(local + (turned ? 180.0f : 0.0f), 360.0f); }
};

}  // namespace

Result<SampleExpo> buildSampleExpo(const SampleExpoOptions& options) {
  if (options.exhibitors < 1 || options.exhibitors > kMaxSampleExhibitors)
    return makeError(fmt::format("sample expo: exhibitors must be within 1..{}, got {}", kMaxSampleExhibitors,
                                 options.exhibitors));
  if (options.freePlots < 0 || options.freePlots > kMaxSampleExhibitors)
    return makeError(fmt::format("sample expo: free plots must be within 0..{}, got {}", kMaxSampleExhibitors,
                                 options.freePlots));
  SampleExpo out;
  Expo& expo = out.expo;
  expo.id = "cnae-13";
  VenueDates dates;
  expo.venue.name = {"第十三届中国—东北亚博览会", "13th China-Northeast Asia Expo", "zh"};
  expo.venue.city = "Changchun";
  expo.venue.startDate = fmt::format("{:04}-{:02}-{:02}", dates.year, dates.month, dates.day);
  expo.venue.endDate = fmt::format("{:04}-{:02}-{:02}", dates.year, dates.month, dates.day + dates.days - 1);
  expo.venue.timeZone = "Asia/Shanghai";
  expo.venue.utcOffsetMinutes = dates.utcOffsetMinutes;

  for (size_t s = 0; s < kStyleCount; ++s) {
    expo.styles.push_back(styleSpec(StyleKind(s)));
    out.models.push_back({expo.styles.back().model, buildStyleModel(StyleKind(s))});
  }

  // Exhibitors and the plots they ask for, pavilion by pavilion.
  Rng nameRng(options.seed, "names"), styleRng(options.seed, "styles"), colorRng(options.seed, "colors"),
      linkRng(options.seed, "links");
  CompanyNamer namer;
  namer.reserve(size_t(options.exhibitors));
  std::vector<int> quota = pavilionQuotas(options.exhibitors);
  const int idWidth = std::max(4, int(std::to_string(options.exhibitors).size()));
  std::vector<std::vector<PlotRequest>> requests(kPavilionCount);
  expo.exhibitors.reserve(size_t(options.exhibitors));
  expo.booths.reserve(size_t(options.exhibitors) + size_t(options.freePlots));
  for (size_t p = 0; p < kPavilionCount; ++p) {
    for (int i = 0; i < quota[p]; ++i) {
      int index = int(expo.exhibitors.size());
      expo.exhibitors.push_back(makeExhibitor(index, idWidth, kPavilions[p], nameRng, namer));
      auto style = StyleKind(styleRng.weighted(kPavilions[p].styleWeights, kStyleCount));
      requests[p].push_back({style, index});
    }
  }
  for (int i = 0; i < options.freePlots; ++i)
    requests[size_t(i) % kPavilionCount].push_back({StyleKind::Shell, -1});

  // Pack each hall, then place the halls on the site.
  std::vector<HallPlan> plans(kPavilionCount);
  for (size_t p = 0; p < kPavilionCount; ++p)
    plans[p] = packHall(kPavilions[p].width, kPavilions[p].depth, requests[p]);
  std::vector<HallPlacement> placement(kPavilionCount);
  for (int row = 0; row < 2; ++row) {
    size_t first = row == 0 ? 0 : kSouthRow, last = row == 0 ? kSouthRow : kPavilionCount;
    float total = 0.0f;
    for (size_t p = first; p < last; ++p) total += plans[p].width + (p > first ? kRoad : 0.0f);
    float x = std::floor(-total * 0.5f);
    for (size_t p = first; p < last; ++p) {
      const HallPlan& plan = plans[p];
      float z = row == 0 ? -(kBoulevard * 0.5f + plan.depth * 0.5f) : kBoulevard * 0.5f + plan.depth * 0.5f;
      placement[p] = {{x + plan.width * 0.5f, z}, row == 1};
      x += plan.width + kRoad;
    }
  }

  for (size_t p = 0; p < kPavilionCount; ++p) {
    const PavilionSpec& spec = kPavilions[p];
    const HallPlan& plan = plans[p];
    const HallPlacement& at = placement[p];
    Pavilion pav;
    pav.id = spec.id;
    pav.name = {spec.zh, spec.en, "zh"};
    pav.theme = spec.theme;
    pav.model = fmt::format("models/pavilion-{}.glb", spec.id);
    const float hw = plan.width * 0.5f, hd = plan.depth * 0.5f;
    // Counter-clockwise (positive shoelace area in x, z).
    for (glm::vec2 corner : {glm::vec2(-hw, -hd), glm::vec2(hw, -hd), glm::vec2(hw, hd), glm::vec2(-hw, hd)})
      pav.floor.push_back(at.center + corner);
    HallShape shape;
    shape.width = plan.width;
    shape.depth = plan.depth;
    shape.entranceWidth = kEntranceWidth;
    shape.entrances = {{0.0f, hd}, {0.0f, -hd}, {-hw, 0.0f}, {hw, 0.0f}};
    for (glm::vec2 e : shape.entrances) pav.entrances.push_back({at.toWorld(e), kEntranceWidth});
    pav.heightLimit = 6.0f;
    pav.minAisleWidth = 3.0f;
    pav.color = quantize(spec.color);
    expo.venue.totalAreaM2 += double(plan.width) * double(plan.depth);
    out.models.push_back({pav.model, buildPavilionModel(shape, at.center, pav.id)});
    // A turned hall is symmetric, so the same building serves; only the booths turn.
    expo.pavilions.push_back(std::move(pav));

    for (const PlacedPlot& plot : plan.plots) {
      const BoothStyle& style = expo.styles[size_t(plot.request.style)];
      Booth b;
      b.id = fmt::format("{}-{}{:02}", spec.code, stripLetters(plot.strip), plot.number);
      b.pavilion = spec.id;
      b.style = style.id;
      b.position = at.toWorld(plot.center);
      b.rotationDeg = at.rotation(plot.rotationDeg);
      b.footprint = style.footprint;
      boothColors(colorRng, b.fascia.primaryColor, b.fascia.secondaryColor);
      if (plot.request.owner >= 0) {
        Exhibitor& x = expo.exhibitors[size_t(plot.request.owner)];
        b.exhibitor = x.id;
        b.fascia.text = x.name.native;
        x.booth = b.id;
        if (plot.request.style == StyleKind::Studio || linkRng.chance(0.2f))
          x.links.livestream = fmt::format("https://live.expo.example/booths/{}", b.id);
      }
      expo.booths.push_back(std::move(b));
    }
  }
  expo.events = makeSampleEvents(expo, dates);
  return out;
}

Status writeSampleExpo(const SampleExpo& sample, const std::filesystem::path& outDir) {
  std::error_code ec;
  for (const SampleModel& m : sample.models) {
    std::filesystem::path path = outDir / m.path;
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec)
      return makeError(
          fmt::format("{}: cannot create folder: {}", path.parent_path().string(), ec.message()));
    assets::GltfWriteOptions options;
    options.binary = true;
    options.generator = "CloudExpo expo-tool generate";
    if (Status s = assets::writeGltf(path, m.model, options); !s) return s;
  }
  std::filesystem::create_directories(outDir, ec);
  if (ec) return makeError(fmt::format("{}: cannot create folder: {}", outDir.string(), ec.message()));
  return saveExpoManifest(sample.expo, outDir / "expo.json");
}

Status generateSampleExpo(const std::filesystem::path& outDir, const SampleExpoOptions& options) {
  Result<SampleExpo> sample = buildSampleExpo(options);
  if (!sample) return sample.error();
  return writeSampleExpo(*sample, outDir);
}

}  // namespace cx::expo
