// The sample-expo generator (cx/expo/sample_expo.h): counts, content, layout and determinism.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "cx/assets/gltf.h"
#include "cx/core/file.h"
#include "cx/expo/layout_rules.h"
#include "cx/expo/manifest.h"
#include "cx/expo/sample_expo.h"
#include "cx/expo/time.h"

namespace fs = std::filesystem;
using namespace cx::expo;

namespace {

// One default sample shared by the tests that only read it.
const SampleExpo& defaultSample() {
  static const SampleExpo sample = [] {
    auto r = buildSampleExpo();
    EXPECT_TRUE(r.ok()) << r.message();
    return std::move(r).value();
  }();
  return sample;
}

fs::path freshDir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("cx_generate_test_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  return dir;
}

// Code points of a UTF-8 string (assumes valid UTF-8, which the generator writes).
std::vector<char32_t> codePoints(const std::string& s) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < len && i + size_t(k) < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + size_t(k)]) & 0x3F);
    out.push_back(cp);
    i += size_t(len);
  }
  return out;
}

std::map<std::string, std::vector<uint8_t>> readTree(const fs::path& dir) {
  std::map<std::string, std::vector<uint8_t>> files;
  for (auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    auto bytes = cx::readFileBytes(e.path());
    EXPECT_TRUE(bytes.ok()) << bytes.message();
    files[fs::relative(e.path(), dir).generic_string()] = bytes.ok() ? *bytes : std::vector<uint8_t>{};
  }
  return files;
}

}  // namespace

TEST(GenerateSample, DefaultCounts) {
  const Expo& e = defaultSample().expo;
  EXPECT_EQ(e.pavilions.size(), 7u);
  EXPECT_EQ(e.exhibitors.size(), 1001u);
  EXPECT_EQ(e.booths.size(), 1001u);  // no free plots by default
  EXPECT_EQ(e.events.size(), 10u);
  EXPECT_EQ(e.styles.size(), 6u);
  EXPECT_EQ(defaultSample().models.size(), 6u + 7u);
  double area = 0.0;
  for (const Pavilion& p : e.pavilions) {
    ASSERT_EQ(p.floor.size(), 4u);
    double a = 0.0;
    for (size_t i = 0; i < p.floor.size(); ++i) {
      glm::vec2 u = p.floor[i], v = p.floor[(i + 1) % p.floor.size()];
      a += double(u.x) * v.y - double(v.x) * u.y;
    }
    EXPECT_GT(a, 0.0) << p.id << " floor must be counter-clockwise";
    area += a * 0.5;
    EXPECT_FALSE(p.entrances.empty());
    EXPECT_FALSE(p.name.native.empty());
    EXPECT_FALSE(p.name.english.empty());
  }
  EXPECT_NEAR(area, 70000.0, 7000.0);
  EXPECT_DOUBLE_EQ(area, e.venue.totalAreaM2);
  std::set<std::string> styles;
  for (const BoothStyle& s : e.styles) styles.insert(s.id);
  EXPECT_EQ(styles, (std::set<std::string>{"shell-3x3", "corner-3x6", "island-6x6", "island-9x9", "car-stand",
                                           "studio"}));
}

TEST(GenerateSample, ManifestIsValidAndRoundTrips) {
  const Expo& e = defaultSample().expo;
  std::vector<std::string> warnings;
  auto problems = findExpoProblems(e, {}, &warnings);
  EXPECT_TRUE(problems.empty()) << problems.front();
  EXPECT_TRUE(warnings.empty()) << warnings.front();
  std::string text = serializeExpoManifest(e);
  auto back = parseExpoManifest(text, "expo.json");
  ASSERT_TRUE(back.ok()) << back.message();
  EXPECT_EQ(serializeExpoManifest(*back), text);
}

