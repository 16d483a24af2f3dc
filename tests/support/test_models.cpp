#include "test_models.h"

#include <cmath>
#include <functional>
#include <utility>

#include <glm/gtc/constants.hpp>
#include <glm/gtc/matrix_transform.hpp>

#include "cx/assets/geometry.h"
#include "cx/assets/gltf.h"

namespace cx::testing {
namespace {
using assets::AlphaMode;
using assets::ColorSpace;
using assets::Image;
using assets::Material;
using assets::Model;
using assets::Primitive;
using assets::Vertex;

// Axis-aligned box with 4 vertices per face so every face has its own normal and full UVs.
Primitive makeBox(glm::vec3 half, int material) {
  Primitive p;
  p.material = material;
  struct Face {
    glm::vec3 normal, right, up;
  };
  const Face faces[] = {
      {{1, 0, 0}, {0, 0, -1}, {0, 1, 0}}, {{-1, 0, 0}, {0, 0, 1}, {0, 1, 0}},
      {{0, 1, 0}, {1, 0, 0}, {0, 0, -1}}, {{0, -1, 0}, {1, 0, 0}, {0, 0, 1}},
      {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}},  {{0, 0, -1}, {-1, 0, 0}, {0, 1, 0}},
  };
  for (const Face& f : faces) {
    const uint32_t base = uint32_t(p.vertices.size());
    const glm::vec2 corners[4] = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
    for (const glm::vec2& c : corners) {
      Vertex v;
      v.position = (f.normal + f.right * c.x + f.up * c.y) * half;
      v.normal = f.normal;
      v.uv0 = glm::vec2(c.x * 0.5f + 0.5f, 0.5f - c.y * 0.5f);  // glTF UV: v grows downwards
      p.vertices.push_back(v);
    }
    p.indices.insert(p.indices.end(), {base, base + 1, base + 2, base, base + 2, base + 3});
  }
  return p;
}

// Quad in the XY plane facing +Z; the image's top row maps to the top edge.
Primitive makeQuad(float width, float height, int material) {
  Primitive p;
  p.material = material;
  const glm::vec2 corners[4] = {{-0.5f, -0.5f}, {0.5f, -0.5f}, {0.5f, 0.5f}, {-0.5f, 0.5f}};
  for (const glm::vec2& c : corners) {
    Vertex v;
    v.position = glm::vec3(c.x * width, c.y * height, 0.0f);
    v.normal = glm::vec3(0, 0, 1);
    v.uv0 = glm::vec2(c.x + 0.5f, 0.5f - c.y);
    p.vertices.push_back(v);
  }
  p.indices = {0, 1, 2, 0, 2, 3};
  return p;
}

Image makeImage(const std::string& name, uint32_t size, ColorSpace space,
                const std::function<glm::u8vec4(uint32_t x, uint32_t y)>& pixel) {
  Image image;
  image.name = name;
  image.width = image.height = size;
  image.colorSpace = space;
  image.rgba8.reserve(size_t(size) * size * 4);
  for (uint32_t y = 0; y < size; ++y)
    for (uint32_t x = 0; x < size; ++x) {
      glm::u8vec4 c = pixel(x, y);
      image.rgba8.insert(image.rgba8.end(), {c.r, c.g, c.b, c.a});
    }
  return image;
}

Material makeMaterial(const std::string& name, glm::vec4 baseColor, float metallic, float roughness) {
  Material m;
  m.name = name;
  m.baseColorFactor = baseColor;
  m.metallicFactor = metallic;
  m.roughnessFactor = roughness;
  return m;
}

// Adds a one-primitive mesh and one instance of it.
void addObject(Model& model, const std::string& name, Primitive primitive, const glm::mat4& world) {
  assets::Mesh mesh;
  mesh.name = name;
  mesh.primitives.push_back(std::move(primitive));
  model.meshes.push_back(std::move(mesh));
  model.instances.push_back({uint32_t(model.meshes.size() - 1), world});
}

Model finish(Model model, const std::string& name) {
  model.name = name;
  assets::computeBounds(model);
  return model;
}

Model cubeWithColor(const std::string& name, glm::vec4 color) {
  Model model;
  model.materials.push_back(makeMaterial(name + "_material", color, 0.0f, 0.5f));
  addObject(model, "cube", makeBox(glm::vec3(0.5f), 0), glm::mat4(1.0f));
  return finish(std::move(model), name);
}

glm::mat4 trs(glm::vec3 t, float angleDeg, glm::vec3 axis, glm::vec3 s) {
  glm::mat4 m = glm::translate(glm::mat4(1.0f), t);
  m = glm::rotate(m, glm::radians(angleDeg), glm::normalize(axis));
  return glm::scale(m, s);
}

}  // namespace

