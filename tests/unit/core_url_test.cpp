#include <gtest/gtest.h>

#include "cx/core/url.h"

TEST(CoreUrl, SplitsAbsoluteUrl) {
  cx::UrlParts p = cx::splitUrl("https://user@cdn.example.com:8443/expo/expo.json?v=2#top");
  EXPECT_EQ(p.scheme, "https");
  EXPECT_TRUE(p.hasAuthority);
  EXPECT_EQ(p.authority, "user@cdn.example.com:8443");
  EXPECT_EQ(p.host, "cdn.example.com");
  EXPECT_EQ(p.port, "8443");
  EXPECT_EQ(p.path, "/expo/expo.json");
  EXPECT_EQ(p.query, "v=2");
  EXPECT_EQ(p.fragment, "top");
  EXPECT_EQ(cx::joinUrl(p), "https://user@cdn.example.com:8443/expo/expo.json?v=2#top");

  cx::UrlParts v6 = cx::splitUrl("http://[::1]:80/x");
  EXPECT_EQ(v6.host, "[::1]");
  EXPECT_EQ(v6.port, "80");

  cx::UrlParts rel = cx::splitUrl("models/a.glb");
  EXPECT_TRUE(rel.scheme.empty());
  EXPECT_FALSE(rel.hasAuthority);
  EXPECT_EQ(rel.path, "models/a.glb");
}

TEST(CoreUrl, AllowsHttpAndHttpsLinks) {
  for (const char* url :
       {"https://expo.example.cn/", "http://expo.example.cn", "HTTPS://Shop.Example.com/item?id=3#x",
        "https://example.com:8080/live", "http://[2001:db8::1]/", "https://xn--fsqu00a.example/商品"})
    EXPECT_TRUE(cx::isAllowedLinkUrl(url)) << url;
}

TEST(CoreUrl, RejectsOtherSchemesAndMalformedLinks) {
  struct Case {
    const char* url;
    const char* why;
  };
  const Case cases[] = {
      {"file:///etc/passwd", "scheme \"file\" is not allowed, only http and https"},
      {"javascript:alert(1)", "scheme \"javascript\" is not allowed, only http and https"},
      {"data:text/html,<b>x</b>", "scheme \"data\" is not allowed, only http and https"},
      {"ftp://ftp.example.com/x", "scheme \"ftp\" is not allowed, only http and https"},
      {"//example.com/x", "relative link, expected an absolute http or https URL"},
      {"shop/item", "relative link, expected an absolute http or https URL"},
      {"https:///path", "link has no host"},
      {"https:example.com", "link has no host"},
      {"https://user:pw@example.com/", "user name in link (\"user@host\")"},
      {"https://exa mple.com/", "space or control character in link"},
      {"https://example.com/\x01", "space or control character in link"},
      {"https://example.com\\@evil.com/", "backslash in link"},
      {"https://example.com:0/", "port out of range"},
      {"https://example.com:99999/", "port out of range"},
      {"https://example.com:/", "malformed port"},
      {"https://exa%6dple.com/", "character '%' not allowed in host"},
      {"", "empty link"},
  };
  for (const Case& c : cases) {
    std::string why;
    EXPECT_FALSE(cx::isAllowedLinkUrl(c.url, &why)) << c.url;
    EXPECT_EQ(why, c.why) << c.url;
  }
}

TEST(CoreUrl, ResolvesRelativeReferences) {
  const char* base = "https://cdn.example.com/expos/cne/expo.json?v=1";
  auto r = [&](const char* rel) {
    auto out = cx::resolveRelativeUrl(base, rel);
    EXPECT_TRUE(out.ok()) << out.message();
    return out.ok() ? *out : std::string();
  };
  EXPECT_EQ(r("models/shell-3x3.glb"), "https://cdn.example.com/expos/cne/models/shell-3x3.glb");
  EXPECT_EQ(r("./models/a.glb"), "https://cdn.example.com/expos/cne/models/a.glb");
  EXPECT_EQ(r("../other/x.glb"), "https://cdn.example.com/expos/other/x.glb");
  EXPECT_EQ(r("../../../../x"), "https://cdn.example.com/x");
  EXPECT_EQ(r("/root.json"), "https://cdn.example.com/root.json");
  EXPECT_EQ(r("//mirror.example.org/a"), "https://mirror.example.org/a");
  EXPECT_EQ(r("http://other.example/z"), "http://other.example/z");
  EXPECT_EQ(r("?v=2"), "https://cdn.example.com/expos/cne/expo.json?v=2");
  EXPECT_EQ(r("#frag"), "https://cdn.example.com/expos/cne/expo.json?v=1#frag");
  EXPECT_EQ(r(""), "https://cdn.example.com/expos/cne/expo.json?v=1");
  auto noPath = cx::resolveRelativeUrl("https://host.example", "a/b.glb");
  ASSERT_TRUE(noPath.ok());
  EXPECT_EQ(*noPath, "https://host.example/a/b.glb");
  auto bad = cx::resolveRelativeUrl("relative/base", "x");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.message(), "relative/base: base URL has no scheme, cannot resolve \"x\"");
}
