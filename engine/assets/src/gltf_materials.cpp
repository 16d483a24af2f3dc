// glTF samplers and materials -> cx::assets, including KHR_texture_transform,
// KHR_materials_emissive_strength, KHR_materials_unlit and the per-image colour space.
#include <cmath>

#include <tiny_gltf.h>

#include "gltf_internal.h"

namespace cx::assets::detail {
namespace {

// Material texture slots in a fixed order; base colour and emissive hold sRGB colour data.
constexpr TextureRef Material::*kSlots[] = {&Material::baseColorTexture, &Material::metallicRoughnessTexture,
                                            &Material::normalTexture, &Material::occlusionTexture,
                                            &Material::emissiveTexture};
constexpr bool kSlotIsSrgb[] = {true, false, false, false, true};

const tinygltf::Value* member(const tinygltf::Value& object, const char* key) {
  if (!object.IsObject() || !object.Has(key)) return nullptr;
  return &object.Get(key);
}

// Reads object[key] as a finite number. Returns false (and leaves `out`) when absent; warns
// when present but malformed.
bool readNumber(LoadContext& ctx, const tinygltf::Value& object, const char* key, std::string_view place,
                float& out) {
  const tinygltf::Value* v = member(object, key);
  if (!v) return false;
  if (!v->IsNumber() || !std::isfinite(v->GetNumberAsDouble())) {
    ctx.warn(place, fmt::format("\"{}\" is not a finite number; ignored", key));
    return false;
  }
  out = float(v->GetNumberAsDouble());
  return true;
}

bool readVec2(LoadContext& ctx, const tinygltf::Value& object, const char* key, std::string_view place,
              glm::vec2& out) {
  const tinygltf::Value* v = member(object, key);
  if (!v) return false;
  bool ok = v->IsArray() && v->ArrayLen() == 2;
  for (int i = 0; ok && i < 2; ++i) ok = v->Get(i).IsNumber() && std::isfinite(v->Get(i).GetNumberAsDouble());
  if (!ok) {
    ctx.warn(place, fmt::format("\"{}\" is not an array of 2 numbers; ignored", key));
    return false;
  }
  out = glm::vec2(float(v->Get(0).GetNumberAsDouble()), float(v->Get(1).GetNumberAsDouble()));
  return true;
}

Result<TextureRef> readTextureRef(LoadContext& ctx, int index, int texCoord,
                                  const tinygltf::ExtensionMap& extensions, const std::string& place) {
  TextureRef ref;
  if (index < 0) return ref;
  const auto& textures = ctx.doc.textures;
  if (size_t(index) >= textures.size())
    return ctx.error(place, fmt::format("textures[{}] does not exist ({} textures)", index, textures.size()));
  const tinygltf::Texture& texture = textures[size_t(index)];
  const std::string texturePlace = fmt::format("textures[{}]", index);
  if (texture.source < 0) {
    ctx.warn(place, fmt::format("{} has no PNG/JPEG source; the slot is left empty", texturePlace));
    return ref;
  }
  if (size_t(texture.source) >= ctx.doc.images.size())
    return ctx.error(texturePlace, fmt::format("source images[{}] does not exist ({} images)", texture.source,
                                               ctx.doc.images.size()));
  if (texture.sampler >= 0 && size_t(texture.sampler) >= ctx.doc.samplers.size())
    return ctx.error(texturePlace, fmt::format("sampler samplers[{}] does not exist ({} samplers)",
                                               texture.sampler, ctx.doc.samplers.size()));
  ref.image = texture.source;
  ref.sampler = texture.sampler < 0 ? -1 : texture.sampler;
  ref.texCoord = texCoord;

  auto it = extensions.find("KHR_texture_transform");
  if (it != extensions.end()) {
    const std::string extPlace = place + ".extensions.KHR_texture_transform";
    const tinygltf::Value& ext = it->second;
    readVec2(ctx, ext, "offset", extPlace, ref.transform.offset);
    readNumber(ctx, ext, "rotation", extPlace, ref.transform.rotation);
    readVec2(ctx, ext, "scale", extPlace, ref.transform.scale);
    float overrideTexCoord = 0.0f;
    if (readNumber(ctx, ext, "texCoord", extPlace, overrideTexCoord)) ref.texCoord = int(overrideTexCoord);
  }
  if (ref.texCoord != 0 && ref.texCoord != 1) {
    ctx.warn(place, fmt::format("uses TEXCOORD_{}; only TEXCOORD_0 and TEXCOORD_1 are supported, TEXCOORD_0 is used",
                                ref.texCoord));
    ref.texCoord = 0;
  }
  return ref;
}

Result<glm::vec4> readFactor4(const LoadContext& ctx, const std::vector<double>& v,
                              const std::string& place) {
  if (v.size() != 4) return ctx.error(place, fmt::format("expected 4 numbers, got {}", v.size()));
  for (double d : v)
    if (!std::isfinite(d)) return ctx.error(place, "is not finite");
  return glm::vec4(float(v[0]), float(v[1]), float(v[2]), float(v[3]));
}

Result<glm::vec3> readFactor3(const LoadContext& ctx, const std::vector<double>& v,
                              const std::string& place) {
  if (v.empty()) return glm::vec3(0.0f);
  if (v.size() != 3) return ctx.error(place, fmt::format("expected 3 numbers, got {}", v.size()));
  for (double d : v)
    if (!std::isfinite(d)) return ctx.error(place, "is not finite");
  return glm::vec3(float(v[0]), float(v[1]), float(v[2]));
}

float finiteOr(double value, float fallback) {
  return std::isfinite(value) ? float(value) : fallback;
}

Result<Material> readMaterial(LoadContext& ctx, size_t index) {
  const tinygltf::Material& src = ctx.doc.materials[index];
  const std::string place = fmt::format("materials[{}]", index);
  const std::string pbrPlace = place + ".pbrMetallicRoughness";
  const tinygltf::PbrMetallicRoughness& pbr = src.pbrMetallicRoughness;
  Material m;
  m.name = src.name;

  auto base = readFactor4(ctx, pbr.baseColorFactor, pbrPlace + ".baseColorFactor");
  if (!base) return base.error();
  m.baseColorFactor = *base;
  m.metallicFactor = finiteOr(pbr.metallicFactor, 1.0f);
  m.roughnessFactor = finiteOr(pbr.roughnessFactor, 1.0f);
  auto emissive = readFactor3(ctx, src.emissiveFactor, place + ".emissiveFactor");
  if (!emissive) return emissive.error();
  m.emissiveFactor = *emissive;
  m.normalScale = finiteOr(src.normalTexture.scale, 1.0f);
  m.occlusionStrength = finiteOr(src.occlusionTexture.strength, 1.0f);
  m.alphaCutoff = finiteOr(src.alphaCutoff, 0.5f);
  m.doubleSided = src.doubleSided;
  if (src.alphaMode == "OPAQUE") {
    m.alphaMode = AlphaMode::Opaque;
  } else if (src.alphaMode == "MASK") {
    m.alphaMode = AlphaMode::Mask;
  } else if (src.alphaMode == "BLEND") {
    m.alphaMode = AlphaMode::Blend;
  } else {
    ctx.warn(place, fmt::format("unknown alphaMode \"{}\"; using OPAQUE", oneLine(src.alphaMode, 40)));
  }

  struct Slot {
    int index;
    int texCoord;
    const tinygltf::ExtensionMap* extensions;
    std::string place;
  };
  const Slot slots[] = {
      {pbr.baseColorTexture.index, pbr.baseColorTexture.texCoord, &pbr.baseColorTexture.extensions,
       pbrPlace + ".baseColorTexture"},
      {pbr.metallicRoughnessTexture.index, pbr.metallicRoughnessTexture.texCoord,
       &pbr.metallicRoughnessTexture.extensions, pbrPlace + ".metallicRoughnessTexture"},
      {src.normalTexture.index, src.normalTexture.texCoord, &src.normalTexture.extensions,
       place + ".normalTexture"},
      {src.occlusionTexture.index, src.occlusionTexture.texCoord, &src.occlusionTexture.extensions,
       place + ".occlusionTexture"},
      {src.emissiveTexture.index, src.emissiveTexture.texCoord, &src.emissiveTexture.extensions,
       place + ".emissiveTexture"},
  };
  for (size_t s = 0; s < std::size(slots); ++s) {
    auto ref = readTextureRef(ctx, slots[s].index, slots[s].texCoord, *slots[s].extensions, slots[s].place);
    if (!ref) return ref.error();
    m.*kSlots[s] = *ref;
  }

  const std::string extPlace = place + ".extensions";
  if (auto it = src.extensions.find("KHR_materials_emissive_strength"); it != src.extensions.end()) {
    float strength = 1.0f;
    if (readNumber(ctx, it->second, "emissiveStrength", extPlace + ".KHR_materials_emissive_strength",
                   strength)) {
      if (strength < 0.0f)
        ctx.warn(extPlace, "emissiveStrength is negative; using 1");
      else
        m.emissiveStrength = strength;
    }
  }
  if (src.extensions.count("KHR_materials_unlit")) m.unlit = true;
  return m;
}

Filter filterOf(int gl) {
  switch (gl) {
    case TINYGLTF_TEXTURE_FILTER_NEAREST:
    case TINYGLTF_TEXTURE_FILTER_NEAREST_MIPMAP_NEAREST:
    case TINYGLTF_TEXTURE_FILTER_NEAREST_MIPMAP_LINEAR:
      return Filter::Nearest;
    default:
      return Filter::Linear;
  }
}

bool knownFilter(int gl, bool allowMipmap) {
  if (gl == -1 || gl == TINYGLTF_TEXTURE_FILTER_NEAREST || gl == TINYGLTF_TEXTURE_FILTER_LINEAR) return true;
  return allowMipmap && gl >= TINYGLTF_TEXTURE_FILTER_NEAREST_MIPMAP_NEAREST &&
         gl <= TINYGLTF_TEXTURE_FILTER_LINEAR_MIPMAP_LINEAR;
}

Wrap wrapOf(LoadContext& ctx, int gl, const std::string& place) {
  switch (gl) {
    case TINYGLTF_TEXTURE_WRAP_REPEAT:
      return Wrap::Repeat;
    case TINYGLTF_TEXTURE_WRAP_CLAMP_TO_EDGE:
      return Wrap::ClampToEdge;
    case TINYGLTF_TEXTURE_WRAP_MIRRORED_REPEAT:
      return Wrap::MirroredRepeat;
    default:
      ctx.warn(place, fmt::format("unknown wrap mode {}; using REPEAT", gl));
      return Wrap::Repeat;
  }
}

}  // namespace

Status readSamplers(LoadContext& ctx, Model& out) {
  for (size_t i = 0; i < ctx.doc.samplers.size(); ++i) {
    const tinygltf::Sampler& src = ctx.doc.samplers[i];
    const std::string place = fmt::format("samplers[{}]", i);
    Sampler s;
    if (!knownFilter(src.magFilter, false))
      ctx.warn(place, fmt::format("unknown magFilter {}; using LINEAR", src.magFilter));
    if (!knownFilter(src.minFilter, true))
      ctx.warn(place, fmt::format("unknown minFilter {}; using LINEAR_MIPMAP_LINEAR", src.minFilter));
    s.magFilter = filterOf(src.magFilter);
    s.minFilter = filterOf(src.minFilter);
    s.mipmaps = !(src.minFilter == TINYGLTF_TEXTURE_FILTER_NEAREST ||
                  src.minFilter == TINYGLTF_TEXTURE_FILTER_LINEAR);
    s.wrapS = wrapOf(ctx, src.wrapS, place);
    s.wrapT = wrapOf(ctx, src.wrapT, place);
    out.samplers.push_back(s);
  }
  return {};
}

Status readMaterials(LoadContext& ctx, Model& out) {
  for (size_t i = 0; i < ctx.doc.materials.size(); ++i) {
    auto m = readMaterial(ctx, i);
    if (!m) return m.error();
    out.materials.push_back(std::move(*m));
  }

  // Every Image gets exactly one colour space: sRGB when a base colour or emissive slot uses
  // it, linear otherwise. An image used both ways is duplicated; linear users get the copy.
  constexpr uint8_t kUsedSrgb = 1, kUsedLinear = 2;
  std::vector<uint8_t> uses(out.images.size(), 0);
  for (const Material& m : out.materials)
    for (size_t s = 0; s < std::size(kSlots); ++s) {
      int image = (m.*kSlots[s]).image;
      if (image >= 0 && size_t(image) < uses.size())
        uses[size_t(image)] |= kSlotIsSrgb[s] ? kUsedSrgb : kUsedLinear;
    }
  std::vector<int> linearCopy(out.images.size(), -1);
  for (size_t i = 0; i < uses.size(); ++i) {
    if (uses[i] & kUsedSrgb) out.images[i].colorSpace = ColorSpace::Srgb;
    if (uses[i] == (kUsedSrgb | kUsedLinear)) {
      if (auto st = ctx.chargeDecoded(fmt::format("images[{}]", i), out.images[i].rgba8.size()); !st)
        return st;
      Image copy = out.images[i];
      copy.colorSpace = ColorSpace::Linear;
      copy.name += " (linear)";
      linearCopy[i] = int(out.images.size());
      out.images.push_back(std::move(copy));
    }
  }
  for (Material& m : out.materials)
    for (size_t s = 0; s < std::size(kSlots); ++s) {
      TextureRef& ref = m.*kSlots[s];
      if (!kSlotIsSrgb[s] && ref.image >= 0 && size_t(ref.image) < linearCopy.size() &&
          linearCopy[size_t(ref.image)] >= 0)
        ref.image = linearCopy[size_t(ref.image)];
    }
  return {};
}

}  // namespace cx::assets::detail
