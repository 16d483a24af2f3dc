#include <gtest/gtest.h>

#include "cx/ui/links.h"

using cx::ui::isOpenableUrl;
using cx::ui::openUrlArgv;

TEST(UiLinks, RefusesNonHttpSchemesAndMissingHosts) {
  for (const char* url :
       {"file:///etc/passwd", "FILE:///etc/passwd", "javascript:alert(1)", "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>", "mailto:someone@example.com", "ftp://example.com/x",
        "vbscript:msgbox", "https://", "http:///path", "https:example.com", "//example.com/x", "example.com",
        "", "https://user@example.com/"}) {
    std::string why;
    EXPECT_FALSE(isOpenableUrl(url, &why)) << url;
    EXPECT_FALSE(why.empty()) << url;
  }
}

TEST(UiLinks, RefusesSpacesControlAndShellCharacters) {
  for (const char* url : {"https://example.com/a b", "https://example.com/\n", "https://example.com/\t",
                          "https://example.com/\"x\"", "https://example.com/`id`", "https://example.com/<x>",
                          "https://example.com/a|b", "https://example.com/{a}", "https://example.com/a\\b",
                          "https://例子.com/", "https://example.com/caf\xc3\xa9"}) {
    EXPECT_FALSE(isOpenableUrl(url)) << url;
  }
}

TEST(UiLinks, AcceptsOrdinaryLinks) {
  for (const char* url : {"https://example.com", "http://example.com/path?q=1&r=2#frag",
                          "HTTPS://Example.COM/A", "https://shop.example.co.kr:8443/item;id=3?x='y'&z=$1",
                          "https://[::1]:8080/x", "https://live.example.com/%E4%B8%AD"}) {
    std::string why;
    EXPECT_TRUE(isOpenableUrl(url, &why)) << url << ": " << why;
  }
}

TEST(UiLinks, ArgvIsExactlyXdgOpenAndTheUrl) {
  for (const char* url : {"https://example.com/a;b", "https://example.com/a b\"c;rm -rf ~",
                          "https://x.y/$(id)`id`'q'", "javascript:alert(1)"}) {
    const auto argv = openUrlArgv(url);
    ASSERT_EQ(argv.size(), 2u) << url;
    EXPECT_EQ(argv[0], "xdg-open");
    EXPECT_EQ(argv[1], url);
  }
}

TEST(UiLinks, OpenUrlDetachedRefusesBeforeSpawning) {
  for (const char* url : {"javascript:alert(1)", "file:///etc/passwd", "https://example.com/a b"}) {
    const cx::Status s = cx::ui::openUrlDetached(url);
    EXPECT_FALSE(s.ok()) << url;
    EXPECT_NE(s.message().find("refusing"), std::string::npos) << s.message();
  }
}

TEST(UiLinks, SpawnDetachedRunsWithoutShell) {
  EXPECT_TRUE(cx::ui::spawnDetached({"true", "a b; exit 1"}).ok());
  EXPECT_FALSE(cx::ui::spawnDetached({}).ok());
  EXPECT_FALSE(cx::ui::spawnDetached({"/nonexistent/cloudexpo-no-such-program"}).ok());
}
