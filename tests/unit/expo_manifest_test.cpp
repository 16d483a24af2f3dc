// Manifest reader/validator errors: each class of mistake gives one line naming the file, the
// JSON path and the problem.
#include <unistd.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "cx/core/file.h"
#include "cx/expo/manifest.h"
#include "cx/expo/time.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// The complete example of docs/expo-format.md, so the documentation is tested too.
std::string exampleText() {
  auto doc = cx::readFileText(fs::path(CX_SOURCE_DIR) / "docs" / "expo-format.md");
  EXPECT_TRUE(doc.ok()) << doc.message();
  if (!doc.ok()) return {};
  size_t section = doc->find("## Complete example");
  size_t begin = doc->find("```json\n", section);
  size_t end = doc->find("\n```", begin + 8);
  return doc->substr(begin + 8, end - begin - 8);
}

json example() {
  return json::parse(exampleText());
}

cx::Result<cx::expo::Expo> parse(const json& j, std::vector<std::string>* warnings = nullptr) {
  return cx::expo::parseExpoManifest(j.dump(2), "expo.json", warnings);
}

// Parses `j` and returns the error message ("" if it parsed).
std::string errorOf(const json& j) {
  auto r = parse(j);
  return r.ok() ? std::string() : r.message();
}

}  // namespace

TEST(ExpoManifest, DocumentedExampleParses) {
  std::vector<std::string> warnings;
  auto r = cx::expo::parseExpoManifest(exampleText(), "expo.json", &warnings);
  ASSERT_TRUE(r.ok()) << r.message();
  EXPECT_TRUE(warnings.empty()) << warnings.front();
  const cx::expo::Expo& e = *r;
  EXPECT_EQ(e.formatVersion, 1);
  EXPECT_EQ(e.venue.name.native, "长春国际会展中心");
  EXPECT_EQ(e.venue.utcOffsetMinutes, 480);
  ASSERT_EQ(e.pavilions.size(), 1u);
  EXPECT_EQ(e.pavilions[0].floor.size(), 4u);
  ASSERT_EQ(e.booths.size(), 3u);
  EXPECT_EQ(e.booths[1].rotationDeg, 90.0f);
  EXPECT_EQ(e.booths[1].footprint, glm::vec2(3.0f, 4.0f));
  EXPECT_EQ(e.booths[2].footprint, glm::vec2(3.0f, 3.0f)) << "defaults to the style's footprint";
  EXPECT_EQ(e.booths[2].rotationDeg, 0.0f);
  EXPECT_EQ(e.booths[0].fascia.logo, "logos/x-0001.png");
  ASSERT_EQ(e.exhibitors.size(), 2u);
  EXPECT_EQ(e.exhibitors[0].links.shop, "https://shop.example.cn/x-0001");
  EXPECT_EQ(e.exhibitors[0].products.size(), 2u);
  ASSERT_EQ(e.events.size(), 1u);
  EXPECT_EQ(e.events[0].startUnix, 1661477400);
  EXPECT_EQ(e.events[0].endUnix, 1661477400 + 2 * 3600);
}

TEST(ExpoManifest, WrongTypeShowsPathAndValue) {
  json j = example();
  j["booths"][0]["rotation"] = "north";
  EXPECT_EQ(errorOf(j), "expo.json: booths[0].rotation: expected a number, got \"north\"");
  j = example();
  j["pavilions"][0]["floor"][2][1] = true;
  EXPECT_EQ(errorOf(j), "expo.json: pavilions[0].floor[2][1]: expected a number, got true");
  j = example();
  j["exhibitors"][1]["name"] = "Seoul Robotics";
  EXPECT_EQ(errorOf(j), "expo.json: exhibitors[1].name: expected an object, got \"Seoul Robotics\"");
  j = example();
  j["booths"][1]["position"] = {1, 2, 3};
  EXPECT_EQ(errorOf(j), "expo.json: booths[1].position: expected an array of 2 numbers, got [1,2,3]");
  j = example();
  j["exhibitors"][0]["tags"][1] = 7;
  EXPECT_EQ(errorOf(j), "expo.json: exhibitors[0].tags[1]: expected a string, got 7");
  j = example();
  j["venue"]["utcOffsetMinutes"] = 480.5;
  EXPECT_EQ(errorOf(j), "expo.json: venue.utcOffsetMinutes: expected an integer, got 480.5");
  EXPECT_EQ(errorOf(json::array()), "expo.json: (root): expected an object, got []");
}

