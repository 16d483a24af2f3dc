// KHR_lights_punctual: lights and the nodes that place them, bad references, the writer.
#include <gtest/gtest.h>

#include <glm/gtc/matrix_transform.hpp>

#include "assets_gltf_builder.h"
#include "cx/assets/gltf.h"

namespace cx::assets::test {
namespace {
using nlohmann::json;

Result<Model> loadLightsGltf(const std::string& text, const std::string& name = "lights.gltf") {
  std::vector<uint8_t> bytes(text.begin(), text.end());
  return loadGltfFromMemory(bytes, name, {});
}

json threeLights() {
  return {{"KHR_lights_punctual",
           {{"lights", json::array({
                           {{"type", "directional"}, {"color", {1, 0.9, 0.8}}, {"intensity", 3}, {"name", "sun"}},
                           {{"type", "point"}, {"intensity", 20}, {"range", 5}},
                           {{"type", "spot"},
                            {"color", {0, 0, 1}},
                            {"spot", {{"innerConeAngle", 0.2}, {"outerConeAngle", 0.5}}}},
                       })}}}};
}

TEST(GltfLights, LightsAndTheirNodesAreRead) {
  GltfBuilder b;
  b.doc["extensionsUsed"] = {"KHR_lights_punctual"};
  b.doc["extensionsRequired"] = {"KHR_lights_punctual"};
  b.doc["extensions"] = threeLights();
  b.doc["nodes"] = json::array({
      {{"children", {1}}, {"translation", {0, 2, 0}}},
      {{"translation", {1, 0, 0}}, {"extensions", {{"KHR_lights_punctual", {{"light", 1}}}}}},
      {{"rotation", {-0.7071068, 0, 0, 0.7071068}}, {"extensions", {{"KHR_lights_punctual", {{"light", 2}}}}}},
      {{"extensions", {{"KHR_lights_punctual", {{"light", 0}}}}}},
  });
  b.doc["scenes"] = json::array({{{"nodes", {0, 2, 3}}}});
  b.doc["scene"] = 0;
  auto model = loadLightsGltf(b.dump());
  ASSERT_TRUE(model.ok()) << model.message();
  ASSERT_EQ(model->lights.size(), 3u);
  const Light& sun = model->lights[0];
  EXPECT_EQ(sun.type, LightType::Directional);
  EXPECT_EQ(sun.name, "sun");
  EXPECT_EQ(sun.color, glm::vec3(1, 0.9f, 0.8f));
  EXPECT_EQ(sun.intensity, 3.0f);
  const Light& point = model->lights[1];
  EXPECT_EQ(point.type, LightType::Point);
  EXPECT_EQ(point.color, glm::vec3(1.0f));
  EXPECT_EQ(point.range, 5.0f);
  EXPECT_EQ(point.intensity, 20.0f);
  const Light& spot = model->lights[2];
  EXPECT_EQ(spot.type, LightType::Spot);
  EXPECT_EQ(spot.innerConeAngle, 0.2f);
  EXPECT_EQ(spot.outerConeAngle, 0.5f);
  EXPECT_EQ(spot.range, 0.0f);

  ASSERT_EQ(model->lightInstances.size(), 3u);
  // The child of the translated parent sits at (1, 2, 0).
  EXPECT_EQ(model->lightInstances[0].light, 1u);
  EXPECT_EQ(glm::vec3(model->lightInstances[0].world[3]), glm::vec3(1, 2, 0));
  // -90 degrees about X turns the spot's -Z axis to point down.
  EXPECT_EQ(model->lightInstances[1].light, 2u);
  glm::vec3 dir = -glm::vec3(model->lightInstances[1].world[2]);
  EXPECT_NEAR(dir.y, -1.0f, 1e-5f);
  EXPECT_EQ(model->lightInstances[2].light, 0u);

  // The writer keeps lights and placements.
  for (bool binary : {true, false}) {
    auto bytes = writeGltfToMemory(*model, binary ? "l.glb" : "l.gltf", {.binary = binary});
    ASSERT_TRUE(bytes.ok()) << bytes.message();
    auto again = loadGltfFromMemory(*bytes, binary ? "l.glb" : "l.gltf", {});
    ASSERT_TRUE(again.ok()) << again.message();
    ASSERT_EQ(again->lights.size(), 3u);
    ASSERT_EQ(again->lightInstances.size(), 3u);
    for (size_t i = 0; i < 3; ++i) {
      const Light& a = model->lights[i];
      const Light& c = again->lights[i];
      EXPECT_EQ(a.type, c.type);
      EXPECT_EQ(a.color, c.color);
      EXPECT_EQ(a.intensity, c.intensity);
      EXPECT_EQ(a.range, c.range);
      EXPECT_EQ(a.innerConeAngle, c.innerConeAngle);
      EXPECT_EQ(a.outerConeAngle, c.outerConeAngle);
      EXPECT_EQ(model->lightInstances[i].light, again->lightInstances[i].light);
      for (int col = 0; col < 4; ++col)
        for (int row = 0; row < 4; ++row)
          EXPECT_NEAR(model->lightInstances[i].world[col][row], again->lightInstances[i].world[col][row], 1e-6f);
    }
  }
}

TEST(GltfLights, BadLightsFailOrWarnWithOneLine) {
  auto withNodeLight = [](json lights, json nodeExt) {
    GltfBuilder b;
    b.doc["extensionsUsed"] = {"KHR_lights_punctual"};
    b.doc["extensions"] = {{"KHR_lights_punctual", {{"lights", lights}}}};
    b.doc["nodes"] = json::array({{{"extensions", {{"KHR_lights_punctual", nodeExt}}}}});
    b.doc["scenes"] = json::array({{{"nodes", {0}}}});
    return b.dump();
  };
  json onePoint = json::array({{{"type", "point"}}});
  expectOneLineError(loadLightsGltf(withNodeLight(onePoint, {{"light", 3}}), "bad.gltf"), "bad.gltf",
                     "nodes[0].extensions.KHR_lights_punctual: lights[3] does not exist (1 lights)");
  expectOneLineError(loadLightsGltf(withNodeLight(onePoint, json::object()), "bad.gltf"), "bad.gltf",
                     "\"light\" is missing");
  expectOneLineError(loadLightsGltf(withNodeLight(json::array({{{"type", "area"}}}), {{"light", 0}}), "bad.gltf"),
                     "bad.gltf", "lights[0]: unknown light type \"area\"");
  auto swapped = loadLightsGltf(withNodeLight(json::array({{{"type", "spot"},
                                                      {"intensity", -2},
                                                      {"spot", {{"innerConeAngle", 0.6}, {"outerConeAngle", 0.3}}}}}),
                                        {{"light", 0}}));
  ASSERT_TRUE(swapped.ok()) << swapped.message();
  EXPECT_EQ(swapped->lights[0].innerConeAngle, 0.0f);
  EXPECT_NEAR(swapped->lights[0].outerConeAngle, 0.7853982f, 1e-6f);
  EXPECT_EQ(swapped->lights[0].intensity, 1.0f);
  EXPECT_EQ(swapped->warnings.size(), 2u);

  Model model;
  model.lights.push_back({});
  model.lightInstances.push_back({4, glm::mat4(1.0f)});
  auto written = writeGltfToMemory(model, "w.glb");
  expectOneLineError(written, "w.glb", "lightInstances[0]: light 4 does not exist (1 lights)");
}

}  // namespace
}  // namespace cx::assets::test
