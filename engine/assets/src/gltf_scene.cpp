// The default scene's node tree flattened into MeshInstances with world matrices.
#include <cmath>

#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>
#include <glm/gtc/type_ptr.hpp>

#include <tiny_gltf.h>

#include "gltf_internal.h"

namespace cx::assets::detail {
namespace {

bool allFinite(const std::vector<double>& v) {
  for (double d : v)
    if (!std::isfinite(d)) return false;
  return true;
}

Result<glm::mat4> localMatrix(const LoadContext& ctx, const tinygltf::Node& node, const std::string& place) {
  auto check = [&](const std::vector<double>& v, size_t n, const char* what) -> Status {
    if (v.empty()) return {};
    if (v.size() != n)
      return ctx.error(place, fmt::format("{} has {} numbers, expected {}", what, v.size(), n));
    if (!allFinite(v)) return ctx.error(place, fmt::format("{} is not finite", what));
    return {};
  };
  if (auto st = check(node.matrix, 16, "matrix"); !st) return st.error();
  if (auto st = check(node.translation, 3, "translation"); !st) return st.error();
  if (auto st = check(node.rotation, 4, "rotation"); !st) return st.error();
  if (auto st = check(node.scale, 3, "scale"); !st) return st.error();

  if (!node.matrix.empty()) {
    glm::mat4 m;  // glTF matrices are column-major, like glm
    for (int i = 0; i < 16; ++i) glm::value_ptr(m)[i] = float(node.matrix[size_t(i)]);
    return m;
  }
  glm::mat4 t(1.0f), r(1.0f), s(1.0f);
  if (!node.translation.empty())
    t = glm::translate(glm::mat4(1.0f), glm::vec3(float(node.translation[0]), float(node.translation[1]),
                                                  float(node.translation[2])));
  if (!node.rotation.empty()) {
    // glTF stores x, y, z, w; glm's constructor takes w first.
    glm::quat q(float(node.rotation[3]), float(node.rotation[0]), float(node.rotation[1]),
                float(node.rotation[2]));
    float len = glm::length(q);
    r = len > 1e-12f ? glm::mat4_cast(q / len) : glm::mat4(1.0f);
  }
  if (!node.scale.empty())
    s = glm::scale(glm::mat4(1.0f),
                   glm::vec3(float(node.scale[0]), float(node.scale[1]), float(node.scale[2])));
  return t * r * s;
}

// KHR_lights_punctual lights; malformed values are warned about and replaced by the defaults.
Result<std::vector<Light>> readLights(LoadContext& ctx) {
  std::vector<Light> lights;
  for (size_t i = 0; i < ctx.doc.lights.size(); ++i) {
    const tinygltf::Light& src = ctx.doc.lights[i];
    const std::string place = fmt::format("extensions.KHR_lights_punctual.lights[{}]", i);
    Light light;
    light.name = src.name;
    if (src.type == "directional") {
      light.type = LightType::Directional;
    } else if (src.type == "point") {
      light.type = LightType::Point;
    } else if (src.type == "spot") {
      light.type = LightType::Spot;
    } else {
      return ctx.error(place, fmt::format("unknown light type \"{}\"", oneLine(src.type, 40)));
    }
    if (!src.color.empty()) {
      if (src.color.size() == 3 && allFinite(src.color) && src.color[0] >= 0 && src.color[1] >= 0 &&
          src.color[2] >= 0)
        light.color = glm::vec3(float(src.color[0]), float(src.color[1]), float(src.color[2]));
      else
        ctx.warn(place, "color is not 3 non-negative numbers; using white");
    }
    if (std::isfinite(src.intensity) && src.intensity >= 0.0)
      light.intensity = float(src.intensity);
    else
      ctx.warn(place, "intensity is not a non-negative number; using 1");
    if (std::isfinite(src.range) && src.range >= 0.0)
      light.range = float(src.range);
    else
      ctx.warn(place, "range is not a positive number; using infinite");
    if (light.type == LightType::Spot) {
      const double inner = src.spot.innerConeAngle, outer = src.spot.outerConeAngle;
      if (std::isfinite(inner) && std::isfinite(outer) && inner >= 0.0 && inner < outer &&
          outer <= 1.5707963268) {
        light.innerConeAngle = float(inner);
        light.outerConeAngle = float(outer);
      } else {
        ctx.warn(place, "spot cone angles must satisfy 0 <= inner < outer <= pi/2; using 0 and pi/4");
      }
    }
    lights.push_back(std::move(light));
  }
  return lights;
}

// The light a node carries through KHR_lights_punctual, or -1.
Result<int> nodeLight(const LoadContext& ctx, const tinygltf::Node& node, const std::string& place) {
  auto it = node.extensions.find("KHR_lights_punctual");
  if (it == node.extensions.end()) return -1;
  const tinygltf::Value& ext = it->second;
  const std::string extPlace = place + ".extensions.KHR_lights_punctual";
  if (!ext.IsObject() || !ext.Has("light") || !ext.Get("light").IsNumber())
    return ctx.error(extPlace, "\"light\" is missing or not a number");
  const double index = ext.Get("light").GetNumberAsDouble();
  if (!(index >= 0.0) || index >= double(ctx.doc.lights.size()) || index != double(int(index)))
    return ctx.error(extPlace, fmt::format("lights[{}] does not exist ({} lights)", index, ctx.doc.lights.size()));
  return int(index);
}

}  // namespace

Status readScene(LoadContext& ctx, Model& out) {
  const auto& nodes = ctx.doc.nodes;
  const auto& scenes = ctx.doc.scenes;
  auto lights = readLights(ctx);
  if (!lights) return lights.error();
  out.lights = std::move(*lights);

  // Every node may have at most one parent; that also rules out most cycles up front.
  std::vector<int> parent(nodes.size(), -1);
  for (size_t i = 0; i < nodes.size(); ++i) {
    for (int child : nodes[i].children) {
      const std::string place = fmt::format("nodes[{}].children", i);
      if (child < 0 || size_t(child) >= nodes.size())
        return ctx.error(place, fmt::format("nodes[{}] does not exist ({} nodes)", child, nodes.size()));
      if (size_t(child) == i) return ctx.error(place, "node is its own child");
      if (parent[size_t(child)] >= 0)
        return ctx.error(place,
                         fmt::format("nodes[{}] already has parent nodes[{}]", child, parent[size_t(child)]));
      parent[size_t(child)] = int(i);
    }
  }

  std::vector<int> roots;
  if (!scenes.empty()) {
    int sceneIndex = ctx.doc.defaultScene;
    if (sceneIndex < 0) {
      sceneIndex = 0;
    } else if (size_t(sceneIndex) >= scenes.size()) {
      return ctx.error("scene",
                       fmt::format("scenes[{}] does not exist ({} scenes)", sceneIndex, scenes.size()));
    }
    roots = scenes[size_t(sceneIndex)].nodes;
    const std::string place = fmt::format("scenes[{}].nodes", sceneIndex);
    for (int root : roots)
      if (root < 0 || size_t(root) >= nodes.size())
        return ctx.error(place, fmt::format("nodes[{}] does not exist ({} nodes)", root, nodes.size()));
  } else {
    // No scene: show every root node rather than nothing.
    for (size_t i = 0; i < nodes.size(); ++i)
      if (parent[i] < 0) roots.push_back(int(i));
    if (!nodes.empty()) ctx.warn("scenes", "file has no scene; showing all root nodes");
  }

  // Iterative depth-first walk; `visited` stops cycles that the parent check cannot see (a
  // root listed in the scene that is also somebody's descendant).
  std::vector<uint8_t> visited(nodes.size(), 0);
  struct Item {
    int node;
    glm::mat4 parentWorld;
  };
  std::vector<Item> stack;
  for (auto it = roots.rbegin(); it != roots.rend(); ++it) stack.push_back({*it, glm::mat4(1.0f)});
  while (!stack.empty()) {
    Item item = stack.back();
    stack.pop_back();
    const size_t index = size_t(item.node);
    const std::string place = fmt::format("nodes[{}]", index);
    if (visited[index]) return ctx.error(place, "is reached twice (cycle or shared node in the hierarchy)");
    visited[index] = 1;
    const tinygltf::Node& node = nodes[index];
    auto local = localMatrix(ctx, node, place);
    if (!local) return local.error();
    glm::mat4 world = item.parentWorld * *local;
    if (node.mesh >= 0) {
      if (size_t(node.mesh) >= ctx.doc.meshes.size())
        return ctx.error(
            place, fmt::format("meshes[{}] does not exist ({} meshes)", node.mesh, ctx.doc.meshes.size()));
      out.instances.push_back({uint32_t(node.mesh), world});
    }
    auto light = nodeLight(ctx, node, place);
    if (!light) return light.error();
    if (*light >= 0) out.lightInstances.push_back({uint32_t(*light), world});
    for (auto it = node.children.rbegin(); it != node.children.rend(); ++it) stack.push_back({*it, world});
  }
  return {};
}

}  // namespace cx::assets::detail