Model litCube() {
  return cubeWithColor("litCube", glm::vec4(1.0f, 0.45f, 0.05f, 1.0f));
}

Model boothParts() {
  Model model;
  model.materials.push_back(makeMaterial("floor", glm::vec4(0.35f, 0.36f, 0.38f, 1.0f), 0.0f, 0.9f));
  model.materials.push_back(makeMaterial("cx_primary", glm::vec4(0.8f, 0.8f, 0.8f, 1.0f), 0.8f, 0.3f));
  model.materials.push_back(makeMaterial("cx_secondary", glm::vec4(0.3f, 0.3f, 0.3f, 1.0f), 0.0f, 0.5f));
  auto boxAt = [](glm::vec3 center, glm::vec3 half, int material) {
    Primitive p = makeBox(half, material);
    for (Vertex& v : p.vertices) v.position += center;
    return p;
  };
  assets::Mesh mesh;
  mesh.name = "booth";
  mesh.primitives.push_back(boxAt({0.0f, 0.2f, 0.0f}, {1.5f, 0.2f, 1.5f}, 0));
  mesh.primitives.push_back(boxAt({0.0f, 1.4f, -1.2f}, {1.2f, 1.2f, 0.25f}, 1));
  mesh.primitives.push_back(boxAt({0.6f, 0.7f, 0.8f}, {0.5f, 0.5f, 0.4f}, 2));
  // A thin plate hidden inside the counter: its edges are thin strips, so the mesh has a far LOD
  // (without them) that looks the same.
  mesh.primitives.push_back(boxAt({0.6f, 0.7f, 0.8f}, {0.02f, 0.3f, 0.3f}, 0));
  model.meshes.push_back(std::move(mesh));
  model.instances.push_back({0, glm::mat4(1.0f)});
  return finish(std::move(model), "boothParts");
}

Model wrongMaterialLitCube() {
  return cubeWithColor("wrongMaterialLitCube", glm::vec4(0.05f, 0.2f, 1.0f, 1.0f));
}

Model texturedQuad() {
  Model model;
  model.images.push_back(makeImage("checker", 64, ColorSpace::Srgb, [](uint32_t x, uint32_t y) {
    const glm::u8vec4 quadrant[2][2] = {{{230, 40, 40, 255}, {40, 200, 60, 255}},    // top: red, green
                                        {{40, 80, 230, 255}, {240, 220, 40, 255}}};  // bottom: blue, yellow
    glm::u8vec4 c = quadrant[y / 32][x / 32];
    bool light = ((x / 8) + (y / 8)) % 2 == 0;
    return light ? c : glm::u8vec4(c.r / 3, c.g / 3, c.b / 3, 255);
  }));
  assets::Sampler sampler;
  sampler.magFilter = assets::Filter::Nearest;
  sampler.wrapS = sampler.wrapT = assets::Wrap::ClampToEdge;
  model.samplers.push_back(sampler);
  Material m = makeMaterial("checker", glm::vec4(1.0f), 0.0f, 0.8f);
  m.baseColorTexture.image = 0;
  m.baseColorTexture.sampler = 0;
  model.materials.push_back(m);
  addObject(model, "quad", makeQuad(2.0f, 2.0f, 0), glm::mat4(1.0f));
  return finish(std::move(model), "texturedQuad");
}

