// glTF meshes -> triangle-list Primitives with full Vertex data.
#include <tiny_gltf.h>

#include "accessors.h"
#include "cx/assets/geometry.h"
#include "gltf_internal.h"

namespace cx::assets::detail {
namespace {

const char* modeName(int mode) {
  switch (mode) {
    case TINYGLTF_MODE_POINTS:
      return "POINTS";
    case TINYGLTF_MODE_LINE:
      return "LINES";
    case TINYGLTF_MODE_LINE_LOOP:
      return "LINE_LOOP";
    case TINYGLTF_MODE_LINE_STRIP:
      return "LINE_STRIP";
    default:
      return "unknown";
  }
}

// Strips and fans become lists with the winding the glTF spec prescribes.
std::vector<uint32_t> toTriangleList(const std::vector<uint32_t>& in, int mode) {
  std::vector<uint32_t> out;
  if (in.size() < 3) return out;
  const size_t triangles = in.size() - 2;
  out.reserve(triangles * 3);
  for (size_t i = 0; i < triangles; ++i) {
    if (mode == TINYGLTF_MODE_TRIANGLE_STRIP) {
      bool odd = i % 2 == 1;
      out.insert(out.end(), {in[i], in[i + (odd ? 2 : 1)], in[i + (odd ? 1 : 2)]});
    } else {  // fan
      out.insert(out.end(), {in[i + 1], in[i + 2], in[0]});
    }
  }
  return out;
}

// Reads one optional attribute and checks its count against POSITION's.
Result<AccessorValues> readOptional(LoadContext& ctx, const tinygltf::Primitive& src, const char* name,
                                    AccessorUse use, size_t vertexCount, const std::string& place,
                                    bool& present) {
  present = false;
  auto it = src.attributes.find(name);
  if (it == src.attributes.end()) return AccessorValues{};
  const std::string attrPlace = place + ".attributes." + name;
  auto values = readAttribute(ctx, it->second, use, attrPlace);
  if (!values) return values.error();
  if (values->count != vertexCount)
    return ctx.error(attrPlace,
                     fmt::format("count {} differs from POSITION count {}", values->count, vertexCount));
  present = true;
  return values;
}

// Returns false (with a warning) for primitives that are skipped rather than failing the load.
Result<bool> readPrimitive(LoadContext& ctx, const tinygltf::Primitive& src, const std::string& place,
                           Primitive& out) {
  const int mode = src.mode < 0 ? TINYGLTF_MODE_TRIANGLES : src.mode;
  if (mode < TINYGLTF_MODE_POINTS || mode > TINYGLTF_MODE_TRIANGLE_FAN)
    return ctx.error(place, fmt::format("mode {} is not a glTF primitive mode", mode));
  if (mode < TINYGLTF_MODE_TRIANGLES) {
    ctx.warn(place, fmt::format("mode {} is not supported; primitive skipped", modeName(mode)));
    return false;
  }
  if (src.material < -1 || (src.material >= 0 && size_t(src.material) >= ctx.doc.materials.size()))
    return ctx.error(place, fmt::format("materials[{}] does not exist ({} materials)", src.material,
                                        ctx.doc.materials.size()));
  out.material = src.material;

  auto posIt = src.attributes.find("POSITION");
  if (posIt == src.attributes.end()) {
    ctx.warn(place, "has no POSITION attribute; primitive skipped");
    return false;
  }
  auto positions = readAttribute(ctx, posIt->second, AccessorUse::Position, place + ".attributes.POSITION");
  if (!positions) return positions.error();
  const size_t vertexCount = positions->count;
  if (vertexCount > size_t(UINT32_MAX))
    return ctx.error(place, fmt::format("{} vertices is more than 32-bit indices can address", vertexCount));
  if (vertexCount * sizeof(Vertex) > ctx.options.maxFileBytes)
    return ctx.error(place, fmt::format("{} vertices are over the size limit of {} bytes", vertexCount,
                                        ctx.options.maxFileBytes));

  bool hasNormal = false, hasTangent = false, hasUv = false, hasUv1 = false, hasColor = false;
  auto normals = readOptional(ctx, src, "NORMAL", AccessorUse::Normal, vertexCount, place, hasNormal);
  if (!normals) return normals.error();
  auto tangents = readOptional(ctx, src, "TANGENT", AccessorUse::Tangent, vertexCount, place, hasTangent);
  if (!tangents) return tangents.error();
  auto uvs = readOptional(ctx, src, "TEXCOORD_0", AccessorUse::TexCoord, vertexCount, place, hasUv);
  if (!uvs) return uvs.error();
  auto uvs1 = readOptional(ctx, src, "TEXCOORD_1", AccessorUse::TexCoord, vertexCount, place, hasUv1);
  if (!uvs1) return uvs1.error();
  auto colors = readOptional(ctx, src, "COLOR_0", AccessorUse::Color, vertexCount, place, hasColor);
  if (!colors) return colors.error();
  if (!src.targets.empty()) ctx.warn(place, "morph targets are not supported and are ignored");

  out.vertices.resize(vertexCount);
  for (size_t i = 0; i < vertexCount; ++i) {
    Vertex& v = out.vertices[i];
    const float* p = &positions->values[i * 3];
    v.position = glm::vec3(p[0], p[1], p[2]);
    if (hasNormal) {
      const float* n = &normals->values[i * 3];
      glm::vec3 normal(n[0], n[1], n[2]);
      float len = glm::length(normal);
      v.normal = len > 1e-20f ? normal / len : glm::vec3(0, 0, 1);
    }
    if (hasTangent) {
      const float* t = &tangents->values[i * 4];
      v.tangent = glm::vec4(t[0], t[1], t[2], t[3] < 0.0f ? -1.0f : 1.0f);
    }
    if (hasUv) v.uv0 = glm::vec2(uvs->values[i * 2], uvs->values[i * 2 + 1]);
    v.uv1 = hasUv1 ? glm::vec2(uvs1->values[i * 2], uvs1->values[i * 2 + 1]) : v.uv0;
    if (hasColor) {
      const float* c = &colors->values[i * size_t(colors->components)];
      v.color = glm::vec4(c[0], c[1], c[2], colors->components == 4 ? c[3] : 1.0f);
    }
  }

  std::vector<uint32_t> indices;
  if (src.indices >= 0) {
    auto read = readIndices(ctx, src.indices, place + ".indices");
    if (!read) return read.error();
    indices = std::move(*read);
    for (size_t i = 0; i < indices.size(); ++i)
      if (indices[i] >= vertexCount)
        return ctx.error(
            place + ".indices",
            fmt::format("index {} at position {} is out of range ({} vertices)", indices[i], i, vertexCount));
  } else {
    indices.resize(vertexCount);
    for (size_t i = 0; i < vertexCount; ++i) indices[i] = uint32_t(i);
  }
  if (mode != TINYGLTF_MODE_TRIANGLES) {
    if (indices.size() > 2 && (indices.size() - 2) * 3 * sizeof(uint32_t) > ctx.options.maxFileBytes)
      return ctx.error(place, "converted triangle list is over the size limit");
    indices = toTriangleList(indices, mode);
  } else if (indices.size() % 3 != 0) {
    ctx.warn(place, fmt::format("{} indices is not a multiple of 3; the last {} are ignored", indices.size(),
                                indices.size() % 3));
    indices.resize(indices.size() - indices.size() % 3);
  }
  out.indices = std::move(indices);
  out.hasUv1 = hasUv1;
  if (out.indices.empty()) {
    ctx.warn(place, "has no triangles; primitive skipped");
    return false;
  }

  if (!hasNormal) {
    if (out.indices.size() * sizeof(Vertex) > ctx.options.maxFileBytes)
      return ctx.error(place, "generating flat normals would exceed the size limit");
    generateFlatNormals(out);  // the spec asks for flat normals; this unwelds the vertices
  }
  if (hasTangent) {
    out.hasTangents = true;
  } else if (ctx.options.generateTangents) {
    generateTangents(out);
  }
  if (auto st = ctx.chargeDecoded(
          place, out.vertices.size() * sizeof(Vertex) + out.indices.size() * sizeof(uint32_t));
      !st)
    return st.error();
  computePrimitiveBounds(out);
  return true;
}

}  // namespace

Status readMeshes(LoadContext& ctx, Model& out) {
  out.meshes.reserve(ctx.doc.meshes.size());
  for (size_t m = 0; m < ctx.doc.meshes.size(); ++m) {
    const tinygltf::Mesh& src = ctx.doc.meshes[m];
    Mesh mesh;
    mesh.name = src.name;
    for (size_t p = 0; p < src.primitives.size(); ++p) {
      const std::string place = fmt::format("meshes[{}].primitives[{}]", m, p);
      Primitive primitive;
      auto kept = readPrimitive(ctx, src.primitives[p], place, primitive);
      if (!kept) return kept.error();
      if (*kept) mesh.primitives.push_back(std::move(primitive));
    }
    out.meshes.push_back(std::move(mesh));
  }
  return {};
}

}  // namespace cx::assets::detail
