// expo-tool place end to end: exit codes, the report, --dry-run, --auto, path safety.
#include <unistd.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <glm/gtc/matrix_transform.hpp>
#include <string>

#include "cx/assets/gltf.h"
#include "cx/core/file.h"
#include "cx/core/path.h"
#include "cx/expo/manifest.h"
#include "cx/expo/placement.h"
#include "place_test_expo.h"
#include "test_models.h"

namespace fs = std::filesystem;
using namespace cx;

namespace {

fs::path makeExpoDir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("cx_place_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "models");
  EXPECT_TRUE(cx::testing::writeTestModel("litCube", dir / "models", true).ok());
  EXPECT_TRUE(expo::saveExpoManifest(placetest::makePlaceTestExpo(), dir / "expo.json").ok());
  return dir;
}

struct ToolRun {
  int code = -1;
  std::string out;
};

ToolRun place(const std::string& args) {
  std::string cmd = std::string(CX_TOOL_PATH) + " place " + args + " 2>&1";
  ToolRun r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string manifestText(const fs::path& dir) {
  auto t = readFileText(dir / "expo.json");
  return t ? *t : std::string();
}

}  // namespace

TEST(PlaceCli, PlacesAModelAndUpdatesTheManifest) {
  fs::path dir = makeExpoDir("ok");
  fs::path model = dir / "models" / "litCube.glb";
  std::string before = manifestText(dir);
  ToolRun dry = place(dir.string() + " --exhibitor E1 --model " + model.string() + " --at 5,6 --dry-run");
  EXPECT_EQ(dry.code, 0) << dry.out;
  EXPECT_NE(dry.out.find("dry run"), std::string::npos) << dry.out;
  EXPECT_EQ(manifestText(dir), before) << "--dry-run changed the manifest";
  EXPECT_FALSE(fs::exists(dir / "booths"));
  // Every rule is listed, passed or failed, with numbers.
  for (const char* rule : {"model-load", "units", "budget-triangles", "budget-textures", "budget-materials",
                           "budget-file-size", "inside-floor", "no-overlap", "aisle-clearance",
                           "height-limit", "model-fits-plot", "paths-reachable"})
    EXPECT_NE(dry.out.find(std::string("PASS  ") + rule), std::string::npos) << rule << "\n" << dry.out;

  ToolRun ok = place(dir.string() + " --exhibitor E1 --model " + model.string() + " --at 5,6 --rot 90");
  ASSERT_EQ(ok.code, 0) << ok.out;
  auto loaded = expo::loadExpoManifest(dir / "expo.json");
  ASSERT_TRUE(loaded.ok()) << loaded.message();
  EXPECT_EQ(loaded->booths[0].position, glm::vec2(5, 6));
  EXPECT_EQ(loaded->booths[0].rotationDeg, 90.0f);
  EXPECT_EQ(loaded->booths[0].model, "booths/E1-litCube.glb");
  EXPECT_TRUE(fs::exists(dir / "booths" / "E1-litCube.glb"));
  fs::remove_all(dir);
}

TEST(PlaceCli, RuleViolationExitsOneAndWritesNothing) {
  fs::path dir = makeExpoDir("violation");
  fs::path model = dir / "models" / "litCube.glb";
  std::string before = manifestText(dir);
  ToolRun r = place(dir.string() + " --exhibitor E1 --model " + model.string() + " --at 9,5");
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("FAIL  no-overlap"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("PASS  budget-triangles"), std::string::npos) << r.out;
  EXPECT_EQ(manifestText(dir), before);
  EXPECT_FALSE(fs::exists(dir / "booths"));
  fs::remove_all(dir);
}

TEST(PlaceCli, WrongUnitsAreReportedWithTheFix) {
  fs::path dir = makeExpoDir("units");
  auto cube = cx::testing::makeTestModel("litCube");
  ASSERT_TRUE(cube.ok());
  for (auto& inst : cube->instances) inst.world = glm::scale(glm::mat4(1.0f), glm::vec3(250.0f)) * inst.world;
  assets::computeBounds(*cube);
  ASSERT_TRUE(assets::writeGltf(dir / "cm.glb", *cube).ok());
  ToolRun r = place(dir.string() + " --exhibitor E1 --model " + (dir / "cm.glb").string());
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("FAIL  units"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--scale 0.01"), std::string::npos) << r.out;
  ToolRun fixed =
      place(dir.string() + " --exhibitor E1 --model " + (dir / "cm.glb").string() + " --scale 0.01");
  EXPECT_EQ(fixed.code, 0) << fixed.out;
  // The copy is written scaled, so the expo sees metres.
  auto copy = assets::loadGltf(dir / "booths" / "E1-cm.glb");
  ASSERT_TRUE(copy.ok()) << copy.message();
  EXPECT_LT(copy->boundsMax.x - copy->boundsMin.x, 3.0f);
  fs::remove_all(dir);
}

TEST(PlaceCli, AutoFindsAFreePlotOrSaysNone) {
  fs::path dir = makeExpoDir("auto");
  auto cube = cx::testing::makeTestModel("litCube");
  ASSERT_TRUE(cube.ok());
  // 3.6 m wide: too big for B1 (3x3) and B3, fits B4 (4x4).
  for (auto& inst : cube->instances)
    inst.world = glm::scale(glm::mat4(1.0f), glm::vec3(3.6f, 1.0f, 3.6f)) * inst.world;
  assets::computeBounds(*cube);
  ASSERT_TRUE(assets::writeGltf(dir / "wide.glb", *cube).ok());
  ToolRun r = place(dir.string() + " --exhibitor E1 --model " + (dir / "wide.glb").string() + " --auto");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("free plot B4"), std::string::npos) << r.out;
  auto loaded = expo::loadExpoManifest(dir / "expo.json");
  ASSERT_TRUE(loaded.ok()) << loaded.message();
  EXPECT_EQ(loaded->exhibitors[0].booth, "B4");
  EXPECT_EQ(loaded->booths[3].exhibitor, "E1");
  EXPECT_TRUE(loaded->booths[0].exhibitor.empty());
  // E2's plot is 3x3 and no free plot is left that fits: exit 1, said so.
  ToolRun none = place(dir.string() + " --exhibitor E2 --model " + (dir / "wide.glb").string() + " --auto");
  EXPECT_EQ(none.code, 1) << none.out;
  EXPECT_NE(none.out.find("no plot fits"), std::string::npos) << none.out;
  fs::remove_all(dir);
}

TEST(PlaceCli, BadInputExitsTwo) {
  fs::path dir = makeExpoDir("bad");
  std::string model = (dir / "models" / "litCube.glb").string();
  std::string before = manifestText(dir);
  EXPECT_EQ(place(dir.string() + " --exhibitor NOPE --model " + model).code, 2);
  EXPECT_EQ(place((dir / "missing").string() + " --exhibitor E1 --model " + model).code, 2);
  EXPECT_EQ(place(dir.string() + " --exhibitor E1 --model " + model + " --at nonsense").code, 2);
  EXPECT_EQ(place(dir.string() + " --exhibitor E1 --model " + model + " --at 1,2 --auto").code, 2);
  EXPECT_EQ(manifestText(dir), before);
  fs::remove_all(dir);
}

TEST(PlacePathSafety, HostileNamesAreRefusedOrSanitised) {
  EXPECT_EQ(expo::sanitizeFileName("../../etc/passwd"), "passwd");
  EXPECT_EQ(expo::sanitizeFileName("a/b c.glb"), "b_c.glb");
  EXPECT_EQ(expo::sanitizeFileName("..\\..\\x.glb"), "x.glb");
  EXPECT_EQ(expo::sanitizeFileName(".."), "model");
  EXPECT_EQ(expo::sanitizeFileName(".hidden.glb"), "hidden.glb");
  EXPECT_EQ(expo::sanitizeFileName("a..b.glb"), "a.b.glb");
  EXPECT_EQ(expo::sanitizeFileName("展台.glb"), "______.glb");
  for (const char* hostile : {"../../etc/passwd", "/abs/x.glb", "a/../../b.glb", "..", "", "x:y?.glb"}) {
    std::string rel = expo::boothModelRelativePath("../E1", hostile);
    EXPECT_TRUE(isSafeRelativePath(rel)) << hostile << " -> " << rel;
    EXPECT_EQ(rel.rfind("booths/", 0), 0u) << rel;
    EXPECT_EQ(rel.find(".."), std::string::npos) << rel;
  }

  fs::path dir = makeExpoDir("paths");
  std::string before = manifestText(dir);
  // Not a model: refused as bad input, nothing copied.
  ToolRun passwd = place(dir.string() + " --exhibitor E1 --model ../../etc/passwd");
  EXPECT_EQ(passwd.code, 2) << passwd.out;
  // A --name with a path is refused.
  std::string model = (dir / "models" / "litCube.glb").string();
  ToolRun slash = place(dir.string() + " --exhibitor E1 --model " + model + " --name ../../evil.glb");
  EXPECT_EQ(slash.code, 2) << slash.out;
  EXPECT_EQ(manifestText(dir), before);
  EXPECT_FALSE(fs::exists(dir / "booths"));
  EXPECT_FALSE(fs::exists(dir.parent_path() / "evil.glb"));
  // A model file named with odd characters lands under a sanitised name inside the expo.
  fs::copy_file(model, dir / "my booth (v2).glb");
  ToolRun odd =
      place(dir.string() + " --exhibitor E1 --model \"" + (dir / "my booth (v2).glb").string() + "\"");
  EXPECT_EQ(odd.code, 0) << odd.out;
  EXPECT_TRUE(fs::exists(dir / "booths" / "E1-my_booth__v2_.glb"));
  fs::remove_all(dir);
}
