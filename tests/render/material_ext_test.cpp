// Golden renders for the glTF extensions: KHR_texture_transform, KHR_materials_unlit,
// EXT_meshopt_compression (must equal the uncompressed render) and KHR_lights_punctual (point and
// spot lights, range attenuation). Same tolerance as golden_test.cpp: a pixel is bad when a
// channel differs by more than 8/255; at most 0.5% bad pixels.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include <glm/gtc/matrix_transform.hpp>

#include <unistd.h>

#include "cx/assets/gltf.h"
#include "cx/render/view.h"
#include "render_fixture.h"
#include "test_models.h"

namespace cx::testing {
namespace {
namespace fs = std::filesystem;

class MaterialExt : public RenderTest {
 protected:
  // Writes `model` with `options`, loads it back and renders it framed by its bounds.
  RgbaImage renderWritten(const assets::Model& model, const assets::GltfWriteOptions& options, const std::string& tag,
                          uint32_t size = 256) {
    const fs::path dir = fs::temp_directory_path() / ("cx-material-ext-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path file = dir / (tag + ".glb");
    auto written = assets::writeGltf(file, model, options);
    EXPECT_TRUE(written.ok()) << written.message();
    auto loaded = assets::loadGltf(file);
    fs::remove_all(dir);
    EXPECT_TRUE(loaded.ok()) << loaded.message();
    if (!loaded) return {};
    render::GpuModel gpu = render::uploadModel(*ctx, *renderer, *loaded);
    auto framing = render::frameBounds(loaded->boundsMin, loaded->boundsMax, glm::radians(45.0f), 1.0f);
    render::View view = render::lookAtView(framing.eye, framing.target, glm::radians(45.0f), 1.0f, 0.01f);
    render::DrawInstance instance{&gpu, glm::mat4(1.0f), glm::vec4(1.0f)};
    RgbaImage image = renderViews({&view, 1}, {&instance, 1}, size, size);
    render::waitIdle(*renderer);
    render::destroyModel(*ctx, gpu);
    return image;
  }
};

size_t differingPixels(const RgbaImage& a, const RgbaImage& b) {
  return compareImages(a, b, Tolerance{8, 0.0}).badPixels;
}

// The checker quad with a repeating sampler, its UVs scaled by 2, rotated by 0.5 rad and offset.
assets::Model transformedQuad() {
  assets::Model model = texturedQuad();
  model.samplers[0].wrapS = model.samplers[0].wrapT = assets::Wrap::Repeat;
  model.materials[0].baseColorTexture.transform = {{0.25f, 0.1f}, 0.5f, {2.0f, 2.0f}};
  return model;
}

// The orange cube with KHR_materials_unlit: every visible face shows the base colour unshaded.
assets::Model unlitCube() {
  assets::Model model = litCube();
  model.materials[0].unlit = true;
  return model;
}

// A dark grey quad facing +Z lit by a red point light close in front of its upper left and a
// blue spot light shining straight at its lower right.
assets::Model quadWithLights(float pointRange = 3.0f) {
  assets::Model model = texturedQuad();
  model.images.clear();
  model.samplers.clear();
  model.materials[0].baseColorTexture = {};
  model.materials[0].baseColorFactor = glm::vec4(0.35f, 0.35f, 0.35f, 1.0f);
  model.lights.push_back({"red point", assets::LightType::Point, {1.0f, 0.15f, 0.1f}, 0.6f, pointRange});
  model.lights.push_back({"blue spot", assets::LightType::Spot, {0.2f, 0.4f, 1.0f}, 8.0f, 0.0f, 0.15f, 0.3f});
  model.lightInstances.push_back({0, glm::translate(glm::mat4(1.0f), glm::vec3(-0.5f, 0.5f, 0.35f))});
  model.lightInstances.push_back({1, glm::translate(glm::mat4(1.0f), glm::vec3(0.45f, -0.45f, 1.6f))});
  return model;
}

TEST_F(MaterialExt, TextureTransform) {
  RgbaImage image = renderModel(transformedQuad(), 256, 256, nullptr, "texture_transform");
  expectGolden("material_texture_transform", image);
  // And it is not the untransformed quad.
  RgbaImage plain = renderModel(texturedQuad(), 256, 256, nullptr, "plain_quad");
  EXPECT_GT(differingPixels(plain, image), 10000u);
}

TEST_F(MaterialExt, Unlit) {
  RgbaImage image = renderModel(unlitCube(), 256, 256, nullptr, "unlit");
  expectGolden("material_unlit", image);
  // Unlit: the centre pixel is the base colour itself, whatever the lighting (sRGB target).
  const glm::vec4 base = litCube().materials[0].baseColorFactor;
  auto toSrgb8 = [](float c) {
    float s = c <= 0.0031308f ? c * 12.92f : 1.055f * std::pow(c, 1.0f / 2.4f) - 0.055f;
    return int(std::lround(s * 255.0f));
  };
  const size_t centre = (size_t(128) * image.width + 128) * 4;
  EXPECT_NEAR(image.rgba[centre + 0], toSrgb8(base.r), 2);
  EXPECT_NEAR(image.rgba[centre + 1], toSrgb8(base.g), 2);
  EXPECT_NEAR(image.rgba[centre + 2], toSrgb8(base.b), 2);
  RgbaImage lit = renderModel(litCube(), 256, 256, nullptr, "lit");
  EXPECT_GT(differingPixels(lit, image), 2000u);
}

// EXT_meshopt_compression decodes to the same vertices, so the render equals the uncompressed
// multi_node golden and the uncompressed render pixel for pixel.
TEST_F(MaterialExt, MeshoptCompressedModelMatchesUncompressed) {
  RgbaImage packed = renderWritten(multiNodeScene(), {.meshoptCompression = true}, "meshopt");
  RgbaImage plain = renderWritten(multiNodeScene(), {}, "plain");
  expectGolden("multi_node", packed);
  auto same = compareImages(plain, packed, Tolerance{0, 0.0});
  EXPECT_TRUE(same.match) << same.message;
}

TEST_F(MaterialExt, PunctualLights) {
  RgbaImage lit = renderModel(quadWithLights(), 256, 256, nullptr, "lights");
  expectGolden("material_punctual_lights", lit);
  assets::Model dark = quadWithLights();
  dark.lights.clear();
  dark.lightInstances.clear();
  RgbaImage unlit = renderModel(dark, 256, 256, nullptr, "no_lights");
  EXPECT_GT(differingPixels(unlit, lit), 3000u);
  // Range attenuation: a point light whose range ends before the quad adds nothing, so only the
  // spot light's pixels differ from the render without lights... and the point light's area
  // matches the dark render.
  RgbaImage shortRange = renderModel(quadWithLights(0.3f), 256, 256, nullptr, "short_range");
  RgbaImage spotOnly = renderModel([] {
    assets::Model m = quadWithLights();
    m.lightInstances.erase(m.lightInstances.begin());
    return m;
  }(), 256, 256, nullptr, "spot_only");
  auto same = compareImages(spotOnly, shortRange, Tolerance{0, 0.0});
  EXPECT_TRUE(same.match) << same.message;
  EXPECT_GT(differingPixels(spotOnly, lit), 1000u);
}

// A finely repeated checker seen at a grazing angle: with a mip chain (and anisotropic filtering
// where offered) the far rows blend towards the average colour instead of aliasing.
TEST_F(MaterialExt, MipmappedTextureAtGrazingAngle) {
  assets::Model model = texturedQuad();
  model.samplers[0].wrapS = model.samplers[0].wrapT = assets::Wrap::Repeat;
  model.materials[0].baseColorTexture.transform.scale = {40.0f, 40.0f};
  for (auto& placed : model.instances) placed.world = glm::scale(glm::mat4(1.0f), glm::vec3(10.0f, 10.0f, 1.0f));
  // Low over the 20 x 20 quad: its far edge lies just below the horizon (image row ~105).
  render::View view = render::lookAtView({0.0f, -1.0f, 0.3f}, {0.0f, 3.0f, 0.0f}, glm::radians(45.0f), 1.0f, 0.01f);
  RgbaImage image = renderModel(model, 256, 256, &view, "mipmapped");
  expectGolden("material_mipmapped", image);
  // The same quad in the texture's average colour (averaged in linear light): far away, where a
  // pixel covers many texels, the mipmapped render must come close to it; near, it must not.
  assets::Model flat = model;
  glm::dvec3 sum(0.0);
  const assets::Image& texture = model.images[0];
  auto toLinear = [](double c) { return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
  for (size_t i = 0; i < texture.rgba8.size(); i += 4)
    for (int c = 0; c < 3; ++c) sum[c] += toLinear(texture.rgba8[i + c] / 255.0);
  const glm::dvec3 average = sum / double(texture.rgba8.size() / 4);
  flat.materials[0].baseColorTexture = {};
  flat.materials[0].baseColorFactor = glm::vec4(glm::vec3(average), 1.0f);
  RgbaImage reference = renderModel(flat, 256, 256, &view, "mipmapped_flat");
  auto meanDifference = [&](uint32_t y0, uint32_t y1) {
    double total = 0.0;
    size_t n = 0;
    for (uint32_t y = y0; y < y1; ++y)
      for (uint32_t x = 0; x < image.width; ++x)
        for (int c = 0; c < 3; ++c) {
          const size_t i = (size_t(y) * image.width + x) * 4 + c;
          total += std::abs(int(image.rgba[i]) - int(reference.rgba[i]));
          ++n;
        }
    return total / double(n);
  };
  const double nearRows = meanDifference(200, 256), farRows = meanDifference(114, 124);
  std::printf("mean difference from the average colour: near rows %.2f, far rows %.2f\n", nearRows, farRows);
  EXPECT_LT(farRows, nearRows * 0.35);
}

TEST(FrameLights, DirectionalFirstThenNearest) {
  std::vector<render::PunctualLight> lights;
  for (int i = 0; i < 12; ++i) {
    render::PunctualLight l;
    l.position = glm::vec3(float(12 - i), 0.0f, 0.0f);  // light 11 is nearest the origin
    lights.push_back(l);
  }
  render::PunctualLight sun;
  sun.type = assets::LightType::Directional;
  lights.push_back(sun);
  auto chosen = render::selectLights(lights, glm::vec3(0.0f), 8);
  ASSERT_EQ(chosen.size(), 8u);
  EXPECT_EQ(chosen[0].type, assets::LightType::Directional);
  for (size_t k = 1; k < 8; ++k) EXPECT_EQ(chosen[k].position.x, float(k)) << k;
  // A far light with a long range counts by the distance to its sphere.
  lights[0].range = 11.5f;  // at x = 12, reaches to 0.5
  chosen = render::selectLights(lights, glm::vec3(0.0f), 2);
  EXPECT_EQ(chosen[1].position.x, 12.0f);
  // Transforming a model's lights: position and direction follow the instance.
  render::GpuModel model;
  model.lights.push_back(render::PunctualLight{});
  std::vector<render::PunctualLight> placed;
  render::appendLights(model,
                       glm::rotate(glm::translate(glm::mat4(1.0f), glm::vec3(5, 0, 0)), glm::radians(90.0f),
                                   glm::vec3(0, 1, 0)),
                       placed);
  ASSERT_EQ(placed.size(), 1u);
  EXPECT_NEAR(placed[0].position.x, 5.0f, 1e-5f);
  EXPECT_NEAR(placed[0].direction.x, -1.0f, 1e-5f);  // -Z turned 90 degrees about +Y
}

}  // namespace
}  // namespace cx::testing
