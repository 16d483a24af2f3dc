// Booth signage and per-booth colours: the exhibitor's name in each script on a generated booth
// style, close up, against goldens (8/255 per channel, at most 0.5% of pixels); a booth with a
// logo; missing glyphs fall back to a visible box; names fit their board.
#include <gtest/gtest.h>

#include <glm/gtc/matrix_transform.hpp>

#include "cx/expo/sample_expo.h"
#include "cx/render/gpu_scene.h"
#include "cx/render/signage.h"
#include "cx/render/view.h"
#include "render_fixture.h"

namespace cx::testing {
namespace {

class Signage : public RenderTest {
 protected:
  void SetUp() override {
    RenderTest::SetUp();
    auto sample = expo::buildSampleExpo({1, 13, 0});
    ASSERT_TRUE(sample.ok()) << sample.message();
    style = sample->expo.styles.front();  // the 3 x 3 m shell booth
    for (const auto& m : sample->models)
      if (m.path == style.model) model = m.model;
    ASSERT_FALSE(model.materials.empty());
    gpu = render::uploadModel(*ctx, *renderer, model);
    render::assignBoothMaterialRoles(gpu, model);
  }
  void TearDown() override {
    render::waitIdle(*renderer);
    render::destroyModel(*ctx, gpu);
    RenderTest::TearDown();
  }

  // The booth's fascia from the aisle, its name board filling the width of the 320 x 128 image (or
  // from `distance` metres, at `scale` times the size), drawn by `r` (the fixture's renderer when null).
  RgbaImage renderBooth(const std::string& text, std::vector<assets::Image> logos = {}, render::Renderer* r = nullptr,
                        float distance = 1.9f, uint32_t scale = 1) {
    render::Renderer& rend = r ? *r : *renderer;
    render::DrawInstance booth{&gpu, glm::mat4(1.0f), glm::vec4(1.0f), glm::vec4(primary, 1.0f),
                               glm::vec4(secondary, 1.0f)};
    render::SignageInput signage;
    render::SignInput sign;
    sign.world = glm::translate(glm::mat4(1.0f), style.fasciaOrigin + glm::vec3(0.0f, 0.0f, 0.006f));
    sign.size = style.fasciaSize;
    sign.text = text;
    sign.textColor = secondary;
    sign.logo = logos.empty() ? -1 : 0;
    signage.signs.push_back(sign);
    signage.logos = std::move(logos);
    render::GpuSceneDesc desc;
    desc.signage = &signage;
    render::GpuScene scene = render::createGpuScene(*ctx, rend, {&booth, 1}, desc);
    const glm::vec3 center = style.fasciaOrigin;
    render::View view =
        render::lookAtView(center + glm::vec3(0.0f, -0.2f, distance), center, glm::radians(33.0f), 2.5f, 0.05f);
    auto target = render::createOffscreenTarget(*ctx, {320 * scale, 128 * scale});
    render::FrameStats stats = render::render(rend, {&view, 1}, target.target(), scene);
    auto pixels = render::readPixels(*ctx, rend, target, 0);
    render::destroyOffscreenTarget(*ctx, target);
    render::destroyGpuScene(rend, scene);
    lastStats = stats;
    std::printf("signage render: %u draw calls, %llu triangles\n", stats.drawCalls,
                static_cast<unsigned long long>(stats.trianglesSubmitted));
    return {pixels.width, pixels.height, std::move(pixels.rgba)};
  }

  // Pixels close to the text colour (sRGB-encoded) in the image: the name's ink.
  static int inkPixels(const RgbaImage& image, glm::vec3 linear) {
    auto encode = [](float c) { return c <= 0.0031308f ? c * 12.92f : 1.055f * std::pow(c, 1.0f / 2.4f) - 0.055f; };
    const glm::ivec3 want(int(encode(linear.r) * 255.0f + 0.5f), int(encode(linear.g) * 255.0f + 0.5f),
                          int(encode(linear.b) * 255.0f + 0.5f));
    int n = 0;
    for (size_t i = 0; i + 3 < image.rgba.size(); i += 4) {
      glm::ivec3 c(image.rgba[i], image.rgba[i + 1], image.rgba[i + 2]);
      n += glm::all(glm::lessThanEqual(glm::abs(c - want), glm::ivec3(12)));
    }
    return n;
  }

