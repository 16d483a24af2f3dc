#include <gtest/gtest.h>

#include "cx/io/expo_locator.h"
#include "io_test_server.h"

namespace fs = std::filesystem;
using cx::io::resolveExpoLocator;

TEST(IoExpoLocator, ResolvesInsideTheExpoRootOfAUrl) {
  auto r = resolveExpoLocator("https://cdn.example/expo/expo.json", "models/a.glb");
  ASSERT_TRUE(r.ok()) << r.message();
  EXPECT_EQ(*r, "https://cdn.example/expo/models/a.glb");
  auto dotted = resolveExpoLocator("https://cdn.example/a/../expo/expo.json", "./models//b.glb");
  ASSERT_TRUE(dotted.ok()) << dotted.message();
  EXPECT_EQ(*dotted, "https://cdn.example/expo/models//b.glb");
}

TEST(IoExpoLocator, RefusesEverythingThatEscapes) {
  const char* manifest = "https://cdn.example/expo/expo.json";
  for (const char* bad :
       {"../x", "models/../../x", "/etc/passwd", "%2e%2e/x", "%2E%2E/x", "models/%2e%2e/%2e%2e/x",
        "http://other/x", "//other/x", "https://cdn.example/other/x", "models\\..\\x", "file:///etc/passwd",
        "", "a.glb?x=1", "a\nb"}) {
    auto r = resolveExpoLocator(manifest, bad);
    EXPECT_FALSE(r.ok()) << "accepted \"" << bad << "\" as " << (r.ok() ? *r : "");
    if (!r.ok()) {
      EXPECT_NE(r.message().find(manifest), std::string::npos) << r.message();
    }
  }
}

TEST(IoExpoLocator, RefusesABadManifestUrl) {
  EXPECT_FALSE(resolveExpoLocator("ftp://cdn.example/expo/expo.json", "a.glb").ok());
  EXPECT_FALSE(resolveExpoLocator("https://user@cdn.example/expo/expo.json", "a.glb").ok());
}

TEST(IoExpoLocator, LocalManifestStaysInsideItsFolder) {
  cx::io::test::ScratchDir dir("locator_local");
  cx::io::test::writeFile(dir.path() / "expo/expo.json", "{}");
  cx::io::test::writeFile(dir.path() / "secret.txt", "no");
  std::string manifest = (dir.path() / "expo/expo.json").string();
  auto ok = resolveExpoLocator(manifest, "models/a.glb");
  ASSERT_TRUE(ok.ok()) << ok.message();
  EXPECT_EQ(fs::path(*ok), dir.path() / "expo/models/a.glb");
  EXPECT_FALSE(resolveExpoLocator(manifest, "../secret.txt").ok());
  EXPECT_FALSE(resolveExpoLocator(manifest, "/etc/passwd").ok());
  fs::create_symlink(dir.path(), dir.path() / "expo/up");
  EXPECT_FALSE(resolveExpoLocator(manifest, "up/secret.txt").ok());
}
