// The layout rules (cx/expo/layout_rules.h), each on a small hand-made layout.
#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <filesystem>

#include "cx/assets/gltf.h"
#include "cx/core/file.h"
#include "cx/expo/layout_rules.h"

namespace fs = std::filesystem;
using namespace cx::expo;

namespace {

// A 20 x 20 m hall (0..20 in x and z), entrance in the middle of the z = 0 wall, aisles >= 3 m,
// height limit 4 m, one 3 x 3 style of 2.5 m.
Expo smallExpo() {
  Expo e;
  e.id = "test";
  e.venue.name.english = "Test";
  Pavilion p;
  p.id = "hall";
  p.name.english = "Hall";
  p.floor = {{0, 0}, {20, 0}, {20, 20}, {0, 20}};
  p.entrances = {{{10, 0}, 4}};
  p.heightLimit = 4.0f;
  p.minAisleWidth = 3.0f;
  e.pavilions.push_back(p);
  BoothStyle s;
  s.id = "s";
  s.model = "models/s.glb";
  s.footprint = {3, 3};
  s.height = 2.5f;
  e.styles.push_back(s);
  return e;
}

// Adds a booth (and, unless `free`, its exhibitor).
Booth& addBooth(Expo& e, glm::vec2 position, float rotation = 0.0f, glm::vec2 footprint = {3, 3},
                bool free = false) {
  Booth b;
  b.id = "b" + std::to_string(e.booths.size() + 1);
  b.pavilion = "hall";
  b.style = "s";
  b.position = position;
  b.rotationDeg = rotation;
  b.footprint = footprint;
  if (!free) {
    Exhibitor x;
    x.id = "x" + std::to_string(e.exhibitors.size() + 1);
    x.name.english = "Exhibitor " + x.id;
    x.pavilion = "hall";
    x.booth = b.id;
    b.exhibitor = x.id;
    e.exhibitors.push_back(x);
  }
  e.booths.push_back(b);
  return e.booths.back();
}

std::vector<RuleViolation> only(const LayoutReport& r, const std::string& rule) {
  std::vector<RuleViolation> out;
  for (const RuleViolation& v : r.violations)
    if (v.rule == rule) out.push_back(v);
  return out;
}

std::string describe(const LayoutReport& r) {
  std::string s;
  for (const RuleViolation& v : r.violations)
    s += v.severity + " " + v.rule + " " + v.path + ": " + v.message + "\n";
  return s;
}

// A box model centred on the origin in x/z, standing on y = 0, optionally with a texture.
cx::assets::Model boxModel(glm::vec3 size, uint32_t textureSize = 0, int materials = 1) {
  cx::assets::Model m;
  m.name = "box";
  cx::assets::Mesh mesh;
  for (int k = 0; k < materials; ++k) {
    cx::assets::Material mat;
    mat.name = "m" + std::to_string(k);
    if (textureSize > 0 && k == 0) mat.baseColorTexture.image = 0;
    m.materials.push_back(mat);
    cx::assets::Primitive prim;
    prim.material = k;
    glm::vec3 h = size * 0.5f;
    // Two triangles on top and two on the front are enough for bounds and counts.
    const glm::vec3 corners[8] = {{-h.x, 0, -h.z}, {h.x, 0, -h.z}, {h.x, size.y, -h.z}, {-h.x, size.y, -h.z},
                                  {-h.x, 0, h.z},  {h.x, 0, h.z},  {h.x, size.y, h.z},  {-h.x, size.y, h.z}};
    for (const glm::vec3& c : corners) {
      cx::assets::Vertex v;
      v.position = c;
      prim.vertices.push_back(v);
    }
    prim.indices = {3, 7, 6, 3, 6, 2, 4, 5, 6, 4, 6, 7};
    mesh.primitives.push_back(prim);
  }
  if (textureSize > 0) {
    cx::assets::Image img;
    img.name = "tex";
    img.width = img.height = textureSize;
    img.colorSpace = cx::assets::ColorSpace::Srgb;
    img.rgba8.assign(size_t(textureSize) * textureSize * 4, 200);
    m.images.push_back(img);
  }
  m.meshes.push_back(mesh);
  m.instances.push_back({0, glm::mat4(1.0f)});
  cx::assets::computeBounds(m);
  return m;
}

fs::path freshRoot(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("cx_layout_rules_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "models");
  return dir;
}

}  // namespace

TEST(LayoutRules, CleanLayout) {
  Expo e = smallExpo();
  addBooth(e, {5, 5});
  addBooth(e, {8, 5});             // touches the first: a row
  addBooth(e, {5, 8});             // back to back with the first
  addBooth(e, {14, 5});            // 3 m aisle exactly
  addBooth(e, {1.5f, 15}, 90.0f);  // against the wall
  LayoutReport r = checkLayout(e);
  EXPECT_TRUE(r.violations.empty()) << describe(r);
  EXPECT_TRUE(r.clean());
  EXPECT_EQ(r.booths, 5u);
}

TEST(LayoutRules, OutsideFloor) {
  Expo e = smallExpo();
  addBooth(e, {19, 10});
  LayoutReport r = checkLayout(e);
  auto v = only(r, "outside-floor");
  ASSERT_EQ(v.size(), 1u) << describe(r);
  EXPECT_EQ(v[0].path, "booths[0]");
  EXPECT_EQ(v[0].severity, "error");
  EXPECT_NE(v[0].message.find("b1"), std::string::npos);
  EXPECT_FALSE(r.clean());
}

TEST(LayoutRules, OutsideFloorWhenTheOutlineCutsIn) {
  // A slit from the far wall down to z = 9 between x = 9 and 11; the booth's corners are all on
  // the floor, but the slit's end cuts into it.
  Expo e = smallExpo();
  e.pavilions[0].floor = {{0, 0}, {20, 0}, {20, 20}, {11, 20}, {11, 9}, {9, 9}, {9, 20}, {0, 20}};
  addBooth(e, {10, 8.5f}, 0.0f, {6, 2});
  EXPECT_EQ(only(checkLayout(e), "outside-floor").size(), 1u);
}

TEST(LayoutRules, Overlap) {
  Expo e = smallExpo();
  addBooth(e, {5, 5});
  addBooth(e, {6, 5});
  LayoutReport r = checkLayout(e);
  auto v = only(r, "overlap");
  ASSERT_EQ(v.size(), 1u) << describe(r);
  EXPECT_EQ(v[0].path, "booths[0]");
  EXPECT_NE(v[0].message.find("b2"), std::string::npos);
  EXPECT_TRUE(only(r, "narrow-aisle").empty());
}

TEST(LayoutRules, RotatedOverlap) {
  Expo e = smallExpo();
  addBooth(e, {5, 5}, 45.0f);  // reaches x = 5 + 2.12
  addBooth(e, {8.5f, 5});      // starts at x = 7
  EXPECT_EQ(only(checkLayout(e), "overlap").size(), 1u);
}

TEST(LayoutRules, NarrowAisleBetweenBooths) {
  Expo e = smallExpo();
  addBooth(e, {5, 5});
  addBooth(e, {9, 5});  // 1 m gap
  LayoutReport r = checkLayout(e);
  auto v = only(r, "narrow-aisle");
  ASSERT_EQ(v.size(), 1u) << describe(r);
  EXPECT_NE(v[0].message.find("1.00 m"), std::string::npos) << v[0].message;
  EXPECT_FALSE(r.clean());
}

TEST(LayoutRules, NarrowAisleDiagonal) {
  Expo e = smallExpo();
  addBooth(e, {5, 5});
  addBooth(e, {10, 10});  // corners 2 m apart in x and z: 2.83 m
  EXPECT_EQ(only(checkLayout(e), "narrow-aisle").size(), 1u);
  e.booths[1].position = {11, 11};  // 4.24 m
  EXPECT_TRUE(checkLayout(e).violations.empty());
}

TEST(LayoutRules, NarrowAisleToTheWall) {
  Expo e = smallExpo();
  addBooth(e, {2.5f, 10});  // 1 m from the x = 0 wall
  LayoutReport r = checkLayout(e);
  auto v = only(r, "narrow-aisle");
  ASSERT_EQ(v.size(), 1u) << describe(r);
  EXPECT_NE(v[0].message.find("wall"), std::string::npos);
  e.booths[0].position = {1.5f, 10};  // against it
  EXPECT_TRUE(checkLayout(e).violations.empty());
}

TEST(LayoutRules, MinAisleWidthIsPerPavilion) {
  Expo e = smallExpo();
  e.pavilions[0].minAisleWidth = 5.0f;
  addBooth(e, {6.5f, 6.5f});
  addBooth(e, {13.5f, 6.5f});  // 4 m apart, 5 m from the walls
  LayoutReport r = checkLayout(e);
  EXPECT_EQ(only(r, "narrow-aisle").size(), 1u) << describe(r);
}

TEST(LayoutRules, TooTall) {
  Expo e = smallExpo();
  e.styles[0].height = 5.0f;
  addBooth(e, {5, 5});
  LayoutReport r = checkLayout(e);
  auto v = only(r, "too-tall");
  ASSERT_EQ(v.size(), 1u) << describe(r);
  EXPECT_NE(v[0].message.find("5.00 m"), std::string::npos);
  e.booths[0].heightLimit = 6.0f;  // this plot may go higher
  EXPECT_TRUE(checkLayout(e).violations.empty());
}

TEST(LayoutRules, ExhibitorWithoutBooth) {
  Expo e = smallExpo();
  addBooth(e, {5, 5});
  e.exhibitors[0].booth.clear();
  e.booths[0].exhibitor.clear();
  Exhibitor ghost;
  ghost.id = "ghost";
  ghost.name.english = "Ghost";
  ghost.booth = "nowhere";
  e.exhibitors.push_back(ghost);
  LayoutReport r = checkLayout(e);
  auto v = only(r, "exhibitor-without-booth");
  ASSERT_EQ(v.size(), 2u) << describe(r);
  EXPECT_EQ(v[0].path, "exhibitors[0].booth");
  EXPECT_EQ(v[1].path, "exhibitors[1].booth");
  EXPECT_NE(v[1].message.find("nowhere"), std::string::npos);
  EXPECT_FALSE(r.clean());
}

TEST(LayoutRules, BoothWithoutExhibitorIsAWarning) {
  Expo e = smallExpo();
  addBooth(e, {5, 5}, 0.0f, {3, 3}, /*free=*/true);
  LayoutReport r = checkLayout(e);
  auto v = only(r, "booth-without-exhibitor");
  ASSERT_EQ(v.size(), 1u) << describe(r);
  EXPECT_EQ(v[0].severity, "warning");
  EXPECT_TRUE(r.clean());
  EXPECT_EQ(r.warnings, 1u);
}

TEST(LayoutRules, DanglingReferences) {
  Expo e = smallExpo();
  addBooth(e, {5, 5}).exhibitor = "nobody";
  addBooth(e, {12, 5}).style = "nostyle";
  addBooth(e, {5, 15}).pavilion = "nohall";
  LayoutReport r = checkLayout(e);
  EXPECT_EQ(only(r, "unknown-exhibitor").size(), 1u) << describe(r);
  EXPECT_EQ(only(r, "unknown-style").size(), 1u);
  EXPECT_EQ(only(r, "unknown-pavilion").size(), 1u);
}

TEST(LayoutRules, Unreachable) {
  Expo e = smallExpo();
  // A 3 x 3 ring of touching booths: the middle one has no aisle.
  for (int z = 0; z < 3; ++z)
    for (int x = 0; x < 3; ++x) addBooth(e, {7 + 3.0f * x, 7 + 3.0f * z});
  LayoutReport r = checkLayout(e);
  auto v = only(r, "unreachable");
  ASSERT_EQ(v.size(), 1u) << describe(r);
  EXPECT_EQ(v[0].path, "booths[4]");
  // Without an entrance nothing can be judged: a warning instead.
  e.pavilions[0].entrances.clear();
  LayoutReport r2 = checkLayout(e);
  EXPECT_TRUE(only(r2, "unreachable").empty());
  EXPECT_EQ(only(r2, "no-entrance").size(), 1u);
}

TEST(LayoutRules, UnreachableBehindAWallOfBooths) {
  Expo e = smallExpo();
  // A row of booths across the whole hall at z = 10..13 cuts off the far half from the entrance.
  for (int x = 0; x < 5; ++x) addBooth(e, {2 + 4.0f * x, 11.5f}, 0.0f, {4, 3});
  addBooth(e, {10, 18.5f});
  LayoutReport r = checkLayout(e);
  auto v = only(r, "unreachable");
  ASSERT_EQ(v.size(), 1u) << describe(r);
  EXPECT_EQ(v[0].path, "booths[5]");
}

TEST(LayoutRules, FailingModel) {
  fs::path root = freshRoot("failing");
  ASSERT_TRUE(cx::writeFileAtomic(root / "models/s.glb", std::string_view("this is not a glb")).ok());
  Expo e = smallExpo();
  addBooth(e, {5, 5});
  addBooth(e, {8, 5});
  addBooth(e, {11, 5});
  LayoutRuleOptions o;
  o.root = root;
  LayoutReport r = checkLayout(e, o);
  auto v = only(r, "model-load");
  ASSERT_EQ(v.size(), 1u) << describe(r);  // once per model, not per booth
  EXPECT_EQ(v[0].path, "styles[0].model");
  EXPECT_NE(v[0].message.find("3 booths"), std::string::npos) << v[0].message;
  EXPECT_FALSE(r.clean());
  // A model path that escapes the root is refused like a missing file.
  e.booths[0].model = "../outside.glb";
  EXPECT_EQ(only(checkLayout(e, o), "model-load").size(), 2u);
  fs::remove_all(root);
}

TEST(LayoutRules, OverBudget) {
  fs::path root = freshRoot("budget");
  ASSERT_TRUE(cx::assets::writeGltf(root / "models/s.glb", boxModel({3, 2.5f, 3}, 64, 3)).ok());
  Expo e = smallExpo();
  addBooth(e, {5, 5});
  LayoutRuleOptions o;
  o.root = root;
  EXPECT_TRUE(checkLayout(e, o).violations.empty()) << describe(checkLayout(e, o));
  o.maxTriangles = 5;  // the model has 4 per material, 12 in all
  o.maxTextureSize = 32;
  o.maxMaterials = 2;
  LayoutReport r = checkLayout(e, o);
  auto v = only(r, "over-budget");
  ASSERT_EQ(v.size(), 1u) << describe(r);
  EXPECT_NE(v[0].message.find("12 triangles"), std::string::npos) << v[0].message;
  EXPECT_NE(v[0].message.find("64 px"), std::string::npos) << v[0].message;
  EXPECT_NE(v[0].message.find("3 materials"), std::string::npos) << v[0].message;
  fs::remove_all(root);
}

TEST(LayoutRules, ModelHeightAndSizeFromTheLoadedModel) {
  fs::path root = freshRoot("modelsize");
  ASSERT_TRUE(cx::assets::writeGltf(root / "models/s.glb", boxModel({3, 2.5f, 3})).ok());
  ASSERT_TRUE(cx::assets::writeGltf(root / "models/own.glb", boxModel({5, 4.5f, 2})).ok());
  Expo e = smallExpo();
  addBooth(e, {5, 5});
  addBooth(e, {12, 5}).model = "models/own.glb";  // 5 m wide on a 3 m plot, 4.5 m high
  LayoutRuleOptions o;
  o.root = root;
  LayoutReport r = checkLayout(e, o);
  auto misfit = only(r, "model-exceeds-plot");
  ASSERT_EQ(misfit.size(), 1u) << describe(r);
  EXPECT_EQ(misfit[0].path, "booths[1]");
  auto tall = only(r, "too-tall");
  ASSERT_EQ(tall.size(), 1u) << describe(r);
  EXPECT_EQ(tall[0].path, "booths[1]");
  EXPECT_EQ(r.modelsChecked, 2u);
  fs::remove_all(root);
}

TEST(LayoutRules, CapPerRuleStillCounts) {
  Expo e = smallExpo();
  for (int i = 0; i < 4; ++i) addBooth(e, {5 + 0.5f * i, 5});
  LayoutRuleOptions o;
  o.maxViolationsPerRule = 1;
  LayoutReport r = checkLayout(e, o);
  EXPECT_EQ(only(r, "overlap").size(), 1u);
  EXPECT_EQ(r.errors, 6u);  // every pair of the four overlaps
}

TEST(LayoutRules, BadNumbersDoNotCrash) {
  Expo e = smallExpo();
  addBooth(e, {NAN, 5});
  addBooth(e, {5, 5}, 0.0f, {0, 0});
  addBooth(e, {INFINITY, -INFINITY});
  e.pavilions[0].floor.resize(2);
  LayoutReport r = checkLayout(e);
  EXPECT_TRUE(r.clean()) << describe(r);
}

TEST(LayoutRules, CheckBoothPlacementForEditing) {
  Expo e = smallExpo();
  addBooth(e, {5, 5});
  addBooth(e, {12, 5});
  EXPECT_TRUE(checkBoothPlacement(e, 1).empty());
  e.booths[1].position = {7, 5};  // nudged into its neighbour
  auto v = checkBoothPlacement(e, 1);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].rule, "overlap");
  e.booths[1].position = {9.5f, 5};  // 1.5 m aisle
  v = checkBoothPlacement(e, 1);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].rule, "narrow-aisle");
  e.booths[1].position = {19, 19};
  v = checkBoothPlacement(e, 1);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].rule, "outside-floor");
  EXPECT_TRUE(checkBoothPlacement(e, 99).empty());
}

