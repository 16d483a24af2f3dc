// The viewer opens an expo by URL (tests/support/http_test_server.py serving the bundled sample on
// 127.0.0.1), shows it before the booth styles have arrived, streams the rest in, lists a file
// that failed, and opens the same expo again with --offline from the disk cache alone.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "../unit/io_test_server.h"
#include "run_command.h"
#include "viewer_run.h"

namespace fs = std::filesystem;

namespace {

using cx::testing::kSampleExpo;
using ViewerRun = cx::testing::CommandRun;
using cx::testing::readJson;

// Runs the viewer offscreen with validation on and its own cache folder ($XDG_CACHE_HOME).
ViewerRun runWithOwnCache(const std::string& args, const fs::path& dir) {
  return cx::testing::runViewerBinary("--offscreen --validation --size 320x180 " + args, dir,
                                      "XDG_CACHE_HOME=" + (dir / "cache").string() + " ");
}

void writeScript(const fs::path& dir) {
  // The first state is written on the first frame.
  std::ofstream(dir / "script.txt") << "state " << (dir / "first.json").string() << "\nwaitload\nstate "
                                    << (dir / "done.json").string() << "\nquit\n";
}

TEST(ViewerUrl, OpensByUrlStreamsInAndListsAFailedFile) {
  cx::io::test::ScratchDir dir("viewer_url");
  // Booth styles answer 4 s late and one style is missing: the first frame comes with the pavilions.
  cx::io::test::TestServer server(kSampleExpo, dir.path(),
                                  {"--delay-glb", "4", "--no-delay", "/models/pavilion-", "--not-found", "/models/studio.glb"});
  CX_REQUIRE_SERVER(server);
  writeScript(dir.path());
  ViewerRun run = runWithOwnCache(server.url("/expo.json") + " --script " + (dir.path() / "script.txt").string(), dir.path());
  ASSERT_EQ(run.exitCode, 0) << run.output;
  nlohmann::json first = readJson(dir.path() / "first.json");
  nlohmann::json done = readJson(dir.path() / "done.json");
  ASSERT_TRUE(first.is_object() && done.is_object()) << run.output;
  const nlohmann::json& a = first["loading"];
  EXPECT_EQ(a["stage"], "streaming") << a.dump();
  EXPECT_LT(a["modelsReady"].get<int>(), a["modelsTotal"].get<int>()) << a.dump();
  EXPECT_EQ(a["filesTotal"], 14) << a.dump();  // expo.json + 7 pavilions + 6 booth styles
  const nlohmann::json& b = done["loading"];
  EXPECT_EQ(b["stage"], "complete") << b.dump();
  EXPECT_EQ(b["filesDone"], b["filesTotal"]) << b.dump();
  EXPECT_EQ(b["filesFailed"], 1) << b.dump();
  ASSERT_EQ(b["errors"].size(), 1u) << b.dump();
  EXPECT_EQ(b["errors"][0], server.url("/models/studio.glb") + ": HTTP 404");
  EXPECT_EQ(done["loadErrors"], b["errors"]);
  EXPECT_NE(run.output.find("first frame ready after"), std::string::npos) << run.output;
  std::printf("[ viewer ] %s\n", b.dump().c_str());
}

TEST(ViewerUrl, OfflineOpensTheCachedExpoWithTheServerStopped) {
  cx::io::test::ScratchDir dir("viewer_offline");
  writeScript(dir.path());
  std::string url;
  {
    cx::io::test::TestServer server(kSampleExpo, dir.path());
    CX_REQUIRE_SERVER(server);
    url = server.url("/expo.json");
    ViewerRun online = runWithOwnCache(url + " --script " + (dir.path() / "script.txt").string(), dir.path());
    ASSERT_EQ(online.exitCode, 0) << online.output;
    EXPECT_EQ(readJson(dir.path() / "done.json")["loading"]["fromCache"], 0);
  }  // the server is stopped here
  ViewerRun offline = runWithOwnCache(url + " --offline --script " + (dir.path() / "script.txt").string(), dir.path());
  ASSERT_EQ(offline.exitCode, 0) << offline.output;
  nlohmann::json done = readJson(dir.path() / "done.json");
  const nlohmann::json& b = done["loading"];
  EXPECT_EQ(b["stage"], "complete") << b.dump();
  EXPECT_EQ(b["filesFailed"], 0) << b.dump();
  EXPECT_EQ(b["fromCache"], b["filesTotal"]) << b.dump();
  EXPECT_TRUE(done["loadErrors"].empty()) << done.dump();

  // Offline with nothing cached for that URL: one clear line and a non-zero exit.
  ViewerRun missing = runWithOwnCache(url.substr(0, url.size() - 9) + "nothing.json --offline", dir.path());
  EXPECT_NE(missing.exitCode, 0);
  EXPECT_NE(missing.output.find("not in the offline cache"), std::string::npos) << missing.output;
}

}  // namespace
