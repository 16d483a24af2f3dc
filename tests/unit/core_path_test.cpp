#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "cx/core/path.h"

namespace fs = std::filesystem;

TEST(CorePath, AcceptsPlainRelativePaths) {
  for (const char* p :
       {"expo.json", "models/shell-3x3.glb", "./models/a.glb", "a//b.png", "..a/b..c/x.glb", "名前/模型.glb"})
    EXPECT_TRUE(cx::isSafeRelativePath(p)) << p;
}

TEST(CorePath, RejectsEscapesAndOddCharacters) {
  struct Case {
    const char* path;
    const char* why;
  };
  const Case cases[] = {
      {"", "empty path"},
      {"/etc/passwd", "absolute path, expected one relative to the root"},
      {"../x.glb", "'..' in path, it must stay inside the root"},
      {"models/../../x.glb", "'..' in path, it must stay inside the root"},
      {"models/..", "'..' in path, it must stay inside the root"},
      {"..", "'..' in path, it must stay inside the root"},
      {"C:/Windows/x.glb", "':' in path (drive letter or URL scheme?), expected a relative path"},
      {"https://evil.example/x.glb", "':' in path (drive letter or URL scheme?), expected a relative path"},
      {"models\\..\\x.glb", "backslash in path, use '/'"},
      {"models/%2e%2e/x.glb", "'?', '#' or '%' in path"},
      {"a\nb", "control character in path"},
  };
  for (const Case& c : cases) {
    std::string why;
    EXPECT_FALSE(cx::isSafeRelativePath(c.path, &why)) << c.path;
    EXPECT_EQ(why, c.why) << c.path;
  }
  EXPECT_FALSE(cx::isSafeRelativePath(std::string(1025, 'a')));
}

class CorePathRoot : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() /
            ("cx_core_path_" + std::to_string(::getpid()));
    fs::remove_all(base_);
    root_ = base_ / "expo";
    fs::create_directories(root_ / "models");
    fs::create_directories(base_ / "outside");
    std::ofstream(base_ / "outside" / "secret.glb") << "x";
    std::ofstream(root_ / "models" / "a.glb") << "x";
  }
  void TearDown() override { fs::remove_all(base_); }
  fs::path base_, root_;
};

TEST_F(CorePathRoot, ResolvesInsideTheRoot) {
  auto r = cx::resolveInsideRoot(root_, "models/a.glb");
  ASSERT_TRUE(r.ok()) << r.message();
  EXPECT_EQ(*r, root_ / "models" / "a.glb");
  auto missing = cx::resolveInsideRoot(root_, "models/not-yet.glb");  // need not exist
  EXPECT_TRUE(missing.ok()) << missing.message();
}

TEST_F(CorePathRoot, RefusesSymlinkOutOfTheRoot) {
  fs::create_directory_symlink(base_ / "outside", root_ / "linked");
  fs::create_symlink(base_ / "outside" / "secret.glb", root_ / "models" / "b.glb");
  auto viaDir = cx::resolveInsideRoot(root_, "linked/secret.glb");
  ASSERT_FALSE(viaDir.ok());
  EXPECT_EQ(viaDir.message(), "linked/secret.glb: resolves through a symlink to " +
                                  fs::canonical(base_ / "outside" / "secret.glb").string() +
                                  ", outside the root");
  auto viaFile = cx::resolveInsideRoot(root_, "models/b.glb");
  ASSERT_FALSE(viaFile.ok());
  EXPECT_NE(viaFile.message().find("outside the root"), std::string::npos);
}

TEST_F(CorePathRoot, AllowsSymlinkThatStaysInside) {
  fs::create_directory_symlink(root_ / "models", root_ / "alias");
  auto r = cx::resolveInsideRoot(root_, "alias/a.glb");
  EXPECT_TRUE(r.ok()) << r.message();
}

TEST_F(CorePathRoot, RootReachedThroughSymlinkStillWorks) {
  fs::create_directory_symlink(root_, base_ / "root-link");
  auto r = cx::resolveInsideRoot(base_ / "root-link", "models/a.glb");
  EXPECT_TRUE(r.ok()) << r.message();
}

TEST_F(CorePathRoot, LexicalEscapeIsRefusedBeforeTouchingDisk) {
  auto r = cx::resolveInsideRoot(root_, "../outside/secret.glb");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.message(), "../outside/secret.glb: '..' in path, it must stay inside the root");
}