TEST(GenerateSample, NamesInEveryScript) {
  const Expo& e = defaultSample().expo;
  bool han = false, hangul = false, kana = false, cyrillic = false, mongolian = false, latin = false;
  std::set<std::string> langs, natives;
  for (const Exhibitor& x : e.exhibitors) {
    EXPECT_FALSE(x.name.english.empty()) << x.id;
    EXPECT_FALSE(x.name.native.empty()) << x.id;
    natives.insert(x.name.native);
    langs.insert(x.name.lang);
    for (char32_t c : codePoints(x.name.native)) {
      han |= c >= 0x4E00 && c <= 0x9FFF;
      hangul |= c >= 0xAC00 && c <= 0xD7AF;
      kana |= c >= 0x3040 && c <= 0x30FF;
      cyrillic |= c >= 0x0400 && c <= 0x04FF;
      // Letters only Mongolian uses among these: Ө ө Ү ү.
      mongolian |= x.name.lang == "mn" && (c == 0x04E8 || c == 0x04E9 || c == 0x04AE || c == 0x04AF);
      latin |= (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
    // English names are ASCII apart from a few European letters (Müller, Caffè).
    for (char32_t c : codePoints(x.name.english)) EXPECT_LT(c, 0x0250u) << x.name.english;
  }
  EXPECT_TRUE(han);
  EXPECT_TRUE(hangul);
  EXPECT_TRUE(kana);
  EXPECT_TRUE(cyrillic);
  EXPECT_TRUE(mongolian);
  EXPECT_TRUE(latin);
  for (const char* lang : {"zh", "ko", "ja", "ru", "mn"}) EXPECT_TRUE(langs.contains(lang)) << lang;
  EXPECT_EQ(natives.size(), e.exhibitors.size()) << "native names must be unique";
}

TEST(GenerateSample, CountriesFitTheirPavilions) {
  const Expo& e = defaultSample().expo;
  std::map<std::string, std::set<std::string>> byPavilion;
  std::set<std::string> all;
  for (const Exhibitor& x : e.exhibitors) {
    byPavilion[x.pavilion].insert(x.country);
    all.insert(x.country);
  }
  for (const char* c : {"CN", "KR", "JP", "RU", "MN", "KP", "IT", "FI"}) EXPECT_TRUE(all.contains(c)) << c;
  for (const std::string& c : byPavilion["northeast-asia"])
    EXPECT_TRUE((std::set<std::string>{"KR", "JP", "RU", "MN", "KP"}.contains(c))) << c;
  EXPECT_EQ(byPavilion["jilin"], std::set<std::string>{"CN"});
  EXPECT_EQ(byPavilion["china-regions"], std::set<std::string>{"CN"});
  EXPECT_TRUE(byPavilion["imported"].contains("IT"));
  EXPECT_TRUE(byPavilion["imported"].contains("FI"));
  EXPECT_FALSE(byPavilion["imported"].contains("CN"));
}

TEST(GenerateSample, BoothsMatchExhibitorsAndStyles) {
  const Expo& e = defaultSample().expo;
  std::map<std::string, const Exhibitor*> exhibitors;
  for (const Exhibitor& x : e.exhibitors) exhibitors[x.id] = &x;
  std::map<std::string, int> carStands, studios;
  for (const Booth& b : e.booths) {
    ASSERT_TRUE(exhibitors.contains(b.exhibitor)) << b.id;
    const Exhibitor& x = *exhibitors[b.exhibitor];
    EXPECT_EQ(x.booth, b.id);
    EXPECT_EQ(x.pavilion, b.pavilion);
    EXPECT_EQ(b.fascia.text, x.name.native);
    if (b.style == "car-stand") ++carStands[b.pavilion];
    if (b.style == "studio") ++studios[b.pavilion];
    // Positions on the 0.5 m grid keep the manifest exact.
    EXPECT_EQ(b.position.x * 2.0f, std::round(b.position.x * 2.0f)) << b.id;
    EXPECT_EQ(b.position.y * 2.0f, std::round(b.position.y * 2.0f)) << b.id;
  }
  EXPECT_EQ(carStands.size(), 1u);
  EXPECT_GT(carStands["automobile"], 0);
  EXPECT_EQ(studios.size(), 1u);
  EXPECT_GT(studios["livestream"], 0);
  for (const Exhibitor& x : e.exhibitors) {
    EXPECT_EQ(x.links.website.rfind("https://", 0), 0u) << x.id;
    if (!x.links.shop.empty()) {
      EXPECT_EQ(x.links.shop.rfind("https://", 0), 0u) << x.id;
    }
    if (!x.links.livestream.empty()) {
      EXPECT_EQ(x.links.livestream.rfind("https://", 0), 0u) << x.id;
    }
    EXPECT_FALSE(x.description.empty());
    EXPECT_FALSE(x.products.empty());
    EXPECT_FALSE(x.contact.email.empty());
  }
}

TEST(GenerateSample, EventsSpreadOverTheExpoDays) {
  const Expo& e = defaultSample().expo;
  auto first = parseIsoDateTime(e.venue.startDate + "T00:00:00+08:00");
  auto last = parseIsoDateTime(e.venue.endDate + "T23:59:59+08:00");
  ASSERT_TRUE(first && last);
  std::set<int64_t> days;
  std::set<std::string> ids;
  for (const Pavilion& p : e.pavilions) ids.insert(p.id);
  for (const Booth& b : e.booths) ids.insert(b.id);
  for (const Event& ev : e.events) {
    EXPECT_GE(ev.startUnix, *first) << ev.id;
    EXPECT_LE(ev.endUnix, *last) << ev.id;
    EXPECT_LT(ev.startUnix, ev.endUnix);
    EXPECT_EQ(parseIsoDateTime(ev.start), ev.startUnix);
    EXPECT_NE(ev.start.find("+08:00"), std::string::npos);
    EXPECT_TRUE(ids.contains(ev.location)) << ev.location;
    EXPECT_EQ(ev.stream.rfind("https://", 0), 0u);
    days.insert((ev.startUnix - *first) / 86400);
  }
  EXPECT_EQ(days.size(), 5u);
  EXPECT_EQ(e.venue.timeZone, "Asia/Shanghai");
  EXPECT_EQ(e.venue.utcOffsetMinutes, 480);
}

TEST(GenerateSample, LayoutChecksClean) {
  LayoutReport report = checkLayout(defaultSample().expo);
  for (const RuleViolation& v : report.violations)
    ADD_FAILURE() << v.rule << " " << v.path << ": " << v.message;
  EXPECT_EQ(report.errors, 0u);
  EXPECT_EQ(report.warnings, 0u);
}

TEST(GenerateSample, AislesAreAtLeastThreeMetres) {
  // Independent of the checker: between any two booths of a pavilion that do not touch, the
  // axis-aligned gap (all sample booths are turned by multiples of 90 degrees) is >= 3 m.
  const Expo& e = defaultSample().expo;
  struct Box {
    glm::vec2 lo, hi;
    std::string pavilion;
  };
  std::vector<Box> boxes;
  for (const Booth& b : e.booths) {
    bool turned = std::fmod(std::fabs(b.rotationDeg), 180.0f) == 90.0f;
    glm::vec2 h = (turned ? glm::vec2(b.footprint.y, b.footprint.x) : b.footprint) * 0.5f;
    boxes.push_back({b.position - h, b.position + h, b.pavilion});
  }
  int checked = 0;
  for (size_t i = 0; i < boxes.size(); ++i)
    for (size_t j = i + 1; j < boxes.size(); ++j) {
      if (boxes[i].pavilion != boxes[j].pavilion) continue;
      float gx = std::max(boxes[j].lo.x - boxes[i].hi.x, boxes[i].lo.x - boxes[j].hi.x);
      float gz = std::max(boxes[j].lo.y - boxes[i].hi.y, boxes[i].lo.y - boxes[j].hi.y);
      float gap =
          std::sqrt(std::max(gx, 0.0f) * std::max(gx, 0.0f) + std::max(gz, 0.0f) * std::max(gz, 0.0f));
      ASSERT_FALSE(gx < 0.0f && gz < 0.0f)
          << "booths " << e.booths[i].id << " and " << e.booths[j].id << " overlap";
      if (gap > 0.0f) {
        EXPECT_GE(gap, 3.0f) << e.booths[i].id << " / " << e.booths[j].id;
        ++checked;
      }
    }
  EXPECT_GT(checked, 1000);
}

TEST(GenerateSample, StyleModelsFitTheirFootprintAndFaceFront) {
  const SampleExpo& s = defaultSample();
  for (const BoothStyle& style : s.expo.styles) {
    const SampleModel* m = nullptr;
    for (const SampleModel& candidate : s.models)
      if (candidate.path == style.model) m = &candidate;
    ASSERT_NE(m, nullptr) << style.model;
    ModelStats st = measureModel(m->model);
    EXPECT_LE(st.triangles, 500u) << style.id;
    EXPECT_GE(st.boundsMin.x, -style.footprint.x * 0.5f - 1e-4f) << style.id;
    EXPECT_LE(st.boundsMax.x, style.footprint.x * 0.5f + 1e-4f) << style.id;
    EXPECT_GE(st.boundsMin.z, -style.footprint.y * 0.5f - 1e-4f) << style.id;
    EXPECT_LE(st.boundsMax.z, style.footprint.y * 0.5f + 1e-4f) << style.id;
    EXPECT_NEAR(st.boundsMax.y, style.height, 1e-4f) << style.id;
    EXPECT_GE(st.boundsMin.y, -1e-4f) << style.id;
    // The fascia board is inside the model and has a size.
    EXPECT_GT(style.fasciaSize.x, 0.0f);
    EXPECT_GT(style.fasciaSize.y, 0.0f);
    EXPECT_LE(style.fasciaOrigin.y + style.fasciaSize.y * 0.5f, style.height + 1e-4f) << style.id;
    bool hasFascia = false;
    for (const auto& mat : m->model.materials) hasFascia |= mat.name == "cx_fascia";
    EXPECT_TRUE(hasFascia) << style.id;
  }
}

TEST(GenerateSample, WrittenExpoLoadsAndChecksCleanWithModels) {
  fs::path dir = freshDir("written");
  ASSERT_TRUE(generateSampleExpo(dir).ok());
  EXPECT_TRUE(fs::exists(dir / "expo.json"));
  std::vector<std::string> warnings;
  auto loaded = loadExpoManifest(dir / "expo.json", &warnings);
  ASSERT_TRUE(loaded.ok()) << loaded.message();
  EXPECT_TRUE(warnings.empty());
  LayoutRuleOptions options;
  options.root = dir;
  LayoutReport report = checkLayout(*loaded, options);
  for (const RuleViolation& v : report.violations)
    ADD_FAILURE() << v.rule << " " << v.path << ": " << v.message;
  EXPECT_TRUE(report.clean());
  EXPECT_EQ(report.modelsChecked, 13u);
  fs::remove_all(dir);
}

TEST(GenerateSample, SameSeedGivesIdenticalFiles) {
  fs::path a = freshDir("seed_a"), b = freshDir("seed_b"), c = freshDir("seed_c");
  ASSERT_TRUE(generateSampleExpo(a, {.exhibitors = 300, .seed = 7}).ok());
  ASSERT_TRUE(generateSampleExpo(b, {.exhibitors = 300, .seed = 7}).ok());
  ASSERT_TRUE(generateSampleExpo(c, {.exhibitors = 300, .seed = 8}).ok());
  auto filesA = readTree(a), filesB = readTree(b), filesC = readTree(c);
  EXPECT_EQ(filesA.size(), 14u);
  EXPECT_TRUE(filesA == filesB) << "same seed must give byte-identical files";
  EXPECT_NE(filesA["expo.json"], filesC["expo.json"]);
  for (auto& [name, bytes] : filesA)
    if (name.ends_with(".glb")) {
      EXPECT_EQ(bytes, filesC[name]) << name << ": models do not depend on the seed";
    }
  for (const fs::path& p : {a, b, c}) fs::remove_all(p);
}

TEST(GenerateSample, InMemoryIsDeterministic) {
  auto x = buildSampleExpo({.exhibitors = 1001, .seed = 99});
  auto y = buildSampleExpo({.exhibitors = 1001, .seed = 99});
  ASSERT_TRUE(x.ok() && y.ok());
  EXPECT_EQ(serializeExpoManifest(x->expo), serializeExpoManifest(y->expo));
  EXPECT_NE(serializeExpoManifest(x->expo), serializeExpoManifest(defaultSample().expo));
}

TEST(GenerateSample, FreePlotsAreWarningsOnly) {
  auto s = buildSampleExpo({.exhibitors = 200, .seed = 3, .freePlots = 5});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->expo.booths.size(), 205u);
  LayoutReport report = checkLayout(s->expo);
  EXPECT_EQ(report.errors, 0u);
  EXPECT_EQ(report.warnings, 5u);
  for (const RuleViolation& v : report.violations) EXPECT_EQ(v.rule, "booth-without-exhibitor");
}

TEST(GenerateSample, ScalesToALargeSyntheticExpo) {
  auto s = buildSampleExpo({.exhibitors = 20000, .seed = 13});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->expo.exhibitors.size(), 20000u);
  EXPECT_EQ(s->expo.booths.size(), 20000u);
  EXPECT_EQ(s->expo.pavilions.size(), 7u);
  LayoutReport report = checkLayout(s->expo);
  for (size_t i = 0; i < std::min<size_t>(report.violations.size(), 10); ++i)
    ADD_FAILURE() << report.violations[i].rule << " " << report.violations[i].path << ": "
                  << report.violations[i].message;
  EXPECT_TRUE(report.clean());
  std::set<std::string> ids;
  for (const Exhibitor& x : s->expo.exhibitors) ids.insert(x.name.native);
  EXPECT_EQ(ids.size(), 20000u);
}

