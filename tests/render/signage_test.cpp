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

  // The booth's fascia from the aisle, its name board filling the width of the image.
  RgbaImage renderBooth(const std::string& text, std::vector<assets::Image> logos = {}) {
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
    render::GpuScene scene = render::createGpuScene(*ctx, *renderer, {&booth, 1}, desc);
    const glm::vec3 center = style.fasciaOrigin;
    render::View view =
        render::lookAtView(center + glm::vec3(0.0f, -0.2f, 1.9f), center, glm::radians(33.0f), 2.5f, 0.05f);
    auto target = render::createOffscreenTarget(*ctx, {320, 128});
    render::FrameStats stats = render::render(*renderer, {&view, 1}, target.target(), scene);
    auto pixels = render::readPixels(*ctx, *renderer, target, 0);
    render::destroyOffscreenTarget(*ctx, target);
    render::destroyGpuScene(*renderer, scene);
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
