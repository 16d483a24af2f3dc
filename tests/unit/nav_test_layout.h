#pragma once
// A small hand-made expo for the nav tests: one 40 x 30 m hall (x 0..40, z 0..30) with a 6 m
// entrance in the middle of its z = 30 side, and booths at the four rotations:
//   0 "front-z"   3x3 at (10, 10), rot 0    front faces +Z
//   1 "front-x"   3x4 at (20, 10), rot 90   front faces +X
//   2 "back-z"    3x3 at (30, 10), rot 180  front faces -Z
//   3 "front-mx"  3x3 at (10, 22), rot 270  front faces -X
//   4 "island"    6x6 at (28, 22), rot 0
#include <cstdint>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "cx/expo/expo.h"
#include "cx/expo/scene.h"
#include "cx/nav/collision.h"

namespace navtest {

struct BoothSpec {
  glm::vec2 position;
  float rotationDeg;
  glm::vec2 size;
};

inline cx::expo::Expo makeExpo(const std::vector<BoothSpec>& booths) {
  using namespace cx::expo;
  Expo e;
  e.id = "nav-test";
  Pavilion hall;
  hall.id = "hall";
  hall.floor = {{0, 0}, {40, 0}, {40, 30}, {0, 30}};
  hall.entrances.push_back({{20.0f, 30.0f}, 6.0f});
  e.pavilions.push_back(hall);
  BoothStyle style;
  style.id = "shell";
  style.model = "models/shell.glb";
  style.footprint = {3, 3};
  style.height = 2.5f;
  e.styles.push_back(style);
  for (size_t i = 0; i < booths.size(); ++i) {
    Booth b;
    b.id = "b" + std::to_string(i);
    b.pavilion = "hall";
    b.style = "shell";
    b.position = booths[i].position;
    b.rotationDeg = booths[i].rotationDeg;
    b.footprint = booths[i].size;
    e.booths.push_back(b);
  }
  return e;
}

inline std::vector<BoothSpec> standardBooths() {
  return {{{10, 10}, 0.0f, {3, 3}},
          {{20, 10}, 90.0f, {3, 4}},
          {{30, 10}, 180.0f, {3, 3}},
          {{10, 22}, 270.0f, {3, 3}},
          {{28, 22}, 0.0f, {6, 6}}};
}

struct Layout {
  cx::expo::Expo expo;
  cx::expo::ExpoScene scene;
  cx::nav::CollisionWorld world;
};

inline Layout makeLayout(const std::vector<BoothSpec>& booths = standardBooths()) {
  Layout l;
  l.expo = makeExpo(booths);
  l.scene = cx::expo::buildScene(l.expo);
  l.world = cx::nav::buildCollisionWorld(l.expo, l.scene);
  return l;
}

}  // namespace navtest