  void expectSignGolden(const std::string& name, const RgbaImage& image) {
    ASSERT_GT(image.width, 0u);
    EXPECT_GT(inkPixels(image, secondary), 100) << name << ": the name should be drawn in the text colour";
    auto result = compareWithGolden(name, image);
    EXPECT_TRUE(result.match) << name << ": " << result.message;
  }

  expo::BoothStyle style;
  assets::Model model;
  render::GpuModel gpu;
  glm::vec3 primary{0.05f, 0.25f, 0.65f};  // a blue board
  glm::vec3 secondary{0.96875f};           // white letters
  render::FrameStats lastStats;
};

TEST_F(Signage, Chinese) { expectSignGolden("sign_chinese", renderBooth("通化中科药业")); }
TEST_F(Signage, Korean) { expectSignGolden("sign_korean", renderBooth("한국전자산업")); }
TEST_F(Signage, Japanese) { expectSignGolden("sign_japanese", renderBooth("さくら電機株式会社")); }
TEST_F(Signage, Cyrillic) { expectSignGolden("sign_cyrillic", renderBooth("Уралмаш Завод")); }
TEST_F(Signage, Latin) { expectSignGolden("sign_latin", renderBooth("Nordic Robotics Oy")); }

TEST_F(Signage, BoothWithLogo) {
  // A 32 x 32 logo: a red ring on white, transparent corners.
  assets::Image logo;
  logo.width = logo.height = 32;
  logo.colorSpace = assets::ColorSpace::Srgb;
  logo.rgba8.resize(32 * 32 * 4);
  for (int y = 0; y < 32; ++y)
    for (int x = 0; x < 32; ++x) {
      float r = glm::length(glm::vec2(x - 15.5f, y - 15.5f));
      uint8_t* p = &logo.rgba8[size_t(y * 32 + x) * 4];
      bool ring = r > 9.0f && r < 15.0f;
      p[0] = 255;
      p[1] = ring ? 30 : 255;
      p[2] = ring ? 30 : 255;
      p[3] = r < 15.5f ? 255 : 0;
    }
  RgbaImage image = renderBooth("Logo GmbH", {logo});
  int red = 0;
  for (size_t i = 0; i + 3 < image.rgba.size(); i += 4)
    red += image.rgba[i] > 200 && image.rgba[i + 1] < 90 && image.rgba[i + 2] < 90;
  EXPECT_GT(red, 40) << "the logo's red ring should show left of the name";
  expectSignGolden("sign_logo", image);
}

// Booth colours go to the cx_primary / cx_fascia materials, not to the whole booth.
TEST_F(Signage, BoothColoursArePerMaterial) {
  RgbaImage image = renderBooth("");
  // The board (cx_fascia) takes the primary blue: many strongly blue pixels.
  int blue = 0, grey = 0;
  for (size_t i = 0; i + 3 < image.rgba.size(); i += 4) {
    int r = image.rgba[i], g = image.rgba[i + 1], b = image.rgba[i + 2];
    blue += b > r + 60 && b > g + 30;
    grey += std::abs(r - g) < 8 && std::abs(g - b) < 8 && r > 120;
  }
  EXPECT_GT(blue, int(image.width * image.height) / 10) << "the fascia should be the booth's primary colour";
  EXPECT_GT(grey, 100) << "the walls keep their own neutral colour";
}

TEST(SignageAtlas, MissingGlyphFallsBackToABox) {
  // U+0378 is unassigned in Unicode: no font has it.
  render::GlyphAtlas atlas = render::buildGlyphAtlas({U"A\u0416\u4E2D\uAC00\u3042\u0378"});
  ASSERT_EQ(atlas.glyphs.size(), 6u);
  for (char32_t cp : {U'A', char32_t(0x416), char32_t(0x4E2D), char32_t(0xAC00), char32_t(0x3042)}) {
    const auto& g = atlas.glyphs.at(cp);
    EXPECT_FALSE(g.fallback) << "U+" << std::hex << uint32_t(cp) << " should come from an installed font";
    EXPECT_GT(g.uv.z, g.uv.x);
  }
  EXPECT_TRUE(atlas.glyphs.at(0x378).fallback);
  render::SignInput sign;
  sign.size = {2.0f, 0.3f};
  sign.text = "A\xCD\xB8";  // "A" U+0378
  auto quads = render::layoutSign(atlas, sign, glm::vec4(0.0f));
  ASSERT_EQ(quads.size(), 2u);
  EXPECT_EQ(quads[1].kind, 2u) << "the missing glyph is drawn as a box, not left blank";
}

// Mean linear colour of the pixels within `half` (a fraction of the image size) of its centre.
glm::dvec3 centreMeanLinear(const RgbaImage& image, glm::vec2 half) {
  auto decode = [](double c) { return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
  glm::dvec3 sum(0.0);
  int n = 0;
  for (uint32_t y = 0; y < image.height; ++y)
    for (uint32_t x = 0; x < image.width; ++x) {
      if (std::abs((x + 0.5) / image.width - 0.5) > half.x || std::abs((y + 0.5) / image.height - 0.5) > half.y)
        continue;
      const uint8_t* p = &image.rgba[(size_t(y) * image.width + x) * 4];
      sum += glm::dvec3(decode(p[0] / 255.0), decode(p[1] / 255.0), decode(p[2] / 255.0));
      ++n;
    }
  return n ? sum / double(n) : sum;
}

// From 16 m the name is about 3.5 px tall, under RendererDesc::signDetailPx: it is drawn as one
// bar whose opacity is the glyphs' ink, with one quad instead of one per glyph. The board then
// has the colour the name really gives it: the glyphs drawn 8 times larger (crisp, 28 px) and
// averaged over the same board. (Glyphs drawn at 3.5 px mostly vanish: the SDF's mips average
// the distance below the outline.) Close up the glyphs stay.
TEST_F(Signage, FarSignsDrawTheirTextAsOneBarOfTheSameInk) {
  const std::string name = "Nordic Robotics Oy";
  const float distance = 16.0f;
  RgbaImage bar = renderBooth(name, {}, nullptr, distance);
  const render::FrameStats barStats = lastStats;
  RgbaImage blank = renderBooth("", {}, nullptr, distance);
  RgbaImage truth = renderBooth(name, {}, nullptr, distance, 8);
  EXPECT_EQ(lastStats.signsFar, 0u) << "28 px tall: glyphs";
  EXPECT_EQ(barStats.signsFar, 1u);
  render::RendererDesc glyphsOnly = renderer->desc;
  glyphsOnly.signDetailPx = 0.0f;
  auto glyphRenderer = render::createRenderer(*ctx, glyphsOnly);
  renderBooth(name, {}, glyphRenderer.get(), distance);
  render::destroyRenderer(*glyphRenderer);
  EXPECT_EQ(lastStats.signsFar, 0u);
  EXPECT_EQ(lastStats.trianglesSubmitted - barStats.trianglesSubmitted, 2u * (name.size() - 2 - 1))
      << "16 glyph quads (the two spaces have none) become one bar";

  // The text's line, as a fraction of the image: the name is at most the board's width and
  // about 60% of its height (33 degree vertical field of view).
  const float focalPx = 64.0f / std::tan(glm::radians(16.5f));
  const glm::vec2 half = style.fasciaSize * glm::vec2(0.5f / 320.0f, 0.3f / 128.0f) * focalPx / distance;
  const glm::dvec3 t = centreMeanLinear(truth, half), b = centreMeanLinear(bar, half), e = centreMeanLinear(blank, half);
  std::printf("text line mean (linear): crisp glyphs averaged %.3f %.3f %.3f, bar %.3f %.3f %.3f, no text %.3f %.3f %.3f\n",
              t.r, t.g, t.b, b.r, b.g, b.b, e.r, e.g, e.b);
  EXPECT_GT(glm::length(t - e), 0.03) << "the name should visibly lighten the board";
  EXPECT_LT(glm::length(b - t), 0.3 * glm::length(t - e)) << "the bar should ink the board as the name does";

  renderBooth(name);
  EXPECT_EQ(lastStats.signsFar, 0u) << "close up the glyphs are drawn";
}

TEST(SignageAtlas, FarSignIsOneBarOverTheGlyphsWithTheirInk) {
  render::GlyphAtlas atlas = render::buildGlyphAtlas({U"Hi 中"});
  ASSERT_TRUE(atlas.glyphs.count(U'H'));
  const float inkH = atlas.glyphs[U'H'].ink;
  EXPECT_GT(inkH, 0.05f);
  EXPECT_LT(inkH, 0.8f);
  render::SignInput sign;
  sign.size = {2.0f, 0.3f};
  sign.text = "Hi 中";
  sign.logo = 0;
  const glm::vec4 logoUv(0.0f, 0.0f, 0.5f, 0.5f);
  auto quads = render::layoutSign(atlas, sign, logoUv);
  auto far = render::farSignQuads(quads);
  ASSERT_EQ(far.size(), 2u) << "the logo and one bar";
  EXPECT_EQ(far[0].kind, 1u);
  EXPECT_EQ(far[0].uv, logoUv);
  const render::SignQuad& bar = far[1];
  EXPECT_EQ(bar.kind, 3u);
  glm::vec4 hull(1e9f, 1e9f, -1e9f, -1e9f);
  float ink = 0.0f;
  for (const auto& q : quads) {
    if (q.kind != 0) continue;
    hull = {std::min(hull.x, q.rect.x), std::min(hull.y, q.rect.y), std::max(hull.z, q.rect.z), std::max(hull.w, q.rect.w)};
    ink += q.ink * (q.rect.z - q.rect.x) * (q.rect.w - q.rect.y);
  }
  EXPECT_EQ(bar.rect, hull);
  EXPECT_NEAR(bar.uv.x, ink / ((hull.z - hull.x) * (hull.w - hull.y)), 1e-5f);
  EXPECT_GT(bar.uv.x, 0.05f);
  EXPECT_LT(bar.uv.x, 0.8f);
}

TEST(SignageAtlas, LongNamesShrinkToFitTheBoard) {
  render::GlyphAtlas atlas = render::buildGlyphAtlas({U"Internationale Maschinenbau Aktiengesellschaft"});
  render::SignInput sign;
  sign.size = {2.9f, 0.3f};
  sign.text = "Internationale Maschinenbau Aktiengesellschaft";
  auto quads = render::layoutSign(atlas, sign, glm::vec4(0.0f));
  ASSERT_FALSE(quads.empty());
  float minX = 1e9f, maxX = -1e9f, minY = 1e9f, maxY = -1e9f;
  for (const auto& q : quads) {
    minX = std::min(minX, q.rect.x);
    maxX = std::max(maxX, q.rect.z);
    minY = std::min(minY, q.rect.y);
    maxY = std::max(maxY, q.rect.w);
  }
  EXPECT_GE(minX, -1.45f);
  EXPECT_LE(maxX, 1.45f);
  EXPECT_GE(minY, -0.15f);
  EXPECT_LE(maxY, 0.15f);
  EXPECT_NEAR(minX + maxX, 0.0f, 0.1f) << "centred";
}

TEST(SignageAtlas, Utf8Decoding) {
  EXPECT_EQ(render::decodeUtf8("A\xD0\x96\xE4\xB8\xAD\xF0\x9F\x98\x80"), std::u32string(U"A\u0416\u4E2D\U0001F600"));
  EXPECT_EQ(render::decodeUtf8("\xFF" "a"), std::u32string(U"\uFFFD" "a"));
}

}  // namespace
}  // namespace cx::testing
