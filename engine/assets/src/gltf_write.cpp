// cx::assets::Model -> glTF 2.0 (.glb or .gltf with data URIs) through tinygltf's serializer.
// One buffer; one tightly packed bufferView per accessor; images as PNG in bufferViews; one node
// per MeshInstance carrying its world matrix.
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <set>
#include <sstream>

#include "cx/assets/gltf.h"
#include "cx/core/file.h"
#include <tiny_gltf.h>

#include "gltf_internal.h"

namespace cx::assets {
namespace {

template <glm::length_t N>
bool finite(const glm::vec<N, float>& v) {
  return !glm::any(glm::isnan(v)) && !glm::any(glm::isinf(v));
}

struct Writer {
  const Model& model;
  std::string file;
  tinygltf::Model doc;
  std::vector<unsigned char> bin;
  std::set<std::string> extensionsUsed;
  std::map<std::pair<int, int>, int> textures;  // (image, sampler) -> glTF texture

  Error error(std::string_view place, std::string_view problem) const {
    return makeError(fmt::format("{}: {}: {}", file, place, problem));
  }

  int addView(const void* data, size_t size, int target) {
    while (bin.size() % 4 != 0) bin.push_back(0);
    tinygltf::BufferView view;
    view.buffer = 0;
    view.byteOffset = bin.size();
    view.byteLength = size;
    view.target = target;
    const auto* bytes = static_cast<const unsigned char*>(data);
    bin.insert(bin.end(), bytes, bytes + size);
    doc.bufferViews.push_back(std::move(view));
    return int(doc.bufferViews.size() - 1);
  }

  template <class T>
  int addAccessor(const std::vector<T>& values, int componentType, int type, size_t count, int target) {
    tinygltf::Accessor a;
    a.bufferView = addView(values.data(), values.size() * sizeof(T), target);
    a.componentType = componentType;
    a.type = type;
    a.count = count;
    doc.accessors.push_back(std::move(a));
    return int(doc.accessors.size() - 1);
  }

  Status checkTextureRef(const TextureRef& ref, const std::string& place) const {
    if (ref.image < 0) return {};
    if (size_t(ref.image) >= model.images.size())
      return error(place, fmt::format("image {} does not exist ({} images)", ref.image, model.images.size()));
    if (ref.sampler >= 0 && size_t(ref.sampler) >= model.samplers.size())
      return error(
          place, fmt::format("sampler {} does not exist ({} samplers)", ref.sampler, model.samplers.size()));
    return {};
  }

  // Fills `info` for a non-empty slot; returns false when the slot is empty.
  bool textureInfo(const TextureRef& ref, int& index, int& texCoord, tinygltf::ExtensionMap& extensions) {
    if (ref.image < 0) return false;
    int sampler = ref.sampler < 0 ? -1 : ref.sampler;
    auto key = std::make_pair(ref.image, sampler);
    auto it = textures.find(key);
    if (it == textures.end()) {
      tinygltf::Texture texture;
      texture.source = ref.image;
      texture.sampler = sampler;
      doc.textures.push_back(texture);
      it = textures.emplace(key, int(doc.textures.size() - 1)).first;
    }
    index = it->second;
    texCoord = ref.texCoord == 1 ? 1 : 0;  // TEXCOORD_1 is written for primitives that have it
    const TextureTransform& t = ref.transform;
    if (t.offset != glm::vec2(0.0f) || t.rotation != 0.0f || t.scale != glm::vec2(1.0f)) {
      tinygltf::Value::Object ext;
      if (t.offset != glm::vec2(0.0f))
        ext["offset"] = tinygltf::Value(
            tinygltf::Value::Array{tinygltf::Value(double(t.offset.x)), tinygltf::Value(double(t.offset.y))});
      if (t.rotation != 0.0f) ext["rotation"] = tinygltf::Value(double(t.rotation));
      if (t.scale != glm::vec2(1.0f))
        ext["scale"] = tinygltf::Value(
            tinygltf::Value::Array{tinygltf::Value(double(t.scale.x)), tinygltf::Value(double(t.scale.y))});
      extensions["KHR_texture_transform"] = tinygltf::Value(std::move(ext));
      extensionsUsed.insert("KHR_texture_transform");
    }
    return true;
  }

