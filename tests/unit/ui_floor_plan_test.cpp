#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <set>

#include "cx/core/file.h"
#include "cx/ui/floor_plan.h"
#include "cx/ui/ui.h"
#include "image_compare.h"
#include "ui_test_expo.h"

namespace fs = std::filesystem;
using namespace cx::ui;

namespace {

fs::path tempDir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("cx_ui_" + name + "_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir;
}

double polygonArea(const std::vector<glm::vec2>& p, const std::vector<uint32_t>& tris) {
  double a = 0.0;
  for (size_t i = 0; i + 2 < tris.size(); i += 3) {
    const glm::vec2 u = p[tris[i + 1]] - p[tris[i]], v = p[tris[i + 2]] - p[tris[i]];
    a += std::abs(double(u.x) * v.y - double(u.y) * v.x) / 2.0;
  }
  return a;
}

}  // namespace

TEST(UiFloorPlan, WorldToMapPutsPlusZDownAndRoundTrips) {
  MapView v{{10, 20}, 4.0f, {100, 50}, {400, 300}};
  EXPECT_EQ(worldToMap(v, {10, 20}), glm::vec2(300, 200));
  EXPECT_GT(worldToMap(v, {10, 21}).y, 200.0f);  // +Z is down
  EXPECT_GT(worldToMap(v, {11, 20}).x, 300.0f);  // +X is right
  const glm::vec2 p = mapToWorld(v, worldToMap(v, {-3.5f, 7.25f}));
  EXPECT_NEAR(p.x, -3.5f, 1e-4f);
  EXPECT_NEAR(p.y, 7.25f, 1e-4f);
}

TEST(UiFloorPlan, FitShowsEverythingAndZoomKeepsTheAnchor) {
  MapView v = fitMapView({-50, 0}, {150, 40}, {0, 0}, {800, 600}, 10.0f);
  for (glm::vec2 corner : {glm::vec2(-50, 0), glm::vec2(150, 40), glm::vec2(-50, 40), glm::vec2(150, 0)}) {
    const glm::vec2 m = worldToMap(v, corner);
    EXPECT_GE(m.x, 9.99f);
    EXPECT_LE(m.x, 790.01f);
    EXPECT_GE(m.y, 0.0f);
    EXPECT_LE(m.y, 600.0f);
  }
  const glm::vec2 anchor(123, 45);
  const glm::vec2 before = mapToWorld(v, anchor);
  zoomMapAt(v, anchor, 3.0f);
  const glm::vec2 after = mapToWorld(v, anchor);
  EXPECT_NEAR(before.x, after.x, 1e-3f);
  EXPECT_NEAR(before.y, after.y, 1e-3f);
  panMap(v, {10, 0});  // dragging right moves the content right: the centre moves left in the world
  EXPECT_LT(mapToWorld(v, anchor).x, after.x);
}

TEST(UiFloorPlan, HitTestsRotatedBoothsAndConcavePavilions) {
  const auto e = cx::uitest::makeUiTestExpo();
  const auto scene = cx::expo::buildScene(e);
  EXPECT_EQ(hitTestBooth(scene, {10, 10}), 0u);
  EXPECT_EQ(hitTestBooth(scene, {11.4f, 11.4f}), 0u);
  EXPECT_EQ(hitTestBooth(scene, {11.6f, 10}), cx::expo::kNoIndex);
  // B002 is 6x3 turned 90 degrees: 3 wide in x, 6 deep in z.
  EXPECT_EQ(hitTestBooth(scene, {20, 12.9f}), 1u);
  EXPECT_EQ(hitTestBooth(scene, {21.6f, 10}), cx::expo::kNoIndex);
  // B003 is 4x4 turned 45 degrees: a diamond.
  EXPECT_EQ(hitTestBooth(scene, {32.5f, 20}), 2u);
  EXPECT_EQ(hitTestBooth(scene, {32.2f, 21.8f}), cx::expo::kNoIndex);
  EXPECT_EQ(hitTestPavilion(e, {55, 20}), 1u);
  EXPECT_EQ(hitTestPavilion(e, {75, 20}), cx::expo::kNoIndex);  // the L's notch
  EXPECT_EQ(hitTestPavilion(e, {5, 5}), 0u);
}

TEST(UiFloorPlan, TriangulatesConcaveFloors) {
  const auto e = cx::uitest::makeUiTestExpo();
  const auto& l = e.pavilions[1].floor;
  const auto tris = triangulatePolygon(l);
  EXPECT_EQ(tris.size(), 3 * (l.size() - 2));
  EXPECT_NEAR(polygonArea(l, tris), 600.0, 1e-3);
  std::vector<glm::vec2> cw(l.rbegin(), l.rend());
  EXPECT_NEAR(polygonArea(cw, triangulatePolygon(cw)), 600.0, 1e-3);
  EXPECT_TRUE(triangulatePolygon({{0, 0}, {1, 0}}).empty());
}

TEST(UiFloorPlan, HeadingFollowsTheYawConvention) {
  EXPECT_NEAR(headingDirection(0.0f).y, -1.0f, 1e-6f);                 // yaw 0 looks along -Z (map up)
  EXPECT_NEAR(headingDirection(glm::radians(90.0f)).x, -1.0f, 1e-6f);  // +90 turns left, to -X
}