TEST(ExpoManifest, LongOffendingValueIsTruncated) {
  json j = example();
  j["booths"][0]["rotation"] = std::string(500, 'x');
  std::string message = errorOf(j);
  EXPECT_EQ(message.rfind("expo.json: booths[0].rotation: expected a number, got \"xxxx", 0), 0u) << message;
  EXPECT_LT(message.size(), 140u);
  EXPECT_EQ(message.substr(message.size() - 3), "...");
}

TEST(ExpoManifest, MissingRequiredField) {
  json j = example();
  j["booths"][1].erase("style");
  EXPECT_EQ(errorOf(j), "expo.json: booths[1].style: required field is missing");
  j = example();
  j["events"][0]["title"].erase("english");
  EXPECT_EQ(errorOf(j), "expo.json: events[0].title.english: required field is missing");
  j = example();
  j.erase("venue");
  EXPECT_EQ(errorOf(j), "expo.json: venue: required field is missing");
}

TEST(ExpoManifest, UnknownFieldIsAWarningNotAnError) {
  json j = example();
  j["booths"][0]["colour"] = "red";
  j["futureThing"] = {{"x", 1}};
  j["exhibitors"][0]["links"]["we chat"] = "x";
  std::vector<std::string> warnings;
  auto r = parse(j, &warnings);
  ASSERT_TRUE(r.ok()) << r.message();
  ASSERT_EQ(warnings.size(), 3u);
  EXPECT_EQ(warnings[0], "expo.json: booths[0].colour: unknown field, ignored");
  EXPECT_EQ(warnings[1], "expo.json: exhibitors[0].links[\"we chat\"]: unknown field, ignored");
  EXPECT_EQ(warnings[2], "expo.json: futureThing: unknown field, ignored");
}

TEST(ExpoManifest, OutOfRangeNumbers) {
  json j = example();
  j["booths"][0]["footprint"] = {-3, 3};
  EXPECT_EQ(errorOf(j), "expo.json: booths[0].footprint: both sizes must be positive, got [-3, 3]");
  j = example();
  j["booths"][0]["rotation"] = 1e300;
  EXPECT_EQ(errorOf(j), "expo.json: booths[0].rotation: number out of range, got 1e+300");
  j = example();
  j["styles"][0]["height"] = 0;
  EXPECT_EQ(errorOf(j), "expo.json: styles[0].height: must be a positive number, got 0");
  j = example();
  j["booths"][1]["fascia"]["primaryColor"] = {0.5, 1.5, 0};
  EXPECT_EQ(
      errorOf(j),
      "expo.json: booths[1].fascia.primaryColor: colour components must be within 0..1, got [0.5, 1.5, 0]");
  auto syntax = cx::expo::parseExpoManifest("{\"formatVersion\": 1, \"x\": 1e999}", "expo.json", nullptr);
  ASSERT_FALSE(syntax.ok());
  EXPECT_EQ(syntax.message(), "expo.json: line 1, column 27: number overflow parsing '1e999'");
}

TEST(ExpoManifest, FormatVersion) {
  json j = example();
  j["formatVersion"] = 2;
  EXPECT_EQ(errorOf(j), "expo.json: formatVersion: unsupported format version 2, this build reads version 1");
  j["formatVersion"] = "1";
  EXPECT_EQ(errorOf(j), "expo.json: formatVersion: expected an integer, got \"1\"");
  j.erase("formatVersion");
  EXPECT_EQ(errorOf(j), "expo.json: formatVersion: required field is missing");
}