Model alphaMaskQuad() {
  Model model;
  model.images.push_back(makeImage("cutout", 64, ColorSpace::Srgb, [](uint32_t x, uint32_t y) {
    float dx = float(x) + 0.5f - 32.0f, dy = float(y) + 0.5f - 32.0f;
    bool hole = dx * dx + dy * dy < 20.0f * 20.0f;
    return glm::u8vec4(30, 170, 160, hole ? 0 : 255);
  }));
  Material m = makeMaterial("cutout", glm::vec4(1.0f), 0.0f, 0.7f);
  m.baseColorTexture.image = 0;
  m.alphaMode = AlphaMode::Mask;
  m.alphaCutoff = 0.5f;
  model.materials.push_back(m);
  addObject(model, "quad", makeQuad(2.0f, 2.0f, 0), glm::mat4(1.0f));
  return finish(std::move(model), "alphaMaskQuad");
}

Model alphaBlendQuads() {
  Model model;
  model.materials.push_back(makeMaterial("opaque_grey", glm::vec4(0.7f, 0.7f, 0.7f, 1.0f), 0.0f, 0.9f));
  Material red = makeMaterial("glass_red", glm::vec4(1.0f, 0.1f, 0.1f, 0.5f), 0.0f, 0.5f);
  red.alphaMode = AlphaMode::Blend;
  Material blue = makeMaterial("glass_blue", glm::vec4(0.1f, 0.2f, 1.0f, 0.5f), 0.0f, 0.5f);
  blue.alphaMode = AlphaMode::Blend;
  model.materials.push_back(red);
  model.materials.push_back(blue);
  addObject(model, "back", makeQuad(3.0f, 2.0f, 0), glm::translate(glm::mat4(1.0f), {0.0f, 0.0f, -0.6f}));
  addObject(model, "red", makeQuad(1.4f, 1.4f, 1), glm::translate(glm::mat4(1.0f), {-0.4f, 0.1f, 0.0f}));
  addObject(model, "blue", makeQuad(1.4f, 1.4f, 2), glm::translate(glm::mat4(1.0f), {0.4f, -0.1f, 0.3f}));
  return finish(std::move(model), "alphaBlendQuads");
}

Model doubleSidedPlane() {
  Model model;
  Material twoSided = makeMaterial("double_sided", glm::vec4(0.2f, 0.8f, 0.3f, 1.0f), 0.0f, 0.6f);
  twoSided.doubleSided = true;
  Material oneSided = makeMaterial("single_sided", glm::vec4(0.8f, 0.2f, 0.8f, 1.0f), 0.0f, 0.6f);
  model.materials.push_back(twoSided);
  model.materials.push_back(oneSided);
  // Turned 160 degrees about Y: the front faces away from a camera on the +Z side.
  addObject(model, "visible_back", makeQuad(1.5f, 1.5f, 0),
            trs({-1.0f, 0, 0}, 160.0f, {0, 1, 0}, glm::vec3(1.0f)));
  addObject(model, "culled_back", makeQuad(1.5f, 1.5f, 1),
            trs({1.0f, 0, 0}, 160.0f, {0, 1, 0}, glm::vec3(1.0f)));
  return finish(std::move(model), "doubleSidedPlane");
}

Model normalMappedPlane() {
  Model model;
  // Height field of round bumps; the normal map stores (-dh/du, +dh/dv, 1) normalised, i.e.
  // tangent-space X right and Y up in the image, as glTF expects.
  model.images.push_back(makeImage("bumps_normal", 64, ColorSpace::Linear, [](uint32_t x, uint32_t y) {
    const float k = 2.0f * glm::pi<float>() / 16.0f;  // 4 bumps across
    float u = float(x) + 0.5f, v = float(y) + 0.5f;
    float dhdu = 0.8f * std::cos(k * u) * std::sin(k * v);
    float dhdv = 0.8f * std::sin(k * u) * std::cos(k * v);
    glm::vec3 n = glm::normalize(glm::vec3(-dhdu, dhdv, 1.0f));
    glm::vec3 c = (n * 0.5f + 0.5f) * 255.0f + 0.5f;
    return glm::u8vec4(uint8_t(c.x), uint8_t(c.y), uint8_t(c.z), 255);
  }));
  Material m = makeMaterial("bumpy", glm::vec4(0.8f, 0.8f, 0.85f, 1.0f), 0.0f, 0.4f);
  m.normalTexture.image = 0;
  m.normalScale = 1.0f;
  model.materials.push_back(m);
  addObject(model, "plane", makeQuad(2.0f, 2.0f, 0), glm::mat4(1.0f));
  return finish(std::move(model), "normalMappedPlane");
}