TEST(UiFloorPlan, FillPolygonCoversPixelCentres) {
  RgbaImage img{10, 10, std::vector<uint8_t>(400, 0)};
  fillPolygon(img, {{2, 2}, {6, 2}, {6, 6}, {2, 6}}, {255, 0, 0, 255});
  int count = 0;
  for (int i = 0; i < 100; ++i) count += img.rgba[size_t(i) * 4] == 255;
  EXPECT_EQ(count, 16);
  EXPECT_EQ(img.rgba[(2 * 10 + 2) * 4], 255);
  EXPECT_EQ(img.rgba[(6 * 10 + 6) * 4], 0);
  fillPolygon(img, {{-100, -100}, {100, -100}, {100, 100}}, {0, 255, 0, 255});  // clipped, no crash
}

TEST(UiFloorPlan, SvgHasOneTitledPolygonPerBoothAtItsPosition) {
  const auto e = cx::uitest::makeUiTestExpo();
  const auto scene = cx::expo::buildScene(e);
  FloorPlanExportOptions o;
  o.highlightBooth = 3;
  const fs::path path = tempDir("svg") / "plan.svg";
  ASSERT_TRUE(exportFloorPlanSvg(e, scene, path, o).ok());
  const auto text = cx::readFileText(path);
  ASSERT_TRUE(text.ok());
  const std::string& svg = *text;

  const std::regex boothRe("<polygon id=\"booth-([^\"]+)\"[^>]*points=\"([^\"]+)\"[^>]*>");
  std::set<std::string> seen;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), boothRe); it != std::sregex_iterator(); ++it) {
    const std::string id = (*it)[1];
    EXPECT_TRUE(seen.insert(id).second) << "duplicate " << id;
    const cx::expo::Booth* booth = nullptr;
    for (const auto& b : e.booths)
      if (b.id == id) booth = &b;
    ASSERT_NE(booth, nullptr) << id;
    std::istringstream pts((*it)[2].str());
    glm::vec2 sum(0.0f);
    int n = 0;
    float x, y;
    char comma;
    while (pts >> x >> comma >> y) sum += glm::vec2(x, y), ++n;
    ASSERT_EQ(n, 4) << id;
    EXPECT_NEAR(sum.x / 4, booth->position.x, 0.01f) << id;
    EXPECT_NEAR(sum.y / 4, booth->position.y, 0.01f) << id;  // SVG y is world z
  }
  EXPECT_EQ(seen.size(), e.booths.size());
  EXPECT_NE(svg.find("<polygon id=\"pavilion-hall-a\""), std::string::npos);
  EXPECT_NE(svg.find("<polygon id=\"pavilion-hall-b\""), std::string::npos);
  EXPECT_NE(svg.find("<title>삼성전자 배터리 (Samsung Battery)</title>"), std::string::npos);
  EXPECT_NE(svg.find("<title>Caffè Rossi &amp; Figli (Rossi &lt;Coffee&gt;)</title>"), std::string::npos);
  EXPECT_NE(svg.find("id=\"booth-B004\" class=\"highlight\""), std::string::npos);
  EXPECT_NE(svg.find("fill=\"#ff0000\""), std::string::npos);
  fs::remove_all(path.parent_path());
}

TEST(UiFloorPlan, PngHasRequestedSizeBoothColoursAndRedHighlight) {
  const auto e = cx::uitest::makeUiTestExpo();
  const auto scene = cx::expo::buildScene(e);
  FloorPlanExportOptions o;
  o.width = 800;
  o.height = 600;
  o.highlightBooth = 3;  // B004
  const fs::path path = tempDir("png") / "plan.png";
  ASSERT_TRUE(exportFloorPlanPng(e, scene, path, o).ok());
  cx::testing::RgbaImage img;
  std::string err;
  ASSERT_TRUE(cx::testing::loadPng(path, img, &err)) << err;
  ASSERT_EQ(img.width, 800u);
  ASSERT_EQ(img.height, 600u);

  int w = 0, h = 0;
  const MapView view = exportMapView(e, scene, o, w, h);
  const auto pixel = [&](glm::vec2 world) {
    const glm::vec2 m = worldToMap(view, world);
    const size_t i = (size_t(m.y) * img.width + size_t(m.x)) * 4;
    return Rgba8{img.rgba[i], img.rgba[i + 1], img.rgba[i + 2], img.rgba[i + 3]};
  };
  std::set<uint32_t> colours;
  for (size_t i = 0; i < img.rgba.size(); i += 4)
    colours.insert(uint32_t(img.rgba[i]) << 16 | uint32_t(img.rgba[i + 1]) << 8 | img.rgba[i + 2]);
  EXPECT_GT(colours.size(), 5u);  // not blank
  EXPECT_EQ(pixel({10, 10}), boothColor(e, scene, 0));
  EXPECT_EQ(pixel({30, 20}), boothColor(e, scene, 2));
  EXPECT_EQ(pixel({55, 26}), kFreePlotColor);
  EXPECT_EQ(pixel({70, 5}), kHighlightColor);
  EXPECT_EQ(pixel({5, 25}), pavilionColor(e.pavilions[0]));
  EXPECT_EQ(pixel({80, 25}), kBackgroundColor);  // the L's notch
  fs::remove_all(path.parent_path());
}

TEST(UiFloorPlan, ExportReportsUnwritablePaths) {
  const auto e = cx::uitest::makeUiTestExpo();
  const auto scene = cx::expo::buildScene(e);
  EXPECT_FALSE(exportFloorPlanPng(e, scene, "/nonexistent-cx-dir/plan.png").ok());
  EXPECT_FALSE(exportFloorPlanSvg(e, scene, "/nonexistent-cx-dir/plan.svg").ok());
}
