#pragma once
// A glTF model as plain CPU data: meshes, materials, decoded images and the flattened node
// hierarchy of the default scene. No tinygltf types appear here; the renderer uploads this as is.
#include <cstdint>
#include <string>
#include <vector>

#include <glm/glm.hpp>

namespace cx::assets {

enum class AlphaMode : uint8_t { Opaque, Mask, Blend };
enum class ColorSpace : uint8_t { Linear, Srgb };
enum class Filter : uint8_t { Nearest, Linear };
enum class Wrap : uint8_t { Repeat, ClampToEdge, MirroredRepeat };

// RGBA8, tightly packed, rows top to bottom. `colorSpace` is decided by how materials use the
// image: base colour and emissive are sRGB, everything else linear. An image used both ways is
// duplicated by the loader so every Image has exactly one colour space.
struct Image {
  std::string name;
  uint32_t width = 0;
  uint32_t height = 0;
  ColorSpace colorSpace = ColorSpace::Linear;
  std::vector<uint8_t> rgba8;
};

struct Sampler {
  Filter magFilter = Filter::Linear;
  Filter minFilter = Filter::Linear;
  bool mipmaps = true;  // glTF min filters *_MIPMAP_* or unspecified
  Wrap wrapS = Wrap::Repeat;
  Wrap wrapT = Wrap::Repeat;
};

// KHR_texture_transform, applied as uv' = offset + rotate(scale * uv).
struct TextureTransform {
  glm::vec2 offset{0.0f};
  float rotation = 0.0f;
  glm::vec2 scale{1.0f};
};

// A texture slot of a material. `image < 0` means the slot is empty.
struct TextureRef {
  int image = -1;
  int sampler = -1;  // -1: default sampler (linear, repeat, mipmapped)
  int texCoord = 0;  // only TEXCOORD_0 is supported; others are reported as warnings
  TextureTransform transform;
};

struct Material {
  std::string name;
  glm::vec4 baseColorFactor{1.0f};
  float metallicFactor = 1.0f;
  float roughnessFactor = 1.0f;
  glm::vec3 emissiveFactor{0.0f};
  float emissiveStrength = 1.0f;  // KHR_materials_emissive_strength
  float normalScale = 1.0f;
  float occlusionStrength = 1.0f;
  float alphaCutoff = 0.5f;
  AlphaMode alphaMode = AlphaMode::Opaque;
  bool doubleSided = false;
  bool unlit = false;  // KHR_materials_unlit
  TextureRef baseColorTexture;
  TextureRef metallicRoughnessTexture;
  TextureRef normalTexture;
  TextureRef occlusionTexture;
  TextureRef emissiveTexture;
};

struct Vertex {
  glm::vec3 position{0.0f};
  glm::vec3 normal{0.0f, 1.0f, 0.0f};
  glm::vec4 tangent{1.0f, 0.0f, 0.0f, 1.0f};  // xyz tangent, w bitangent sign
  glm::vec2 uv0{0.0f};
  glm::vec4 color{1.0f};  // COLOR_0, multiplies base colour
};

// Always a triangle list. Non-indexed glTF primitives get 0..n-1 indices; strips and fans are
// converted; points and lines are skipped with a warning.
struct Primitive {
  std::vector<Vertex> vertices;
  std::vector<uint32_t> indices;
  int material = -1;  // -1: the glTF default material
  glm::vec3 boundsMin{0.0f};
  glm::vec3 boundsMax{0.0f};
};

struct Mesh {
  std::string name;
  std::vector<Primitive> primitives;
};

// One mesh placed by a node of the default scene, with the node's world matrix.
struct MeshInstance {
  uint32_t mesh = 0;
  glm::mat4 world{1.0f};
};

struct Model {
  std::string name;  // file name it came from
  std::vector<Mesh> meshes;
  std::vector<Material> materials;
  std::vector<Image> images;
  std::vector<Sampler> samplers;
  std::vector<MeshInstance> instances;
  glm::vec3 boundsMin{0.0f};  // world-space bounds over all instances
  glm::vec3 boundsMax{0.0f};
  std::vector<std::string> warnings;
};

}  // namespace cx::assets