Model multiNodeScene() {
  Model model;
  model.materials.push_back(makeMaterial("red", glm::vec4(0.9f, 0.15f, 0.1f, 1.0f), 0.0f, 0.5f));
  model.materials.push_back(makeMaterial("green", glm::vec4(0.1f, 0.8f, 0.2f, 1.0f), 0.0f, 0.5f));
  model.materials.push_back(makeMaterial("blue", glm::vec4(0.1f, 0.3f, 0.9f, 1.0f), 0.0f, 0.5f));
  // Scale is uniform on the inner nodes (non-uniform only on the leaf) so every world matrix
  // stays decomposable into TRS, as glTF requires of node matrices.
  const glm::mat4 parent = trs({0.0f, -0.5f, 0.0f}, 30.0f, {0, 1, 0}, glm::vec3(1.2f));
  const glm::mat4 child = parent * trs({1.5f, 0.5f, 0.0f}, 45.0f, {0, 0, 1}, glm::vec3(0.6f));
  const glm::mat4 grandchild = child * trs({0.0f, 1.6f, 0.0f}, 25.0f, {1, 0, 0}, {0.5f, 1.5f, 0.5f});
  addObject(model, "parent_box", makeBox({0.8f, 0.3f, 0.5f}, 0), parent);
  addObject(model, "child_cube", makeBox(glm::vec3(0.5f), 1), child);
  addObject(model, "grandchild_cube", makeBox(glm::vec3(0.5f), 2), grandchild);
  return finish(std::move(model), "multiNodeScene");
}

Model emissiveObject() {
  Model model;
  model.images.push_back(makeImage("stripes", 32, ColorSpace::Srgb, [](uint32_t, uint32_t y) {
    bool lit = (y / 4) % 2 == 0;
    return lit ? glm::u8vec4(255, 255, 255, 255) : glm::u8vec4(0, 0, 0, 255);
  }));
  Material m = makeMaterial("glow", glm::vec4(0.04f, 0.04f, 0.05f, 1.0f), 0.0f, 0.6f);
  m.emissiveTexture.image = 0;
  m.emissiveFactor = glm::vec3(0.5f, 0.3f, 0.1f);
  m.emissiveStrength = 2.0f;  // effective emission (1.0, 0.6, 0.2)
  model.materials.push_back(m);
  addObject(model, "cube", makeBox(glm::vec3(0.5f), 0), glm::rotate(glm::mat4(1.0f), 0.3f, {0, 1, 0}));
  return finish(std::move(model), "emissiveObject");
}

const std::vector<std::string>& testModelNames() {
  static const std::vector<std::string> names = {
      "litCube",          "wrongMaterialLitCube", "texturedQuad",   "alphaMaskQuad", "alphaBlendQuads",
      "doubleSidedPlane", "normalMappedPlane",    "multiNodeScene", "emissiveObject"};
  return names;
}

Result<Model> makeTestModel(const std::string& name) {
  static const std::pair<const char*, Model (*)()> builders[] = {
      {"litCube", &litCube},
      {"wrongMaterialLitCube", &wrongMaterialLitCube},
      {"texturedQuad", &texturedQuad},
      {"alphaMaskQuad", &alphaMaskQuad},
      {"alphaBlendQuads", &alphaBlendQuads},
      {"doubleSidedPlane", &doubleSidedPlane},
      {"normalMappedPlane", &normalMappedPlane},
      {"multiNodeScene", &multiNodeScene},
      {"emissiveObject", &emissiveObject},
  };
  for (const auto& [builderName, build] : builders)
    if (name == builderName) return build();
  return makeError("unknown test model \"" + name + "\"");
}

Result<std::filesystem::path> writeTestModel(const std::string& name, const std::filesystem::path& dir,
                                             bool binary) {
  auto model = makeTestModel(name);
  if (!model) return model.error();
  std::filesystem::path path = dir / (name + (binary ? ".glb" : ".gltf"));
  assets::GltfWriteOptions options;
  options.binary = binary;
  if (auto st = assets::writeGltf(path, *model, options); !st) return st.error();
  return path;
}

}  // namespace cx::testing
