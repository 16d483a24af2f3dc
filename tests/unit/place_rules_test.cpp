// The plot and model rules of cx/expo/placement.h on hand-made layouts, and --auto.
#include <unistd.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "cx/expo/placement.h"
#include "place_test_expo.h"
#include "test_models.h"

using namespace cx;
using namespace cx::expo;
using cx::placetest::boxStats;
using cx::placetest::makePlaceTestExpo;

namespace {

const PlacementCheck* find(const PlacementReport& r, const std::string& rule) {
  for (const PlacementCheck& c : r.checks)
    if (c.rule == rule) return &c;
  return nullptr;
}

bool passed(const PlacementReport& r, const std::string& rule) {
  const PlacementCheck* c = find(r, rule);
  EXPECT_NE(c, nullptr) << rule << " is not reported";
  return c && c->passed;
}

}  // namespace

TEST(PlaceRules, FittingBoothPassesEveryRuleAndReportsNumbers) {
  Expo e = makePlaceTestExpo();
  ModelStats m = boxStats(2.8f, 2.4f, 2.8f);
  PlacementReport r = checkPlot(e, 0, &m);
  EXPECT_TRUE(r.ok());
  for (const char* rule : {"inside-floor", "no-overlap", "aisle-clearance", "height-limit", "model-fits-plot",
                           "paths-reachable"})
    EXPECT_TRUE(passed(r, rule)) << rule;
  EXPECT_NE(find(r, "aisle-clearance")->measured.find("3.00 m"), std::string::npos)
      << find(r, "aisle-clearance")->measured;
  EXPECT_EQ(find(r, "height-limit")->measured, "2.40 m");
  EXPECT_EQ(find(r, "height-limit")->limit, "<= 4.00 m");
}

TEST(PlaceRules, OverlapFails) {
  Expo e = makePlaceTestExpo();
  e.booths[0].position = {9, 5};  // 1 m into B2
  PlacementReport r = checkPlot(e, 0, nullptr);
  EXPECT_FALSE(passed(r, "no-overlap"));
  ASSERT_EQ(r.overlapping.size(), 1u);
  EXPECT_EQ(r.overlapping[0], 1u);
  EXPECT_NE(find(r, "no-overlap")->measured.find("1.00 m"), std::string::npos);
  EXPECT_FALSE(r.ok());
}

TEST(PlaceRules, NarrowAisleFailsWithTheGap) {
  Expo e = makePlaceTestExpo();
  e.booths[0].position = {7, 5};  // 1 m from B2
  PlacementReport r = checkPlot(e, 0, nullptr);
  EXPECT_TRUE(passed(r, "no-overlap"));
  EXPECT_FALSE(passed(r, "aisle-clearance"));
  ASSERT_EQ(r.narrowGaps.size(), 1u);
  EXPECT_NEAR(r.narrowGaps[0].width, 1.0f, 1e-4f);
  EXPECT_EQ(r.narrowGaps[0].neighbour, 1);
  EXPECT_NEAR(glm::distance(r.narrowGaps[0].from, r.narrowGaps[0].to), 1.0f, 1e-4f);
  EXPECT_NEAR(r.narrowGaps[0].from.x, 8.5f, 1e-4f);
  // Touching (a shared wall) is fine.
  e.booths[0].position = {8, 5};
  EXPECT_TRUE(checkPlot(e, 0, nullptr).ok());
  // Too close to the wall.
  e.booths[0].position = {2.5f, 5};
  PlacementReport w = checkPlot(e, 0, nullptr);
  EXPECT_FALSE(passed(w, "aisle-clearance"));
  ASSERT_FALSE(w.narrowGaps.empty());
  EXPECT_EQ(w.narrowGaps[0].neighbour, -1);
}

TEST(PlaceRules, TooTallFails) {
  Expo e = makePlaceTestExpo();
  ModelStats m = boxStats(2.0f, 5.0f, 2.0f);
  PlacementReport r = checkPlot(e, 0, &m);
  EXPECT_FALSE(passed(r, "height-limit"));
  EXPECT_EQ(find(r, "height-limit")->measured, "5.00 m");
  e.booths[0].heightLimit = 6.0f;  // the booth's own limit wins over the pavilion's
  EXPECT_TRUE(checkPlot(e, 0, &m).ok());
}

TEST(PlaceRules, OutOfPavilionFails) {
  Expo e = makePlaceTestExpo();
  e.booths[0].position = {-5, 5};
  PlacementReport r = checkPlot(e, 0, nullptr);
  EXPECT_FALSE(passed(r, "inside-floor"));
  EXPECT_NE(find(r, "inside-floor")->measured.find("outside"), std::string::npos);
  e.booths[0].position = {29, 5};  // half across the east wall
  EXPECT_FALSE(passed(checkPlot(e, 0, nullptr), "inside-floor"));
  e.booths[0].pavilion = "nowhere";
  EXPECT_FALSE(passed(checkPlot(e, 0, nullptr), "inside-floor"));
}

TEST(PlaceRules, ModelLargerThanPlotFails) {
  Expo e = makePlaceTestExpo();
  ModelStats m = boxStats(3.5f, 2.0f, 2.0f);
  EXPECT_FALSE(passed(checkPlot(e, 0, &m), "model-fits-plot"));
}

TEST(PlaceRules, BlockedPathFails) {
  Expo e = makePlaceTestExpo();
  // A 30 m wide booth across the hall cuts B1..B3 off from the entrance at z = 20.
  e.booths[3].footprint = {30, 2};
  e.booths[3].position = {15, 12};
  PlacementReport r = checkPlot(e, 3, nullptr);
  EXPECT_FALSE(passed(r, "paths-reachable"));
  EXPECT_NE(find(r, "paths-reachable")->measured.find("1 of 4"), std::string::npos)
      << find(r, "paths-reachable")->measured;
}