TEST(GenerateSample, SmallExposWork) {
  for (int n : {1, 2, 7, 13}) {
    auto s = buildSampleExpo({.exhibitors = n});
    ASSERT_TRUE(s.ok()) << n;
    EXPECT_EQ(s->expo.exhibitors.size(), size_t(n));
    EXPECT_TRUE(checkLayout(s->expo).clean()) << n;
    EXPECT_TRUE(findExpoProblems(s->expo).empty()) << n;
  }
}

TEST(GenerateSample, RejectsBadOptions) {
  EXPECT_FALSE(buildSampleExpo({.exhibitors = 0}).ok());
  EXPECT_FALSE(buildSampleExpo({.exhibitors = kMaxSampleExhibitors + 1}).ok());
  EXPECT_FALSE(buildSampleExpo({.exhibitors = 10, .freePlots = -1}).ok());
}

TEST(GenerateCli, GenerateThenCheckExitCodes) {
  fs::path dir = freshDir("cli");
  std::string tool = CX_TOOL_PATH;
  std::string quiet = " > /dev/null 2>&1";
  EXPECT_EQ(std::system((tool + " generate " + dir.string() + " --exhibitors 120 --seed 5" + quiet).c_str()),
            0);
  EXPECT_EQ(std::system((tool + " check " + dir.string() + quiet).c_str()), 0);
  EXPECT_EQ(std::system((tool + " check " + (dir / "expo.json").string() + " --json" + quiet).c_str()), 0);
  // A missing or broken manifest is bad input: exit status 2.
  int missing = std::system((tool + " check " + (dir / "nope").string() + quiet).c_str());
  EXPECT_TRUE(WIFEXITED(missing) && WEXITSTATUS(missing) == 2);
  ASSERT_TRUE(cx::writeFileAtomic(dir / "broken.json", std::string_view("{ not json")).ok());
  int broken = std::system((tool + " check " + (dir / "broken.json").string() + quiet).c_str());
  EXPECT_TRUE(WIFEXITED(broken) && WEXITSTATUS(broken) == 2);
  fs::remove_all(dir);
}