TEST(ExpoManifest, JsonSyntaxErrorHasLineAndColumn) {
  const char* text = "{\n  \"formatVersion\": 1,\n  \"id\": \"x\",\n}\n";
  auto r = cx::expo::parseExpoManifest(text, "expo.json", nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.message(),
            "expo.json: line 4, column 1: JSON syntax error: syntax error while parsing object key - "
            "unexpected '}'; "
            "expected string literal");
  auto truncated = cx::expo::parseExpoManifest("{\"id\": \"abc", "expo.json", nullptr);
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.message().rfind("expo.json: line 1, column ", 0), 0u) << truncated.message();
  auto empty = cx::expo::parseExpoManifest("", "expo.json", nullptr);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.message().rfind("expo.json: line 1, column 1: JSON syntax error: ", 0), 0u)
      << empty.message();
}

TEST(ExpoManifest, DuplicateIds) {
  json j = example();
  j["booths"][2]["id"] = "a-001";
  EXPECT_EQ(errorOf(j), "expo.json: booths[2].id: duplicate id \"a-001\", first used by booths[0]");
  j = example();
  j["styles"].push_back(j["styles"][0]);
  EXPECT_EQ(errorOf(j), "expo.json: styles[1].id: duplicate id \"shell-3x3\", first used by styles[0]");
  j = example();
  j["events"].push_back(j["events"][0]);
  EXPECT_EQ(errorOf(j), "expo.json: events[1].id: duplicate id \"ev-01\", first used by events[0]");
}

TEST(ExpoManifest, BadIdCharacters) {
  json j = example();
  j["booths"][2]["id"] = "a 003";
  EXPECT_EQ(errorOf(j),
            "expo.json: booths[2].id: expected an id of letters, digits and . _ : - (starting with a letter "
            "or digit, "
            "at most 128 bytes), got \"a 003\"");
}

TEST(ExpoManifest, DanglingReferences) {
  json j = example();
  j["booths"][2]["pavilion"] = "hall-z";
  EXPECT_EQ(errorOf(j), "expo.json: booths[2].pavilion: no pavilion has id \"hall-z\"");
  j = example();
  j["booths"][2]["style"] = "island-12x12";
  EXPECT_EQ(errorOf(j), "expo.json: booths[2].style: no style has id \"island-12x12\"");
  j = example();
  j["booths"][2]["exhibitor"] = "x-9999";
  EXPECT_EQ(errorOf(j), "expo.json: booths[2].exhibitor: no exhibitor has id \"x-9999\"");
  j = example();
  j["exhibitors"][1]["pavilion"] = "hall-q";
  EXPECT_EQ(errorOf(j), "expo.json: exhibitors[1].pavilion: no pavilion has id \"hall-q\"");
  j = example();
  j["events"][0]["location"] = "Main stage";
  EXPECT_EQ(errorOf(j), "expo.json: events[0].location: no pavilion or booth has id \"Main stage\"");
  j["events"][0]["location"] = "a-002";  // a booth id is a valid location too
  EXPECT_EQ(errorOf(j), "");
}

TEST(ExpoManifest, BoothAndExhibitorMustAgree) {
  json j = example();
  j["exhibitors"][1]["booth"] = "a-003";
  EXPECT_EQ(
      errorOf(j),
      "expo.json: booths[1].exhibitor: exhibitor \"x-0002\" (exhibitors[1]) has booth \"a-003\", expected "
      "\"a-002\" (and 1 more problem)");
  auto problems = cx::expo::findExpoProblems(*cx::expo::parseExpoManifest(exampleText(), "expo.json"));
  EXPECT_TRUE(problems.empty());
  j = example();
  j["exhibitors"][1].erase("booth");
  j["booths"][1].erase("exhibitor");
  j["booths"][2]["exhibitor"] = "x-0002";
  EXPECT_EQ(errorOf(j),
            "expo.json: booths[2].exhibitor: exhibitor \"x-0002\" (exhibitors[1]) has booth \"\", expected "
            "\"a-003\"");
  j = example();
  j["pavilions"].push_back(j["pavilions"][0]);
  j["pavilions"][1]["id"] = "hall-b";
  j["exhibitors"][1]["pavilion"] = "hall-b";
  EXPECT_EQ(errorOf(j),
            "expo.json: exhibitors[1].pavilion: \"hall-b\" differs from the pavilion \"hall-a\" of its booth "
            "\"a-002\"");
}

