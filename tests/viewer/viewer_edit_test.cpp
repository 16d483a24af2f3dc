// Exhibitor edit mode driven by the viewer's --script in --offscreen mode (validation on): drag the
// booth into its neighbour and see the violation in `state`, narrow the aisle, undo, refuse to save
// an invalid layout, drag it back, save, reload (run again) and see the new position.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "../unit/place_test_expo.h"
#include "cx/core/file.h"
#include "cx/expo/manifest.h"
#include "run_command.h"
#include "viewer_run.h"
#include "test_models.h"

namespace fs = std::filesystem;
using namespace cx;

namespace {

int runEditViewer(const std::string& args, const fs::path& dir, std::string* output) {
  cx::testing::CommandRun r = cx::testing::runViewerBinary(args, dir);
  *output = r.output;
  return r.exitCode;
}

using cx::testing::readJson;

bool hasViolation(const nlohmann::json& edit, const std::string& rule) {
  for (const auto& v : edit["violations"])
    if (v["rule"] == rule) return true;
  return false;
}

}  // namespace

TEST(ViewerEdit, DragIntoNeighbourThenBackSaveAndReload) {
  fs::path dir = fs::temp_directory_path() / ("cx-viewer-edit-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "models");
  ASSERT_TRUE(cx::testing::writeTestModel("litCube", dir / "models", true).ok());
  ASSERT_TRUE(expo::saveExpoManifest(placetest::makePlaceTestExpo(), dir / "expo.json").ok());
  auto original = readFileText(dir / "expo.json");
  ASSERT_TRUE(original.ok());

  std::ofstream(dir / "edit.txt") << "waitload\n"
                                     "wait 2\n"
                                     "state "
                                  << (dir / "s0.json").string()
                                  << "\n"
                                     "drag 9 5\n"
                                     "state "
                                  << (dir / "s1.json").string()
                                  << "\n"
                                     "drag 7 5\n"
                                     "state "
                                  << (dir / "s2.json").string()
                                  << "\n"
                                     "undo\n"
                                     "state "
                                  << (dir / "s3.json").string()
                                  << "\n"
                                     "save\n"
                                     "drag 5 6\n"
                                     "rotate 90\n"
                                     "state "
                                  << (dir / "s4.json").string()
                                  << "\n"
                                     "screenshot "
                                  << (dir / "edit.png").string()
                                  << "\n"
                                     "save\n"
                                     "state "
                                  << (dir / "s5.json").string()
                                  << "\n"
                                     "quit\n";
  std::string out;
  int code = runEditViewer(dir.string() + " --offscreen --validation --size 320x240 --edit E1 --script " +
                           (dir / "edit.txt").string(),
                       dir, &out);
  ASSERT_EQ(code, 0) << out;

  nlohmann::json s0 = readJson(dir / "s0.json")["edit"];
  ASSERT_TRUE(s0.is_object()) << out;
  EXPECT_EQ(s0["booth"], "B1");
  EXPECT_EQ(s0["valid"], true) << s0.dump(2);

  nlohmann::json s1 = readJson(dir / "s1.json")["edit"];
  EXPECT_EQ(s1["position"][0], 9.0);
  EXPECT_EQ(s1["valid"], false);
  EXPECT_TRUE(hasViolation(s1, "no-overlap")) << s1.dump(2);
  ASSERT_EQ(s1["overlapping"].size(), 1u);
  EXPECT_EQ(s1["overlapping"][0], "B2");
  // The booth's render instance moved with it.
  EXPECT_NEAR(s1["instancePosition"][0].get<double>(), 9.0, 1e-4) << s1.dump(2);
  EXPECT_NEAR(s1["instancePosition"][2].get<double>(), 5.0, 1e-4);

  nlohmann::json s2 = readJson(dir / "s2.json")["edit"];
  EXPECT_TRUE(hasViolation(s2, "aisle-clearance")) << s2.dump(2);
  ASSERT_EQ(s2["narrowGaps"].size(), 1u);
  EXPECT_NEAR(s2["narrowGaps"][0]["width"].get<double>(), 1.0, 1e-3);

  nlohmann::json s3 = readJson(dir / "s3.json")["edit"];
  EXPECT_EQ(s3["position"][0], 9.0) << "undo did not go back to the previous pose";
  EXPECT_EQ(s3["redo"], 1);

  // The invalid layout was not saved.
  nlohmann::json s4 = readJson(dir / "s4.json")["edit"];
  EXPECT_EQ(s4["valid"], true) << s4.dump(2);
  EXPECT_EQ(s4["rotationDeg"], 90.0);
  EXPECT_NE(out.find("not saved"), std::string::npos) << out;

  nlohmann::json s5 = readJson(dir / "s5.json")["edit"];
  EXPECT_EQ(s5["dirty"], false) << s5.dump(2);
  EXPECT_TRUE(fs::exists(dir / "edit.png"));

  auto saved = expo::loadExpoManifest(dir / "expo.json");
  ASSERT_TRUE(saved.ok()) << saved.message();
  EXPECT_EQ(saved->booths[0].position, glm::vec2(5, 6));
  EXPECT_EQ(saved->booths[0].rotationDeg, 90.0f);
  EXPECT_EQ(saved->booths[1].position, glm::vec2(11, 5)) << "a locked booth moved";

  // Reload: a fresh viewer shows the saved position.
  std::ofstream(dir / "reload.txt") << "waitload\nwait 1\nstate " << (dir / "r.json").string() << "\nquit\n";
  code = runEditViewer(dir.string() + " --offscreen --validation --size 160x120 --edit E1 --script " +
                       (dir / "reload.txt").string(),
                   dir, &out);
  ASSERT_EQ(code, 0) << out;
  nlohmann::json r = readJson(dir / "r.json")["edit"];
  EXPECT_EQ(r["position"][0], 5.0) << r.dump(2);
  EXPECT_EQ(r["position"][1], 6.0);
  EXPECT_NEAR(r["instancePosition"][2].get<double>(), 6.0, 1e-4);

  // An unknown exhibitor is refused.
  code = runEditViewer(dir.string() + " --offscreen --edit NOPE --frames 1", dir, &out);
  EXPECT_NE(code, 0) << out;
  fs::remove_all(dir);
}