  Status writeImages() {
    for (size_t i = 0; i < model.images.size(); ++i) {
      const Image& image = model.images[i];
      auto png = detail::encodePng(image.width, image.height, image.rgba8);
      if (!png) return error(fmt::format("images[{}]", i), png.message());
      tinygltf::Image out;
      out.name = image.name;
      out.mimeType = "image/png";
      out.bufferView = addView(png->data(), png->size(), 0);
      doc.images.push_back(std::move(out));
    }
    for (const Sampler& s : model.samplers) {
      tinygltf::Sampler out;
      out.magFilter =
          s.magFilter == Filter::Nearest ? TINYGLTF_TEXTURE_FILTER_NEAREST : TINYGLTF_TEXTURE_FILTER_LINEAR;
      if (s.mipmaps)
        out.minFilter = s.minFilter == Filter::Nearest ? TINYGLTF_TEXTURE_FILTER_NEAREST_MIPMAP_NEAREST
                                                       : TINYGLTF_TEXTURE_FILTER_LINEAR_MIPMAP_LINEAR;
      else
        out.minFilter =
            s.minFilter == Filter::Nearest ? TINYGLTF_TEXTURE_FILTER_NEAREST : TINYGLTF_TEXTURE_FILTER_LINEAR;
      auto wrap = [](Wrap w) {
        switch (w) {
          case Wrap::ClampToEdge:
            return TINYGLTF_TEXTURE_WRAP_CLAMP_TO_EDGE;
          case Wrap::MirroredRepeat:
            return TINYGLTF_TEXTURE_WRAP_MIRRORED_REPEAT;
          default:
            return TINYGLTF_TEXTURE_WRAP_REPEAT;
        }
      };
      out.wrapS = wrap(s.wrapS);
      out.wrapT = wrap(s.wrapT);
      doc.samplers.push_back(out);
    }
    return {};
  }

  Status writeMaterials() {
    for (size_t i = 0; i < model.materials.size(); ++i) {
      const Material& m = model.materials[i];
      const std::string place = fmt::format("materials[{}]", i);
      for (const TextureRef* ref : {&m.baseColorTexture, &m.metallicRoughnessTexture, &m.normalTexture,
                                    &m.occlusionTexture, &m.emissiveTexture})
        if (auto st = checkTextureRef(*ref, place); !st) return st;
      tinygltf::Material out;
      out.name = m.name;
      auto& pbr = out.pbrMetallicRoughness;
      pbr.baseColorFactor = {m.baseColorFactor.r, m.baseColorFactor.g, m.baseColorFactor.b,
                             m.baseColorFactor.a};
      pbr.metallicFactor = m.metallicFactor;
      pbr.roughnessFactor = m.roughnessFactor;
      textureInfo(m.baseColorTexture, pbr.baseColorTexture.index, pbr.baseColorTexture.texCoord,
                  pbr.baseColorTexture.extensions);
      textureInfo(m.metallicRoughnessTexture, pbr.metallicRoughnessTexture.index,
                  pbr.metallicRoughnessTexture.texCoord, pbr.metallicRoughnessTexture.extensions);
      if (textureInfo(m.normalTexture, out.normalTexture.index, out.normalTexture.texCoord,
                      out.normalTexture.extensions))
        out.normalTexture.scale = m.normalScale;
      if (textureInfo(m.occlusionTexture, out.occlusionTexture.index, out.occlusionTexture.texCoord,
                      out.occlusionTexture.extensions))
        out.occlusionTexture.strength = m.occlusionStrength;
      textureInfo(m.emissiveTexture, out.emissiveTexture.index, out.emissiveTexture.texCoord,
                  out.emissiveTexture.extensions);
      out.emissiveFactor = {m.emissiveFactor.r, m.emissiveFactor.g, m.emissiveFactor.b};
      out.alphaMode = m.alphaMode == AlphaMode::Mask    ? "MASK"
                      : m.alphaMode == AlphaMode::Blend ? "BLEND"
                                                        : "OPAQUE";
      out.alphaCutoff = m.alphaMode == AlphaMode::Mask ? m.alphaCutoff : 0.5;
      out.doubleSided = m.doubleSided;
      if (m.emissiveStrength != 1.0f) {
        tinygltf::Value::Object ext;
        ext["emissiveStrength"] = tinygltf::Value(double(m.emissiveStrength));
        out.extensions["KHR_materials_emissive_strength"] = tinygltf::Value(std::move(ext));
        extensionsUsed.insert("KHR_materials_emissive_strength");
      }
      if (m.unlit) {
        out.extensions["KHR_materials_unlit"] = tinygltf::Value(tinygltf::Value::Object{});
        extensionsUsed.insert("KHR_materials_unlit");
      }
      doc.materials.push_back(std::move(out));
    }
    return {};
  }

