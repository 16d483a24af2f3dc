#include <gtest/gtest.h>

#include <cstdio>

#include <algorithm>
#include <chrono>

#include "cx/expo/sample_expo.h"
#include "cx/ui/directory.h"
#include "cx/ui/text.h"
#include "ui_test_expo.h"

using cx::ui::ExhibitorSearch;
using cx::ui::SearchFilters;

namespace {

std::vector<std::string> ids(const cx::expo::Expo& e, const std::vector<uint32_t>& hits) {
  std::vector<std::string> out;
  for (uint32_t i : hits) out.push_back(e.exhibitors[i].id);
  return out;
}

class UiSearch : public ::testing::Test {
 protected:
  void SetUp() override {
    expo_ = cx::uitest::makeUiTestExpo();
    search_.build(expo_);
  }
  std::vector<std::string> find(std::string_view q, const SearchFilters& f = {}) {
    return ids(expo_, search_.query(q, f));
  }
  cx::expo::Expo expo_;
  ExhibitorSearch search_;
};

using V = std::vector<std::string>;

}  // namespace

TEST(UiText, FoldCaseCoversLatinGreekCyrillicAndMongolian) {
  using cx::ui::foldCaseUtf8;
  EXPECT_EQ(foldCaseUtf8("Hello WORLD"), "hello world");
  EXPECT_EQ(foldCaseUtf8("ÀÉÎÕÜ Ø Þ ×"), "àéîõü ø þ ×");
  EXPECT_EQ(foldCaseUtf8("ĀĂĄĆŁŃŐŒŚŠŸŹŻŽ"), "āăąćłńőœśšÿźżž");
  EXPECT_EQ(foldCaseUtf8("ΑΒΓ ΣΟΦΊΑ ς"), "αβγ σοφία σ");
  EXPECT_EQ(foldCaseUtf8("МОСКВА Ёлка ЇЄІЎ"), "москва ёлка їєіў");
  EXPECT_EQ(foldCaseUtf8("ӨЛЗИЙ ҮЙЛДВЭР Ҳ Ӂ Ӏ"), "өлзий үйлдвэр ҳ ӂ ӏ");
  EXPECT_EQ(foldCaseUtf8("ＡＢＣ"), "ａｂｃ");
  EXPECT_EQ(foldCaseUtf8("中文 한국어 カタカナ"), "中文 한국어 カタカナ");
  // Malformed bytes become U+FFFD rather than being dropped or crashing.
  EXPECT_EQ(foldCaseUtf8(std::string("A\xff"
                                     "B\xe4\xb8")),
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(UiText, CountryNames) {
  EXPECT_EQ(cx::ui::countryName("KR"), "Republic of Korea");
  EXPECT_EQ(cx::ui::countryName("kp"), "DPR Korea");
  EXPECT_EQ(cx::ui::countryName("MN"), "Mongolia");
  EXPECT_EQ(cx::ui::countryName("XX"), "XX");
}

TEST_F(UiSearch, KoreanNameSubstring) {
  EXPECT_EQ(find("전자"), V{"E1"});
  EXPECT_EQ(find("배터리"), V{"E1"});
}

TEST_F(UiSearch, CyrillicIsCaseInsensitive) {
  EXPECT_EQ(find("газпром"), V{"E2"});
  EXPECT_EQ(find("НЕФТЬ"), V{"E2"});
  EXPECT_EQ(find("өлзий"), V{"E3"});    // Mongolian Ө/ө
  EXPECT_EQ(find("ҮЙЛДВЭР"), V{"E3"});  // Mongolian Ү/ү
}

TEST_F(UiSearch, CjkAndKanaSubstrings) {
  EXPECT_EQ(find("自動"), V{"E5"});
  EXPECT_EQ(find("汽"), V{"E4"});
}

TEST_F(UiSearch, EnglishNameAnyCaseAndSeveralTerms) {
  EXPECT_EQ(find("samsung"), V{"E1"});
  EXPECT_EQ(find("TOYOTA motor"), V{"E5"});
  EXPECT_EQ(find("toyota samsung"), V{});
  EXPECT_EQ(find("caffè"), V{"E6"});
  EXPECT_EQ(find("CAFFÈ"), V{"E6"});
}

TEST_F(UiSearch, ProductsTagsAndCountries) {
  EXPECT_EQ(find("lithium"), V{"E1"});
  EXPECT_EQ(find("汽车"), V{"E4"});
  EXPECT_EQ(find("cars"), (V{"E4", "E5"}));
  EXPECT_EQ(find("mongolia"), V{"E3"});
}

TEST_F(UiSearch, FiltersByPavilionAndCountry) {
  EXPECT_EQ(find("", {.pavilion = "hall-b"}), (V{"E4", "E5"}));
  EXPECT_EQ(find("", {.country = "jp"}), V{"E5"});
  EXPECT_EQ(find("cars", {.country = "CN"}), V{"E4"});
  EXPECT_EQ(find("cars", {.pavilion = "hall-a"}), V{});
}

TEST_F(UiSearch, EmptyQueryReturnsAllInManifestOrder) {
  EXPECT_EQ(find(""), (V{"E1", "E2", "E3", "E4", "E5", "E6"}));
  EXPECT_EQ(find("  \t\u3000 "), (V{"E1", "E2", "E3", "E4", "E5", "E6"}));
}

TEST(UiSearchRanking, NameMatchesComeFirst) {
  cx::expo::Expo e;
  e.exhibitors.resize(3);
  e.exhibitors[0].id = "product-match";
  e.exhibitors[0].name = {"Alpha", "Alpha", "en"};
  e.exhibitors[0].products = {"Rossi beans"};
  e.exhibitors[1].id = "inside-name";
  e.exhibitors[1].name = {"Caffè Rossi", "Caffe Rossi", "it"};
  e.exhibitors[2].id = "name-start";
  e.exhibitors[2].name = {"Rossi", "Rossi", "it"};
  ExhibitorSearch s;
  s.build(e);
  EXPECT_EQ(ids(e, s.query("rossi", {})), (V{"name-start", "inside-name", "product-match"}));
}

// Correctness on 1001 mixed-script names; the query times are printed, not asserted (a loaded CI
// machine must not fail a test on time).
TEST(UiSearchPerf, ThousandGeneratedNamesQueries) {
  // Mixed-script names built from syllables, like the sample expo's.
  const char* parts[] = {"长春",  "吉林",    "삼성",  "현대",   "トヨタ", "ソニー", "Газ",    "Нефть",
                         "Өлзий", "Үйлдвэр", "Alpha", "Nordic", "Rossi",  "Tech",   "Motors", "Foods"};
  cx::expo::Expo e;
  for (int i = 0; i < 1001; ++i) {
    cx::expo::Exhibitor x;
    x.id = "E" + std::to_string(i);
    x.name.native = std::string(parts[i % 16]) + parts[(i / 16) % 16] + parts[(i / 7) % 16];
    x.name.english = std::string(parts[10 + i % 6]) + " " + std::to_string(i);
    x.products = {"Product " + std::to_string(i % 50), "Машина"};
    x.tags = {"tag" + std::to_string(i % 20)};
    x.country = (i % 2) ? "CN" : "RU";
    e.exhibitors.push_back(std::move(x));
  }
  ExhibitorSearch s;
  s.build(e);
  const char* queries[] = {"", "삼성", "нефть", "ÖLZ", "motors 12", "машина", "トヨタ", "tag7", "zzzz", "a"};
  for (const char* q : queries) {
    const auto t0 = std::chrono::steady_clock::now();
    const auto hits = s.query(q, {});
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    std::printf("query \"%s\": %zu hits in %.3f ms\n", q, hits.size(), ms);
    if (std::string_view(q).empty()) {
      EXPECT_EQ(hits.size(), 1001u);
    }
  }
  EXPECT_FALSE(s.query("НЕФТЬ", {}).empty());
  EXPECT_TRUE(s.query("zzzz", {}).empty());
  const auto samsung = s.query("삼성", {});
  EXPECT_FALSE(samsung.empty());
  for (uint32_t h : samsung) EXPECT_NE(e.exhibitors[h].name.native.find("삼성"), std::string::npos);
}

TEST(UiSearchSample, EveryExhibitorFoundByNativeAndEnglishName) {
  auto sample = cx::expo::buildSampleExpo();
  ASSERT_TRUE(sample.ok()) << sample.message();
  const cx::expo::Expo& e = sample->expo;
  ASSERT_EQ(e.exhibitors.size(), 1001u);
  ExhibitorSearch s;
  s.build(e);
  for (uint32_t i = 0; i < e.exhibitors.size(); i += 7) {
    for (const std::string& name : {e.exhibitors[i].name.native, e.exhibitors[i].name.english}) {
      if (name.empty()) continue;
      const auto hits = s.query(name, {});
      EXPECT_NE(std::find(hits.begin(), hits.end(), i), hits.end()) << name;
    }
  }
}