TEST(PlaceRules, OverBudgetFails) {
  ImportedModel m;
  m.source = "heavy.glb";
  m.fileBytes = 40u << 20;
  m.stats = boxStats(2, 2, 2);
  m.stats.triangles = 60'000;
  m.stats.largestTexture = 4096;
  m.stats.materials = 40;
  PlacementReport r;
  appendModelChecks(r, m, {3, 3}, BoothBudget{});
  for (const char* rule : {"budget-triangles", "budget-textures", "budget-materials", "budget-file-size"})
    EXPECT_FALSE(passed(r, rule)) << rule;
  EXPECT_TRUE(passed(r, "units"));
  EXPECT_EQ(find(r, "budget-triangles")->measured, "60000 triangles");
  EXPECT_EQ(find(r, "budget-triangles")->limit, "<= 50000 triangles");
  m.stats.triangles = 50'000;
  m.stats.largestTexture = 2048;
  m.stats.materials = 32;
  m.fileBytes = 1000;
  PlacementReport ok;
  appendModelChecks(ok, m, {3, 3}, BoothBudget{});
  EXPECT_TRUE(ok.ok());
}

TEST(PlaceRules, WrongUnitsAreDetected) {
  EXPECT_EQ(suggestedUnitScale(boxStats(2.9f, 2.5f, 2.9f), {3, 3}), 1.0f);
  EXPECT_EQ(suggestedUnitScale(boxStats(290, 250, 290), {3, 3}), 0.01f);
  EXPECT_EQ(suggestedUnitScale(boxStats(2900, 2500, 2900), {3, 3}), 0.001f);
  ImportedModel m;
  m.stats = boxStats(290, 250, 290);
  PlacementReport r;
  appendModelChecks(r, m, {3, 3}, BoothBudget{});
  EXPECT_FALSE(passed(r, "units"));
  EXPECT_NE(find(r, "units")->detail.find("--scale 0.01"), std::string::npos);
  m.stats = boxStats(2900, 250, 2900);
  PlacementReport mm;
  appendModelChecks(mm, m, {3, 3}, BoothBudget{});
  EXPECT_NE(find(mm, "units")->detail.find("--scale 0.001"), std::string::npos);
}

TEST(PlaceRules, ImportScalesAModelAndRefusesNonModels) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / ("cx_place_import_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto file = cx::testing::writeTestModel("litCube", dir, true);
  ASSERT_TRUE(file.ok()) << file.message();
  auto one = importBoothModel(*file, 1.0f);
  ASSERT_TRUE(one.ok()) << one.message();
  auto big = importBoothModel(*file, 100.0f);
  ASSERT_TRUE(big.ok()) << big.message();
  float e1 = one->stats.boundsMax.x - one->stats.boundsMin.x;
  float e100 = big->stats.boundsMax.x - big->stats.boundsMin.x;
  EXPECT_NEAR(e100, 100.0f * e1, 1e-3f * e100);
  EXPECT_EQ(suggestedUnitScale(big->stats, {1, 1}), 0.01f);
  EXPECT_GT(one->fileBytes, 0u);
  EXPECT_EQ(one->stats.triangles, 12u);
  EXPECT_FALSE(importBoothModel("/etc/passwd").ok());
  EXPECT_FALSE(importBoothModel(dir / "missing.glb").ok());
  EXPECT_FALSE(importBoothModel(*file, 0.0f).ok());
  std::filesystem::remove_all(dir);
}

TEST(PlaceAuto, KeepsTheCurrentPlotWhenItFits) {
  Expo e = makePlaceTestExpo();
  AutoPlot a = findBestPlot(e, 0, boxStats(2.5f, 2, 2.5f));
  ASSERT_TRUE(a.booth.has_value()) << a.why;
  EXPECT_EQ(*a.booth, 0u);
  EXPECT_NE(a.why.find("current plot B1 fits"), std::string::npos) << a.why;
}

TEST(PlaceAuto, PrefersTheFreePlotNearestTheEntrance) {
  Expo e = makePlaceTestExpo();
  e.booths[2].footprint = {4, 4};  // B3 fits a 3.6 m model too, but B4 is nearer the entrance
  AutoPlot a = findBestPlot(e, 0, boxStats(3.6f, 2, 3.6f));
  ASSERT_TRUE(a.booth.has_value()) << a.why;
  EXPECT_EQ(e.booths[*a.booth].id, "B4") << a.why;
  EXPECT_EQ(a.candidates, 3u);
  // Only B3 fits a model 3.9 x 3.9 when B4 is smaller.
  e.booths[3].footprint = {3, 3};
  AutoPlot b = findBestPlot(e, 0, boxStats(3.9f, 2, 3.9f));
  ASSERT_TRUE(b.booth.has_value()) << b.why;
  EXPECT_EQ(e.booths[*b.booth].id, "B3");
  moveExhibitorToPlot(e, 0, *b.booth);
  EXPECT_EQ(e.booths[2].exhibitor, "E1");
  EXPECT_TRUE(e.booths[0].exhibitor.empty());
  EXPECT_EQ(e.exhibitors[0].booth, "B3");
}

TEST(PlaceAuto, SaysSoWhenNoPlotFits) {
  Expo e = makePlaceTestExpo();
  AutoPlot a = findBestPlot(e, 0, boxStats(5, 2, 5));
  EXPECT_FALSE(a.booth.has_value());
  EXPECT_NE(a.why.find("no plot fits"), std::string::npos) << a.why;
  AutoPlot tall = findBestPlot(e, 0, boxStats(2, 6, 2));
  EXPECT_FALSE(tall.booth.has_value());
}