  static bool tangentsUsable(const Primitive& p) {
    if (!p.hasTangents) return false;
    for (const Vertex& v : p.vertices) {
      float len = glm::length(glm::vec3(v.tangent));
      if (!std::isfinite(len) || len < 1e-6f || !std::isfinite(v.tangent.w)) return false;
    }
    return true;
  }

  // Returns -1 for a primitive with nothing to draw (glTF accessors need count >= 1).
  Result<int> writePrimitive(const Primitive& p, const std::string& place, tinygltf::Mesh& mesh) {
    if (p.vertices.empty() || p.indices.empty()) return -1;
    const size_t n = p.vertices.size();
    if (p.indices.size() % 3 != 0)
      return error(place, fmt::format("{} indices is not a multiple of 3", p.indices.size()));
    for (size_t i = 0; i < p.indices.size(); ++i)
      if (p.indices[i] >= n)
        return error(place, fmt::format("index {} at {} is out of range ({} vertices)", p.indices[i], i, n));
    if (p.material < -1 || (p.material >= 0 && size_t(p.material) >= model.materials.size()))
      return error(place, fmt::format("material {} does not exist ({} materials)", p.material,
                                      model.materials.size()));

    // A material that reads TEXCOORD_1 needs it on every primitive that uses it (the validator's
    // MESH_PRIMITIVE_TOO_FEW_TEXCOORDS): uv1 is then written even where it was not set (uv0 or 0).
    bool writeUv1 = p.hasUv1;
    if (p.material >= 0) {
      const Material& m = model.materials[size_t(p.material)];
      for (const TextureRef* ref : {&m.baseColorTexture, &m.metallicRoughnessTexture, &m.normalTexture,
                                    &m.occlusionTexture, &m.emissiveTexture})
        writeUv1 = writeUv1 || (ref->image >= 0 && ref->texCoord == 1);
    }
    std::vector<float> positions, normals, tangents, uvs, uvs1, colors;
    positions.reserve(n * 3);
    glm::vec3 lo(std::numeric_limits<float>::max()), hi(std::numeric_limits<float>::lowest());
    bool hasColor = false;
    for (const Vertex& v : p.vertices) {
      if (!std::isfinite(v.position.x) || !std::isfinite(v.position.y) || !std::isfinite(v.position.z))
        return error(place, "a vertex position is not finite");
      positions.insert(positions.end(), {v.position.x, v.position.y, v.position.z});
      lo = glm::min(lo, v.position);
      hi = glm::max(hi, v.position);
      float len = glm::length(v.normal);
      glm::vec3 normal = (len > 1e-12f && std::isfinite(len)) ? v.normal / len : glm::vec3(0, 0, 1);
      normals.insert(normals.end(), {normal.x, normal.y, normal.z});
      glm::vec2 uv = finite(v.uv0) ? v.uv0 : glm::vec2(0.0f);
      uvs.insert(uvs.end(), {uv.x, uv.y});
      if (writeUv1) {
        glm::vec2 uv1 = finite(v.uv1) ? v.uv1 : glm::vec2(0.0f);
        uvs1.insert(uvs1.end(), {uv1.x, uv1.y});
      }
      glm::vec4 color = glm::clamp(finite(v.color) ? v.color : glm::vec4(1.0f), 0.0f, 1.0f);
      colors.insert(colors.end(), {color.r, color.g, color.b, color.a});
      hasColor = hasColor || color != glm::vec4(1.0f);
    }

    tinygltf::Primitive out;
    out.mode = TINYGLTF_MODE_TRIANGLES;
    out.material = p.material;
    int pos = addAccessor(positions, TINYGLTF_COMPONENT_TYPE_FLOAT, TINYGLTF_TYPE_VEC3, n,
                          TINYGLTF_TARGET_ARRAY_BUFFER);
    doc.accessors[size_t(pos)].minValues = {lo.x, lo.y, lo.z};
    doc.accessors[size_t(pos)].maxValues = {hi.x, hi.y, hi.z};
    out.attributes["POSITION"] = pos;
    out.attributes["NORMAL"] = addAccessor(normals, TINYGLTF_COMPONENT_TYPE_FLOAT, TINYGLTF_TYPE_VEC3, n,
                                           TINYGLTF_TARGET_ARRAY_BUFFER);
    if (tangentsUsable(p)) {
      tangents.reserve(n * 4);
      for (const Vertex& v : p.vertices) {
        glm::vec3 t = glm::normalize(glm::vec3(v.tangent));
        tangents.insert(tangents.end(), {t.x, t.y, t.z, v.tangent.w < 0.0f ? -1.0f : 1.0f});
      }
      out.attributes["TANGENT"] = addAccessor(tangents, TINYGLTF_COMPONENT_TYPE_FLOAT, TINYGLTF_TYPE_VEC4, n,
                                              TINYGLTF_TARGET_ARRAY_BUFFER);
    }
    out.attributes["TEXCOORD_0"] =
        addAccessor(uvs, TINYGLTF_COMPONENT_TYPE_FLOAT, TINYGLTF_TYPE_VEC2, n, TINYGLTF_TARGET_ARRAY_BUFFER);
    if (writeUv1)
      out.attributes["TEXCOORD_1"] =
          addAccessor(uvs1, TINYGLTF_COMPONENT_TYPE_FLOAT, TINYGLTF_TYPE_VEC2, n, TINYGLTF_TARGET_ARRAY_BUFFER);
    if (hasColor)
      out.attributes["COLOR_0"] = addAccessor(colors, TINYGLTF_COMPONENT_TYPE_FLOAT, TINYGLTF_TYPE_VEC4, n,
                                              TINYGLTF_TARGET_ARRAY_BUFFER);
    if (n <= 65535) {  // 65535 itself is the primitive-restart value, never a valid u16 index
      std::vector<uint16_t> indices(p.indices.begin(), p.indices.end());
      out.indices = addAccessor(indices, TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT, TINYGLTF_TYPE_SCALAR,
                                indices.size(), TINYGLTF_TARGET_ELEMENT_ARRAY_BUFFER);
    } else {
      out.indices = addAccessor(p.indices, TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT, TINYGLTF_TYPE_SCALAR,
                                p.indices.size(), TINYGLTF_TARGET_ELEMENT_ARRAY_BUFFER);
    }
    mesh.primitives.push_back(std::move(out));
    return int(mesh.primitives.size() - 1);
  }