TEST(LayoutRules, HundredThousandBoothsQuickly) {
  // 100,000 shell booths in back-to-back rows of 300 with 3 m aisles, entrance on the front wall.
  Expo e = smallExpo();
  const int perRow = 300, rows = 334;
  const float width = 3.0f + 3.0f * perRow + 3.0f;
  const float depth = 3.0f + float(rows / 2) * 9.0f;
  e.pavilions[0].floor = {{0, 0}, {width, 0}, {width, depth}, {0, depth}};
  e.pavilions[0].entrances = {{{width * 0.5f, 0}, 8}};
  e.booths.reserve(size_t(perRow) * rows);
  e.exhibitors.reserve(size_t(perRow) * rows);
  for (int row = 0; row < rows; ++row) {
    float z = 3.0f + float(row / 2) * 9.0f + (row % 2 ? 4.5f : 1.5f);
    for (int i = 0; i < perRow && e.booths.size() < 100000; ++i)
      addBooth(e, {3.0f + 1.5f + 3.0f * float(i), z}, row % 2 ? 0.0f : 180.0f);
  }
  ASSERT_EQ(e.booths.size(), 100000u);
  auto t0 = std::chrono::steady_clock::now();
  LayoutReport r = checkLayout(e);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_TRUE(r.clean()) << describe(r).substr(0, 2000);
  RecordProperty("checkSeconds", std::to_string(seconds));
  std::printf("checkLayout on 100k booths: %.2f s\n", seconds);
  EXPECT_LT(seconds, 60.0);  // ~1 s optimised; generous for Debug and sanitizer builds
}
