#include "cx/expo/scene.h"

#include <algorithm>
#include <unordered_map>

#include <glm/gtc/matrix_transform.hpp>

namespace cx::expo {

namespace {

constexpr float kPavilionSlabThickness = 0.1f;

class ModelTable {
 public:
  explicit ModelTable(std::vector<SceneModel>& models) : models_(models) {}
  uint32_t add(const std::string& path, glm::vec3 expectedMin, glm::vec3 expectedMax) {
    auto [it, inserted] = index_.emplace(path, uint32_t(models_.size()));
    if (inserted) models_.push_back(SceneModel{path, expectedMin, expectedMax});
    return it->second;
  }

 private:
  std::vector<SceneModel>& models_;
  std::unordered_map<std::string, uint32_t> index_;
};

}  // namespace

glm::mat4 boothWorldTransform(glm::vec2 position, float rotationDeg) {
  glm::mat4 t = glm::translate(glm::mat4(1.0f), glm::vec3(position.x, 0.0f, position.y));
  return glm::rotate(t, glm::radians(rotationDeg), glm::vec3(0.0f, 1.0f, 0.0f));
}

ExpoScene buildScene(const Expo& expo) {
  ExpoScene scene;
  ModelTable table(scene.models);

  std::unordered_map<std::string, uint32_t> pavilionIndex;
  scene.pavilions.reserve(expo.pavilions.size());
  for (uint32_t i = 0; i < expo.pavilions.size(); ++i) {
    const Pavilion& p = expo.pavilions[i];
    pavilionIndex.emplace(p.id, i);
    PavilionInstance instance;
    instance.pavilion = i;
    if (!p.model.empty()) {
      glm::vec2 lo(0.0f), hi(0.0f);
      if (!p.floor.empty()) {
        lo = hi = p.floor.front();
        for (glm::vec2 v : p.floor) {
          lo = glm::min(lo, v);
          hi = glm::max(hi, v);
        }
      }
      instance.model =
          table.add(p.model, glm::vec3(lo.x, -kPavilionSlabThickness, lo.y), glm::vec3(hi.x, 0.0f, hi.y));
    }
    scene.pavilions.push_back(instance);
  }

  std::unordered_map<std::string, uint32_t> styleIndex;
  std::vector<uint32_t> styleModel(expo.styles.size(), kNoIndex);
  for (uint32_t i = 0; i < expo.styles.size(); ++i) {
    const BoothStyle& s = expo.styles[i];
    styleIndex.emplace(s.id, i);
    glm::vec3 half(0.5f * s.footprint.x, 0.0f, 0.5f * s.footprint.y);
    if (!s.model.empty())
      styleModel[i] =
          table.add(s.model, glm::vec3(-half.x, 0.0f, -half.z), glm::vec3(half.x, s.height, half.z));
  }

  scene.booths.reserve(expo.booths.size());
  scene.bounds.reserve(expo.booths.size());
  for (uint32_t i = 0; i < expo.booths.size(); ++i) {
    const Booth& b = expo.booths[i];
    auto styleIt = styleIndex.find(b.style);
    const BoothStyle* style = styleIt != styleIndex.end() ? &expo.styles[styleIt->second] : nullptr;
    auto pavilionIt = pavilionIndex.find(b.pavilion);
    float limit = b.heightLimit > 0.0f                ? b.heightLimit
                  : pavilionIt != pavilionIndex.end() ? expo.pavilions[pavilionIt->second].heightLimit
                                                      : 0.0f;

    BoothInstance instance;
    instance.booth = i;
    instance.world = boothWorldTransform(b.position, b.rotationDeg);
    instance.primaryColor = b.fascia.primaryColor;
    instance.secondaryColor = b.fascia.secondaryColor;
    float pickHeight = 0.0f;
    if (!b.model.empty()) {
      glm::vec3 half(0.5f * b.footprint.x, 0.0f, 0.5f * b.footprint.y);
      float height = limit > 0.0f ? limit : (style ? style->height : 2.5f);
      instance.model =
          table.add(b.model, glm::vec3(-half.x, 0.0f, -half.z), glm::vec3(half.x, height, half.z));
      pickHeight = height;
    } else if (style) {
      instance.model = styleModel[styleIt->second];
      pickHeight = style->height;
    }
    if (style && style->fasciaSize.x > 0.0f && style->fasciaSize.y > 0.0f && !b.fascia.text.empty()) {
      instance.fasciaSlot = uint32_t(scene.fascias.size());
      scene.fascias.push_back(
          FasciaInstance{i, glm::translate(instance.world, style->fasciaOrigin), style->fasciaSize});
    }
    scene.booths.push_back(instance);
    scene.bounds.push_back(makeBoothBounds(b.position, b.footprint, b.rotationDeg, pickHeight));
  }
  return scene;
}

}  // namespace cx::expo