  Status writeMeshesAndNodes() {
    std::vector<int> meshIndex(model.meshes.size(), -1);
    for (size_t m = 0; m < model.meshes.size(); ++m) {
      tinygltf::Mesh mesh;
      mesh.name = model.meshes[m].name;
      for (size_t p = 0; p < model.meshes[m].primitives.size(); ++p) {
        auto written = writePrimitive(model.meshes[m].primitives[p],
                                      fmt::format("meshes[{}].primitives[{}]", m, p), mesh);
        if (!written) return written.error();
      }
      if (mesh.primitives.empty()) continue;  // glTF meshes need at least one primitive
      doc.meshes.push_back(std::move(mesh));
      meshIndex[m] = int(doc.meshes.size() - 1);
    }
    tinygltf::Scene scene;
    for (size_t i = 0; i < model.instances.size(); ++i) {
      const MeshInstance& instance = model.instances[i];
      if (instance.mesh >= model.meshes.size())
        return error(fmt::format("instances[{}]", i),
                     fmt::format("mesh {} does not exist ({} meshes)", instance.mesh, model.meshes.size()));
      if (meshIndex[instance.mesh] < 0) continue;
      tinygltf::Node node;
      node.mesh = meshIndex[instance.mesh];
      if (instance.world != glm::mat4(1.0f)) {
        node.matrix.resize(16);
        for (int c = 0; c < 4; ++c)
          for (int r = 0; r < 4; ++r) {
            float value = instance.world[c][r];
            if (!std::isfinite(value)) return error(fmt::format("instances[{}]", i), "matrix is not finite");
            node.matrix[size_t(c * 4 + r)] = value;
          }
      }
      doc.nodes.push_back(std::move(node));
      scene.nodes.push_back(int(doc.nodes.size() - 1));
    }
    if (auto st = writeLights(scene); !st) return st;
    doc.scenes.push_back(std::move(scene));
    doc.defaultScene = 0;
    return {};
  }

