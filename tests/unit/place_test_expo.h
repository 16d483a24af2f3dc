#pragma once
// A hand-made expo for the placement tests (tests/unit/place_*.cpp):
//   hall   floor 0..30 x 0..20, entrance at (15, 20) 6 m wide, aisles >= 3 m, height limit 4 m
//   B1     (5, 5)   3x3  exhibitor E1      wall gap 3.5 m, gap to B2 3.0 m
//   B2     (11, 5)  3x3  exhibitor E2
//   B3     (20, 5)  3x3  free plot         15.8 m from the entrance
//   B4     (25, 14) 4x4  free plot         11.7 m from the entrance
#include <filesystem>

#include "cx/expo/expo.h"
#include "cx/expo/layout_rules.h"

namespace cx::placetest {

inline expo::Expo makePlaceTestExpo() {
  expo::Expo e;
  e.id = "place-test";
  e.venue.name = {"Place test", "Place test", "en"};
  expo::Pavilion hall;
  hall.id = "hall";
  hall.name = {"Hall", "Hall", "en"};
  hall.floor = {{0, 0}, {30, 0}, {30, 20}, {0, 20}};
  hall.entrances = {{{15, 20}, 6}};
  hall.heightLimit = 4.0f;
  hall.minAisleWidth = 3.0f;
  e.pavilions = {hall};
  expo::BoothStyle shell;
  shell.id = "shell-3x3";
  shell.model = "models/litCube.glb";
  shell.footprint = {3, 3};
  shell.height = 2.5f;
  e.styles = {shell};
  auto booth = [&](const char* id, glm::vec2 pos, glm::vec2 size, const char* ex) {
    expo::Booth b;
    b.id = id;
    b.pavilion = "hall";
    b.style = "shell-3x3";
    b.position = pos;
    b.footprint = size;
    b.exhibitor = ex;
    b.fascia.text = ex;
    e.booths.push_back(b);
  };
  booth("B1", {5, 5}, {3, 3}, "E1");
  booth("B2", {11, 5}, {3, 3}, "E2");
  booth("B3", {20, 5}, {3, 3}, "");
  booth("B4", {25, 14}, {4, 4}, "");
  auto exhibitor = [&](const char* id, const char* boothId) {
    expo::Exhibitor x;
    x.id = id;
    x.name = {id, id, "en"};
    x.country = "FI";
    x.pavilion = "hall";
    x.booth = boothId;
    e.exhibitors.push_back(x);
  };
  exhibitor("E1", "B1");
  exhibitor("E2", "B2");
  return e;
}

// Model bounds of a box `w` x `h` x `d` standing on the floor, centred on the origin.
inline expo::ModelStats boxStats(float w, float h, float d) {
  expo::ModelStats s;
  s.triangles = 12;
  s.materials = 1;
  s.boundsMin = {-w / 2, 0.0f, -d / 2};
  s.boundsMax = {w / 2, h, d / 2};
  return s;
}

}  // namespace cx::placetest
