#include <unistd.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "cx/core/file.h"

namespace fs = std::filesystem;

TEST(CoreFile, MissingFileNamesThePath) {
  auto r = cx::readFileBytes("/nonexistent/dir/x.bin");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.message().find("/nonexistent/dir/x.bin"), std::string::npos);
  EXPECT_NE(r.message().find("no such file"), std::string::npos);
}

TEST(CoreFile, AtomicWriteReplacesAndLeavesNoTemp) {
  fs::path dir = fs::temp_directory_path() / ("cx_core_file_test_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::path file = dir / "a.json";
  ASSERT_TRUE(cx::writeFileAtomic(file, std::string_view("old")).ok());
  ASSERT_TRUE(cx::writeFileAtomic(file, std::string_view("new contents")).ok());
  auto text = cx::readFileText(file);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, "new contents");
  int entries = 0;
  for (auto& e : fs::directory_iterator(dir)) {
    (void)e;
    ++entries;
  }
  EXPECT_EQ(entries, 1);
  fs::remove_all(dir);
}

TEST(CoreFile, SizeLimitIsEnforced) {
  fs::path file = fs::temp_directory_path() / ("cx_core_limit_" + std::to_string(::getpid()) + ".bin");
  ASSERT_TRUE(cx::writeFileAtomic(file, std::string_view("0123456789")).ok());
  auto r = cx::readFileBytes(file, 4);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.message().find("over the limit"), std::string::npos);
  fs::remove(file);
}
