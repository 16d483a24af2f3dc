// The cloudexpo: link handler (cx/core/handler_link.h): only an http(s) expo URL comes out of a
// link; everything else is refused with one line that names the link and the reason.
#include <gtest/gtest.h>

#include <string>

#include "cx/core/handler_link.h"
#include "cx/core/version.h"
#include "cx/expo/version_text.h"

namespace {

std::string refusal(const std::string& link) {
  auto url = cx::expoUrlFromHandlerLink(link);
  EXPECT_FALSE(url.ok()) << link << " was accepted as " << (url.ok() ? *url : "");
  return url.ok() ? "" : url.message();
}

}  // namespace

TEST(HandlerLink, RecognisesTheSchemeInAnyCase) {
  EXPECT_TRUE(cx::isHandlerLink("cloudexpo:https://example.org/expo.json"));
  EXPECT_TRUE(cx::isHandlerLink("CloudExpo:x"));
  EXPECT_FALSE(cx::isHandlerLink("cloudexpo"));
  EXPECT_TRUE(cx::isHandlerLink("cloudexpo:"));  // an empty link, refused, not a path
  EXPECT_FALSE(cx::isHandlerLink("https://example.org/cloudexpo:x"));
  EXPECT_FALSE(cx::isHandlerLink("./cloudexpo/expo.json"));
}

TEST(HandlerLink, GivesTheHttpOrHttpsUrlInside) {
  auto a = cx::expoUrlFromHandlerLink("cloudexpo:https://expo.example.org/2026/expo.json");
  ASSERT_TRUE(a.ok()) << a.message();
  EXPECT_EQ(*a, "https://expo.example.org/2026/expo.json");
  auto b = cx::expoUrlFromHandlerLink("CLOUDEXPO:http://127.0.0.1:8000/expo.json");
  ASSERT_TRUE(b.ok()) << b.message();
  EXPECT_EQ(*b, "http://127.0.0.1:8000/expo.json");
  auto c = cx::expoUrlFromHandlerLink("cloudexpo:https://[::1]:9000/~fair/expo.json?edition=2026#hall-b");
  ASSERT_TRUE(c.ok()) << c.message();
  EXPECT_EQ(*c, "https://[::1]:9000/~fair/expo.json?edition=2026#hall-b");
  auto d = cx::expoUrlFromHandlerLink("cloudexpo:https://cdn.example/expo%20folder/expo.json");
  ASSERT_TRUE(d.ok()) << d.message();
}

TEST(HandlerLink, RefusesLocalFilesScriptsAndOtherSchemes) {
  EXPECT_NE(refusal("cloudexpo:file:///etc/passwd").find("scheme \"file\""), std::string::npos);
  EXPECT_NE(refusal("cloudexpo:javascript:alert(1)").find("shell metacharacter '('"), std::string::npos);
  EXPECT_NE(refusal("cloudexpo:javascript:void%200").find("scheme \"javascript\""), std::string::npos);
  EXPECT_NE(refusal("cloudexpo:data:text/html,hi").find("scheme \"data\""), std::string::npos);
  EXPECT_NE(refusal("cloudexpo:ftp://example.org/expo.json").find("scheme \"ftp\""), std::string::npos);
  EXPECT_NE(refusal("cloudexpo:/etc/passwd").find("expected an http or https"), std::string::npos);
  EXPECT_NE(refusal("cloudexpo:expo/expo.json").find("expected an http or https"), std::string::npos);
  EXPECT_NE(refusal("cloudexpo:").find("expected an http or https"), std::string::npos);
  EXPECT_NE(refusal("https://example.org/expo.json").find("not a cloudexpo: link"), std::string::npos);
  EXPECT_NE(refusal("cloudexpo:cloudexpo:https://example.org/expo.json").find("scheme \"cloudexpo\""),
            std::string::npos);
  EXPECT_NE(refusal("cloudexpo:https://user@example.org/expo.json").find("user name"), std::string::npos);
  EXPECT_NE(refusal("cloudexpo:https:///expo.json").find("no host"), std::string::npos);
  EXPECT_NE(refusal("cloudexpo:https://example.org:99999/expo.json").find("port"), std::string::npos);
}

TEST(HandlerLink, RefusesShellMetacharactersAndControlCharacters) {
  for (const char* link : {"cloudexpo:https://example.org/expo.json;rm -rf ~", "cloudexpo:https://example.org/$(id)",
                           "cloudexpo:https://example.org/`id`", "cloudexpo:https://example.org/a|sh",
                           "cloudexpo:https://example.org/a&b", "cloudexpo:https://example.org/a>b",
                           "cloudexpo:https://example.org/a<b", "cloudexpo:https://example.org/'a'",
                           "cloudexpo:https://example.org/\"a\"", "cloudexpo:https://example.org/a\\b",
                           "cloudexpo:https://example.org/{a,b}", "cloudexpo:https://example.org/*",
                           "cloudexpo:https://example.org/!1"}) {
    const std::string why = refusal(link);
    EXPECT_NE(why.find("shell metacharacter"), std::string::npos) << link << ": " << why;
    EXPECT_EQ(why.find('\n'), std::string::npos) << why;
  }
  for (const char* link : {"cloudexpo:https://example.org/a b", "cloudexpo:https://example.org/a\nb",
                           "cloudexpo:https://example.org/a\tb", "cloudexpo:https://example.org/\xc3\xa9",
                           "cloudexpo:https://example.org/a\x1b[31m"}) {
    const std::string why = refusal(link);
    EXPECT_NE(why.find("space, control or non-ASCII"), std::string::npos) << why;
    EXPECT_EQ(why.find('\n'), std::string::npos) << "the refusal is one line: " << why;
    EXPECT_EQ(why.find('\x1b'), std::string::npos) << why;
  }
  EXPECT_NE(refusal("cloudexpo:https://example.org/" + std::string(3000, 'a')).find("longer than"), std::string::npos);
}

TEST(HandlerLink, TheRefusalNamesTheLinkOnOneLine) {
  const std::string why = refusal("cloudexpo:file:///etc/passwd");
  EXPECT_EQ(why.rfind("cloudexpo: refused the link \"cloudexpo:file:///etc/passwd\": ", 0), 0u) << why;
  const std::string longOne = refusal("cloudexpo:file:///" + std::string(500, 'x'));
  EXPECT_LT(longOne.size(), 260u) << longOne;
}

TEST(VersionText, NamesTheProgramVersionCommitAndFormat) {
  const std::string text = cx::expo::versionText("cloudexpo");
  EXPECT_EQ(text.rfind(std::string("cloudexpo ") + cx::projectVersion(), 0), 0u) << text;
  EXPECT_NE(text.find("\nexpo manifest formatVersion 1"), std::string::npos) << text;
  if (*cx::gitCommit()) {
    EXPECT_NE(text.find(std::string("(git ") + cx::gitCommit() + ")"), std::string::npos) << text;
  }
}