TEST(ExpoManifest, FloorPolygonNeedsArea) {
  json j = example();
  j["pavilions"][0]["floor"] = {{0, 0}, {10, 0}};
  EXPECT_EQ(errorOf(j), "expo.json: pavilions[0].floor: a floor polygon needs at least 3 points, got 2");
  j["pavilions"][0]["floor"] = {{0, 0}, {10, 0}, {20, 0}};
  EXPECT_EQ(errorOf(j), "expo.json: pavilions[0].floor: floor polygon has zero area");
}

TEST(ExpoManifest, ParentDirectoryPathIsRefused) {
  json j = example();
  j["styles"][0]["model"] = "../outside.glb";
  EXPECT_EQ(errorOf(j),
            "expo.json: styles[0].model: '..' in path, it must stay inside the root, got \"../outside.glb\"");
  j = example();
  j["booths"][0]["fascia"]["logo"] = "logos/../../x.png";
  EXPECT_EQ(errorOf(j),
            "expo.json: booths[0].fascia.logo: '..' in path, it must stay inside the root, got "
            "\"logos/../../x.png\"");
}

TEST(ExpoManifest, AbsolutePathIsRefused) {
  json j = example();
  j["booths"][1]["model"] = "/etc/passwd";
  EXPECT_EQ(
      errorOf(j),
      "expo.json: booths[1].model: absolute path, expected one relative to the root, got \"/etc/passwd\"");
  j = example();
  j["pavilions"][0]["model"] = "C:/models/hall.glb";
  EXPECT_EQ(errorOf(j),
            "expo.json: pavilions[0].model: ':' in path (drive letter or URL scheme?), expected a relative "
            "path, got "
            "\"C:/models/hall.glb\"");
}

TEST(ExpoManifest, SymlinkEscapingTheRootIsRefused) {
  fs::path base = fs::temp_directory_path() / ("cx_expo_symlink_test_" + std::to_string(::getpid()));
  fs::remove_all(base);
  fs::create_directories(base / "expo");
  fs::create_directories(base / "elsewhere");
  fs::create_directory_symlink(base / "elsewhere", base / "expo" / "models");
  fs::path manifest = base / "expo" / "expo.json";
  ASSERT_TRUE(cx::writeFileAtomic(manifest, exampleText()).ok());
  auto r = cx::expo::loadExpoManifest(manifest);
  ASSERT_FALSE(r.ok());
  std::string expected = manifest.string() +
                         ": pavilions[0].model: models/hall-a.glb: resolves through a symlink to " +
                         (fs::canonical(base / "elsewhere") / "hall-a.glb").string() + ", outside the root";
  EXPECT_EQ(r.message().substr(0, expected.size()), expected);
  EXPECT_NE(r.message().find("(and 2 more problems)"), std::string::npos)
      << r.message();  // the other two models

  // The same manifest with a real models/ folder loads.
  fs::remove(base / "expo" / "models");
  fs::create_directories(base / "expo" / "models");
  auto ok = cx::expo::loadExpoManifest(manifest);
  EXPECT_TRUE(ok.ok()) << ok.message();
  fs::remove_all(base);
}

TEST(ExpoManifest, LinksMustBeHttpOrHttps) {
  json j = example();
  j["exhibitors"][0]["links"]["website"] = "file:///etc/passwd";
  EXPECT_EQ(
      errorOf(j),
      "expo.json: exhibitors[0].links.website: scheme \"file\" is not allowed, only http and https, got "
      "\"file:///etc/passwd\"");
  j = example();
  j["exhibitors"][0]["links"]["shop"] = "javascript:alert(1)";
  EXPECT_EQ(
      errorOf(j),
      "expo.json: exhibitors[0].links.shop: scheme \"javascript\" is not allowed, only http and https, got "
      "\"javascript:alert(1)\"");
  j = example();
  j["events"][0]["stream"] = "https:///live";
  EXPECT_EQ(errorOf(j), "expo.json: events[0].stream: link has no host, got \"https:///live\"");
  j = example();
  j["exhibitors"][0]["links"]["livestream"] = "live/x-0001";
  EXPECT_EQ(
      errorOf(j),
      "expo.json: exhibitors[0].links.livestream: relative link, expected an absolute http or https URL, got "
      "\"live/x-0001\"");
}