  // KHR_lights_punctual: the lights, and one node per LightInstance.
  Status writeLights(tinygltf::Scene& scene) {
    for (size_t i = 0; i < model.lights.size(); ++i) {
      const Light& src = model.lights[i];
      const std::string place = fmt::format("lights[{}]", i);
      if (!finite(src.color) || !std::isfinite(src.intensity) || !std::isfinite(src.range) || src.range < 0.0f)
        return error(place, "color, intensity or range is not finite");
      tinygltf::Light light;
      light.name = src.name;
      light.type = src.type == LightType::Directional ? "directional" : src.type == LightType::Spot ? "spot" : "point";
      light.color = {src.color.r, src.color.g, src.color.b};
      light.intensity = src.intensity;
      light.range = src.type == LightType::Directional ? 0.0 : src.range;
      if (src.type == LightType::Spot) {
        if (!(src.innerConeAngle >= 0.0f && src.innerConeAngle < src.outerConeAngle &&
              src.outerConeAngle <= 1.5707964f))
          return error(place, "spot cone angles must satisfy 0 <= inner < outer <= pi/2");
        light.spot.innerConeAngle = src.innerConeAngle;
        light.spot.outerConeAngle = src.outerConeAngle;
      }
      doc.lights.push_back(std::move(light));
    }
    for (size_t i = 0; i < model.lightInstances.size(); ++i) {
      const LightInstance& instance = model.lightInstances[i];
      const std::string place = fmt::format("lightInstances[{}]", i);
      if (instance.light >= model.lights.size())
        return error(place, fmt::format("light {} does not exist ({} lights)", instance.light, model.lights.size()));
      tinygltf::Node node;
      if (instance.world != glm::mat4(1.0f)) {
        node.matrix.resize(16);
        for (int c = 0; c < 4; ++c)
          for (int r = 0; r < 4; ++r) {
            float value = instance.world[c][r];
            if (!std::isfinite(value)) return error(place, "matrix is not finite");
            node.matrix[size_t(c * 4 + r)] = value;
          }
      }
      tinygltf::Value::Object ext;
      ext["light"] = tinygltf::Value(int(instance.light));
      node.extensions["KHR_lights_punctual"] = tinygltf::Value(std::move(ext));
      doc.nodes.push_back(std::move(node));
      scene.nodes.push_back(int(doc.nodes.size() - 1));
    }
    if (!model.lights.empty()) extensionsUsed.insert("KHR_lights_punctual");
    return {};
  }
};

}  // namespace

Result<std::vector<uint8_t>> writeGltfToMemory(const Model& model, const std::string& name,
                                               const GltfWriteOptions& options) {
  if (options.meshoptCompression && !options.binary)
    return makeError(fmt::format("{}: EXT_meshopt_compression is only written to binary glTF", name));
  Writer w{model, name};
  w.doc.asset.version = "2.0";
  w.doc.asset.generator = options.generator;
  if (!model.assetExtras.empty()) {
    tinygltf::Value::Object extras;
    for (const auto& [key, value] : model.assetExtras) extras[key] = tinygltf::Value(value);
    w.doc.asset.extras = tinygltf::Value(std::move(extras));
  }
  try {
    if (auto st = w.writeImages(); !st) return st.error();
    if (auto st = w.writeMaterials(); !st) return st.error();
    if (auto st = w.writeMeshesAndNodes(); !st) return st.error();
    if (!w.bin.empty()) {
      while (w.bin.size() % 4 != 0) w.bin.push_back(0);
      tinygltf::Buffer buffer;
      buffer.data = std::move(w.bin);
      w.doc.buffers.push_back(std::move(buffer));
    }
    w.doc.extensionsUsed.assign(w.extensionsUsed.begin(), w.extensionsUsed.end());

    std::ostringstream stream;
    tinygltf::TinyGLTF serializer;
    if (!serializer.WriteGltfSceneToStream(&w.doc, stream, !options.binary, options.binary) || !stream)
      return makeError(fmt::format("{}: tinygltf could not serialize the model", name));
    std::string text = std::move(stream).str();
    std::vector<uint8_t> bytes(text.begin(), text.end());
    if (options.meshoptCompression) return detail::compressGlbWithMeshopt(bytes, name);
    return bytes;
  } catch (const std::exception& e) {
    return makeError(fmt::format("{}: {}", name, detail::oneLine(e.what(), 300)));
  }
}

Status writeGltf(const std::filesystem::path& path, const Model& model, const GltfWriteOptions& options) {
  auto bytes = writeGltfToMemory(model, path.string(), options);
  if (!bytes) return bytes.error();
  return writeFileAtomic(path, std::span<const uint8_t>(*bytes));
}

}  // namespace cx::assets
