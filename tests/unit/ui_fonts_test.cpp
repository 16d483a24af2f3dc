#include <gtest/gtest.h>

#include <cstdio>

#include "cx/expo/sample_expo.h"
#include "cx/ui/fonts.h"
#include "cx/ui/text.h"

TEST(UiFonts, FontconfigFindsCjkAndCyrillicFaces) {
  const auto cjk = cx::ui::findFontFace("Noto Sans CJK SC", 0xAC00);
  ASSERT_TRUE(cjk.ok()) << cjk.message();
  EXPECT_FALSE(cjk->file.empty());
  const auto cyr = cx::ui::findFontFace("DejaVu Sans", 0x0416);
  ASSERT_TRUE(cyr.ok()) << cyr.message();
}

TEST(UiFonts, AtlasCoversKoreanChineseKanaAndCyrillic) {
  ImFontAtlas atlas;
  const std::vector<std::string> texts = {"삼성전자", "一汽集团", "トヨタ自動車 ひらがな", "Өлзий Үйлдвэр",
                                          "Caffè"};
  auto info = cx::ui::loadUiFonts(atlas, 18.0f, texts);
  ASSERT_TRUE(info.ok()) << info.message();
  ASSERT_NE(info->font, nullptr);
  EXPECT_GE(info->faces.size(), 2u);
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  atlas.GetTexDataAsRGBA32(&pixels, &w, &h);
  ASSERT_NE(pixels, nullptr);
  EXPECT_LE(w, 4096);
  EXPECT_LE(h, 4096);
  ImFont* font = info->font;
  ASSERT_TRUE(font->IsLoaded());
  for (ImWchar c :
       {ImWchar(0xC0BC) /*삼*/, ImWchar(0x6C7D) /*汽*/, ImWchar(0x30C8) /*ト*/, ImWchar(0x3072) /*ひ*/,
        ImWchar(0x04E8) /*Ө*/, ImWchar(0x04AF) /*ү*/, ImWchar(0x0416) /*Ж*/, ImWchar('A'), ImWchar(0xE8)}) {
    EXPECT_NE(font->FindGlyphNoFallback(c), nullptr) << std::hex << int(c);
  }
  // Only what the texts use: a Han character nobody wrote is not in the atlas and falls back to '?'.
  EXPECT_EQ(font->FindGlyphNoFallback(0x9F8D /*龍*/), nullptr);
  const ImFontGlyph* fallback = font->FindGlyph(0x9F8D);
  ASSERT_NE(fallback, nullptr);
  EXPECT_EQ(fallback->Codepoint, ImWchar('?'));
  EXPECT_LT(font->Glyphs.Size, 2000);
}

TEST(UiFonts, SampleExpoAtlasStaysSmall) {
  auto sample = cx::expo::buildSampleExpo();
  ASSERT_TRUE(sample.ok()) << sample.message();
  const cx::expo::Expo& e = sample->expo;
  std::vector<std::string> texts;
  for (const auto& p : e.pavilions) texts.insert(texts.end(), {p.name.native, p.name.english});
  for (const auto& x : e.exhibitors) {
    texts.insert(texts.end(), {x.name.native, x.name.english, x.description});
    texts.insert(texts.end(), x.products.begin(), x.products.end());
    texts.insert(texts.end(), x.tags.begin(), x.tags.end());
  }
  for (const auto& ev : e.events)
    texts.insert(texts.end(), {ev.title.native, ev.title.english, ev.locationLabel});
  ImFontAtlas atlas;
  auto info = cx::ui::loadUiFonts(atlas, 18.0f, texts);
  ASSERT_TRUE(info.ok()) << info.message();
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  atlas.GetTexDataAsRGBA32(&pixels, &w, &h);
  ASSERT_NE(pixels, nullptr);
  EXPECT_LE(w, 4096);
  EXPECT_LE(h, 4096);
  // Every code point of every exhibitor's native name has a glyph.
  for (const auto& x : e.exhibitors)
    for (char32_t cp : cx::ui::utf8ToCodepoints(x.name.native))
      ASSERT_NE(info->font->FindGlyphNoFallback(ImWchar(cp)), nullptr)
          << x.name.native << " U+" << std::hex << uint32_t(cp);
  std::printf("sample atlas: %dx%d, %d glyphs, %zu code points requested\n", w, h, info->font->Glyphs.Size,
              info->codepointCount);
}