TEST(ExpoManifest, BadTimes) {
  json j = example();
  j["events"][0]["start"] = "2022-08-26 09:30";
  EXPECT_EQ(errorOf(j),
            "expo.json: events[0].start: expected an ISO 8601 date-time with offset like "
            "\"2022-08-26T09:30:00+08:00\", got \"2022-08-26 09:30\"");
  j = example();
  j["events"][0]["end"] = "2022-02-30T10:00:00+08:00";
  EXPECT_EQ(errorOf(j),
            "expo.json: events[0].end: expected an ISO 8601 date-time with offset like "
            "\"2022-08-26T09:30:00+08:00\", got \"2022-02-30T10:00:00+08:00\"");
  j = example();
  j["events"][0]["end"] = "2022-08-26T01:30:00Z";  // the same instant as the start
  EXPECT_EQ(
      errorOf(j),
      "expo.json: events[0].end: \"2022-08-26T01:30:00Z\" is not after start \"2022-08-26T09:30:00+08:00\"");
  j = example();
  j["venue"]["endDate"] = "2022-8-30";
  EXPECT_EQ(errorOf(j), "expo.json: venue.endDate: expected a date like \"2022-08-30\", got \"2022-8-30\"");
}

TEST(ExpoManifest, IsoTimes) {
  using cx::expo::parseIsoDateTime;
  EXPECT_EQ(parseIsoDateTime("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parseIsoDateTime("2022-08-26T09:30:00+08:00"), 1661477400);
  EXPECT_EQ(parseIsoDateTime("2022-08-26T01:30:00.750Z"), 1661477400);
  EXPECT_EQ(parseIsoDateTime("2022-08-25T21:30:00-04:00"), 1661477400);
  EXPECT_EQ(parseIsoDateTime("2024-02-29T00:00:00Z"), 1709164800);
  EXPECT_EQ(parseIsoDateTime("1969-12-31T23:59:59Z"), -1);
  for (const char* bad :
       {"2023-02-29T00:00:00Z", "2022-08-26T24:00:00Z", "2022-08-26T09:30:00", "2022-08-26T09:30:00+8:00",
        "2022-08-26T09:30:00+15:00", "2022-08-26", "2022-08-26T09:30Z", "2022-08-26T09:30:00Zjunk", ""})
    EXPECT_FALSE(parseIsoDateTime(bad).has_value()) << bad;
  EXPECT_EQ(cx::expo::formatIsoDateTime(1661477400, 480), "2022-08-26T09:30:00+08:00");
  EXPECT_EQ(cx::expo::formatIsoDateTime(-1, 0), "1969-12-31T23:59:59Z");
  EXPECT_EQ(cx::expo::formatIsoDateTime(1661477400, -270), "2022-08-25T21:00:00-04:30");
}

TEST(ExpoManifest, RoundTripIsExact) {
  auto first = cx::expo::parseExpoManifest(exampleText(), "expo.json");
  ASSERT_TRUE(first.ok()) << first.message();
  std::string a = cx::expo::serializeExpoManifest(*first);
  auto second = cx::expo::parseExpoManifest(a, "expo.json");
  ASSERT_TRUE(second.ok()) << second.message() << "\n" << a;
  std::string b = cx::expo::serializeExpoManifest(*second);
  EXPECT_EQ(a, b);
  EXPECT_NE(a.find("\"native\": \"长春国际会展中心\""), std::string::npos) << "UTF-8 is written unescaped";
  EXPECT_NE(a.find("\"position\": [12.0, -5.5]"), std::string::npos) << a;
  EXPECT_EQ(a.back(), '\n');
}

TEST(ExpoManifest, RoundTripKeepsEveryFloatBit) {
  cx::expo::Expo e = *cx::expo::parseExpoManifest(exampleText(), "expo.json");
  e.booths.resize(1);
  e.booths[0].exhibitor.clear();
  e.exhibitors.clear();
  e.events[0].start.clear();  // written from startUnix in the venue's offset
  e.events[0].end.clear();
  uint32_t state = 12345;
  auto next = [&] {
    state = state * 1664525u + 1013904223u;
    return float(state >> 8) / float(1 << 24);
  };
  for (int i = 0; i < 500; ++i) {
    cx::expo::Booth b = e.booths[0];
    b.id = "r-" + std::to_string(i);
    b.position = {next() * 40.0f, -next() * 30.0f};
    b.rotationDeg = next() * 720.0f - 360.0f;
    b.footprint = {0.1f + next() * 9.0f, 1.0f / (1.0f + next())};
    b.fascia.primaryColor = {next(), next(), next()};
    e.booths.push_back(b);
  }
  std::string a = cx::expo::serializeExpoManifest(e);
  auto back = cx::expo::parseExpoManifest(a, "expo.json");
  ASSERT_TRUE(back.ok()) << back.message();
  ASSERT_EQ(back->booths.size(), e.booths.size());
  for (size_t i = 0; i < e.booths.size(); ++i) {
    EXPECT_EQ(back->booths[i].position, e.booths[i].position);
    EXPECT_EQ(back->booths[i].rotationDeg, e.booths[i].rotationDeg);
    EXPECT_EQ(back->booths[i].footprint, e.booths[i].footprint);
    EXPECT_EQ(back->booths[i].fascia.primaryColor, e.booths[i].fascia.primaryColor);
  }
  EXPECT_EQ(back->events[0].start, "2022-08-26T09:30:00+08:00");
  EXPECT_EQ(back->events[0].endUnix, e.events[0].endUnix);
  EXPECT_EQ(cx::expo::serializeExpoManifest(*back), a);
}

TEST(ExpoManifest, SaveIsAtomicAndRefusesInvalidExpos) {
  fs::path dir = fs::temp_directory_path() / ("cx_expo_save_test_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  cx::expo::Expo e = *cx::expo::parseExpoManifest(exampleText(), "expo.json");
  fs::path file = dir / "expo.json";
  ASSERT_TRUE(cx::expo::saveExpoManifest(e, file).ok());
  auto loaded = cx::expo::loadExpoManifest(file);
  ASSERT_TRUE(loaded.ok()) << loaded.message();
  EXPECT_EQ(cx::expo::serializeExpoManifest(*loaded), cx::expo::serializeExpoManifest(e));

  std::string before = *cx::readFileText(file);
  e.booths[0].style = "missing-style";
  auto bad = cx::expo::saveExpoManifest(e, file);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.message(), file.string() + ": booths[0].style: no style has id \"missing-style\"");
  EXPECT_EQ(*cx::readFileText(file), before);
  fs::remove_all(dir);
}

TEST(ExpoManifest, MissingFileNamesThePath) {
  auto r = cx::expo::loadExpoManifest("/nonexistent/expo.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.message(), "/nonexistent/expo.json: no such file");
}

TEST(ExpoManifest, HostileInputNeverCrashes) {
  std::string deep(100000, '[');
  EXPECT_FALSE(cx::expo::parseExpoManifest(deep, "expo.json").ok());
  std::string deepValid =
      "{\"formatVersion\": 1, \"id\": " + std::string(20000, '[') + std::string(20000, ']') + "}";
  auto r = cx::expo::parseExpoManifest(deepValid, "expo.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.message(), "expo.json: id: expected a string, got an array");
  std::string invalidUtf8 = "{\"formatVersion\": 1, \"id\": \"\xff\xfe\"}";
  EXPECT_FALSE(cx::expo::parseExpoManifest(invalidUtf8, "expo.json").ok());
}
