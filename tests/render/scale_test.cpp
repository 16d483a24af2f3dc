// Rendering at expo scale: culling agrees with a brute-force clip-space test, and the number of
// draw calls does not grow with the number of booths (instancing).
#include <gtest/gtest.h>

#include <random>
#include <unordered_map>

#include <glm/gtc/matrix_transform.hpp>

#include "cx/expo/expo_assets.h"
#include "cx/expo/sample_expo.h"
#include "cx/render/culling.h"
#include "cx/render/render_scene.h"
#include "cx/render/view.h"
#include "render_fixture.h"

namespace cx::testing {
namespace {

// Brute force: a box is outside when all 8 corners are beyond the same clip plane.
bool outsideByCorners(const glm::mat4& viewProj, glm::vec3 bmin, glm::vec3 bmax) {
  int outside[5] = {0, 0, 0, 0, 0};
  for (int i = 0; i < 8; ++i) {
    glm::vec3 c((i & 1) ? bmax.x : bmin.x, (i & 2) ? bmax.y : bmin.y, (i & 4) ? bmax.z : bmin.z);
    glm::vec4 p = viewProj * glm::vec4(c, 1.0f);
    outside[0] += p.x < -p.w;
    outside[1] += p.x > p.w;
    outside[2] += p.y < -p.w;
    outside[3] += p.y > p.w;
    outside[4] += p.z > p.w;  // in front of the near plane (reverse Z)
  }
  for (int k : outside) {
    if (k == 8) return true;
  }
  return false;
}

TEST(Culling, MatchesBruteForceClipSpaceTest) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> pos(-200.0f, 200.0f), size(0.2f, 12.0f), angle(-3.14159f, 3.14159f);
  int kept = 0, mismatches = 0, cases = 0;
  for (int v = 0; v < 20; ++v) {
    glm::vec3 eye(pos(rng) * 0.3f, 1.65f + std::abs(pos(rng)) * 0.2f, pos(rng) * 0.3f);
    glm::vec3 target = eye + glm::vec3(std::sin(angle(rng)), -0.2f, std::cos(angle(rng)));
    render::View view = render::lookAtView(eye, target, glm::radians(70.0f), 16.0f / 9.0f, 0.05f);
    glm::mat4 vp = view.projection * view.view;
    render::Frustum f = render::frustumFromViewProj(vp);
    for (int i = 0; i < 5000; ++i) {
      glm::vec3 c(pos(rng), std::abs(pos(rng)) * 0.05f, pos(rng));
      glm::vec3 h(size(rng), size(rng) * 0.5f, size(rng));
      bool a = render::aabbInFrustum(f, c - h, c + h);
      bool b = !outsideByCorners(vp, c - h, c + h);
      ++cases;
      kept += a;
      if (a != b) ++mismatches;
    }
  }
  EXPECT_GT(kept, cases / 20) << "the test views should see a fair share of the boxes";
  EXPECT_LT(kept, cases) << "and cull some";
  // The plane test and the corner test are the same predicate; only float rounding at a plane
  // may differ.
  EXPECT_LE(mismatches, cases / 10000) << mismatches << " of " << cases;
}

class Scale : public RenderTest {
 protected:
  render::FrameStats renderSynthetic(int exhibitors, bool overview, uint32_t* boothCount) {
    // Overview: the whole expo in view; otherwise a visitor's eye at the origin.
    auto sample = expo::buildSampleExpo({exhibitors, 13, 0});
    EXPECT_TRUE(sample.ok()) << sample.message();
    if (!sample) return {};
    std::unordered_map<std::string, const assets::Model*> byPath;
    for (const auto& m : sample->models) byPath[m.path] = &m.model;
    auto scene = render::buildExpoRenderScene(*ctx, *renderer, sample->expo, [&](const expo::SceneModel& m) {
      auto it = byPath.find(m.path);
      return expo::finishExpoModelLoad(m, it != byPath.end() ? Result<assets::Model>(*it->second)
                                                            : Result<assets::Model>(makeError("missing")));
    });
    EXPECT_TRUE(scene.ok());
    *boothCount = uint32_t(scene->expo->booths.size());
    render::View view = overview ? render::defaultView(*scene, 1.0f)
                                 : render::lookAtView({0.0f, 1.65f, 0.0f}, {0.0f, 1.65f, -1.0f}, glm::radians(70.0f), 1.0f);
    auto target = render::createOffscreenTarget(*ctx, {64, 64});
    render::FrameStats stats = render::render(*renderer, {&view, 1}, target.target(), scene->instances);
    render::waitIdle(*renderer);
    render::destroyOffscreenTarget(*ctx, target);
    render::destroyRenderScene(*ctx, *scene);
    return stats;
  }
};

// A small generated expo (20 exhibitors) from its default overview camera, against a golden image
// (same tolerance as the other goldens: 8/255 per channel, at most 0.5% of pixels).
TEST_F(Scale, SmallGeneratedExpoGolden) {
  auto sample = expo::buildSampleExpo({20, 13, 0});
  ASSERT_TRUE(sample.ok()) << sample.message();
  std::unordered_map<std::string, const assets::Model*> byPath;
  for (const auto& m : sample->models) byPath[m.path] = &m.model;
  auto scene = render::buildExpoRenderScene(*ctx, *renderer, sample->expo, [&](const expo::SceneModel& m) {
    auto it = byPath.find(m.path);
    return expo::finishExpoModelLoad(m, it != byPath.end() ? Result<assets::Model>(*it->second)
                                                          : Result<assets::Model>(makeError("missing")));
  });
  ASSERT_TRUE(scene.ok()) << scene.message();
  EXPECT_TRUE(scene->errors.empty());
  render::View view = render::defaultView(*scene, 320.0f / 180.0f);
  RgbaImage image = renderViews({&view, 1}, scene->instances, 320, 180);
  render::waitIdle(*renderer);
  render::destroyRenderScene(*ctx, *scene);
  auto result = compareWithGolden("small_expo_overview", image);
  EXPECT_TRUE(result.match) << result.message;
}

TEST_F(Scale, DrawCallsDoNotGrowWithBoothCount) {
  uint32_t small = 0, large = 0;
  render::FrameStats a = renderSynthetic(1000, true, &small);
  // 50k booths: with far LODs the overview's vertex work fits a test (it took about a minute in
  // full detail).
  render::FrameStats b = renderSynthetic(50000, true, &large);
  ASSERT_GE(large, 45000u);
  const uint32_t totalA = a.instancesDrawn + a.instancesCulled, totalB = b.instancesDrawn + b.instancesCulled;
  EXPECT_GT(totalB, totalA * 5) << "the large expo has far more placed meshes";
  EXPECT_GT(b.instancesDrawn, a.instancesDrawn) << "and its overview draws more of them: " << a.instancesDrawn
                                                << " drawn, " << a.instancesCulled << " culled vs "
                                                << b.instancesDrawn << " drawn, " << b.instancesCulled << " culled";
  EXPECT_LE(a.drawCalls, 64u);
  EXPECT_LE(b.drawCalls, 64u);
  // Instancing: the same handful of style meshes, however many booths.
  EXPECT_LE(b.drawCalls, a.drawCalls + 16) << a.drawCalls << " vs " << b.drawCalls;
}

}  // namespace
}  // namespace cx::testing
