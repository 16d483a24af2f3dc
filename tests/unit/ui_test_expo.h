#pragma once
// A small hand-built expo for the ui tests: two pavilions (one concave), six booths (one free
// plot, one rotated 45 degrees), exhibitors in Korean, Russian, Mongolian, Chinese, Japanese and
// Italian, and four events at UTC+8, one crossing local midnight.
#include "cx/expo/expo.h"
#include "cx/expo/scene.h"

namespace cx::uitest {

// 2022-08-26T00:00:00+08:00
inline constexpr int64_t kDay0 = 1661443200;

inline expo::Expo makeUiTestExpo() {
  expo::Expo e;
  e.id = "ui-test";
  e.venue.name = {"中国-东北亚博览会", "China-Northeast Asia Expo", "zh"};
  e.venue.timeZone = "Asia/Shanghai";
  e.venue.utcOffsetMinutes = 480;

  expo::Pavilion a;
  a.id = "hall-a";
  a.name = {"科技创新馆", "Sci-Tech Innovation", "zh"};
  a.floor = {{0, 0}, {40, 0}, {40, 30}, {0, 30}};
  a.entrances = {{{20, 30}, 6}};
  a.color = {0.2f, 0.4f, 0.8f};
  expo::Pavilion b;
  b.id = "hall-b";
  b.name = {"汽车馆", "Automobile", "zh"};
  b.floor = {{50, 0}, {90, 0}, {90, 10}, {60, 10}, {60, 30}, {50, 30}};  // an L, concave
  b.color = {0.8f, 0.3f, 0.1f};
  e.pavilions = {a, b};

  expo::BoothStyle shell;
  shell.id = "shell-3x3";
  shell.footprint = {3, 3};
  e.styles = {shell};

  const auto booth = [&](const char* id, const char* pav, glm::vec2 pos, float rot, glm::vec2 size,
                         const char* ex, glm::vec3 color) {
    expo::Booth bo;
    bo.id = id;
    bo.pavilion = pav;
    bo.style = "shell-3x3";
    bo.position = pos;
    bo.rotationDeg = rot;
    bo.footprint = size;
    bo.exhibitor = ex;
    bo.fascia.primaryColor = color;
    e.booths.push_back(bo);
  };
  booth("B001", "hall-a", {10, 10}, 0, {3, 3}, "E1", {0.0f, 0.5f, 0.0f});
  booth("B002", "hall-a", {20, 10}, 90, {6, 3}, "E2", {0.0f, 0.0f, 0.6f});
  booth("B003", "hall-a", {30, 20}, 45, {4, 4}, "E3", {0.6f, 0.6f, 0.0f});
  booth("B004", "hall-b", {70, 5}, 0, {6, 6}, "E4", {0.5f, 0.0f, 0.5f});
  booth("B005", "hall-b", {55, 20}, 0, {3, 3}, "E5", {0.0f, 0.5f, 0.5f});
  booth("B006", "hall-b", {55, 26}, 0, {3, 3}, "", {0.1f, 0.1f, 0.1f});
  booth("B007", "hall-a", {10, 20}, 0, {3, 3}, "E6", {0.3f, 0.3f, 0.3f});

  const auto exhibitor = [&](const char* id, const char* native, const char* english, const char* lang,
                             const char* country, const char* pav, const char* bo,
                             std::vector<std::string> products, std::vector<std::string> tags) {
    expo::Exhibitor x;
    x.id = id;
    x.name = {native, english, lang};
    x.country = country;
    x.pavilion = pav;
    x.booth = bo;
    x.products = std::move(products);
    x.tags = std::move(tags);
    x.description = std::string("About ") + english + ".";
    x.links.website = "https://example.com/" + std::string(id);
    x.links.livestream = "https://live.example.com/" + std::string(id);
    x.contact = {"info@example.com", "+86 431 0000", "Li Wei"};
    e.exhibitors.push_back(std::move(x));
  };
  exhibitor("E1", "삼성전자 배터리", "Samsung Battery", "ko", "KR", "hall-a", "B001", {"Lithium cells"},
            {"energy"});
  exhibitor("E2", "Газпром Нефть", "Gazprom Neft", "ru", "RU", "hall-a", "B002", {"Lubricants"}, {"oil"});
  exhibitor("E3", "Өлзий Үйлдвэр", "Olzii Factory", "mn", "MN", "hall-a", "B003", {"Cashmere"}, {"textile"});
  exhibitor("E4", "一汽集团", "FAW Group", "zh", "CN", "hall-b", "B004", {"Hongqi sedans"}, {"汽车", "cars"});
  exhibitor("E5", "トヨタ自動車", "Toyota Motor", "ja", "JP", "hall-b", "B005", {"Hybrid cars"}, {"cars"});
  exhibitor("E6", "Caffè Rossi & Figli", "Rossi <Coffee>", "it", "IT", "hall-a", "B007", {"Espresso"},
            {"food"});

  const auto event = [&](const char* id, const char* title, int64_t start, int64_t end, const char* where) {
    expo::Event ev;
    ev.id = id;
    ev.title = {title, title, "en"};
    ev.startUnix = start;
    ev.endUnix = end;
    ev.location = where;
    ev.stream = "https://live.example.com/" + std::string(id);
    e.events.push_back(ev);
  };
  // Out of order on purpose: the schedule sorts by start time.
  event("ev-2", "Afternoon forum", kDay0 + 14 * 3600, kDay0 + 16 * 3600, "hall-b");
  event("ev-1", "Opening", kDay0 + 9 * 3600 + 1800, kDay0 + 11 * 3600 + 1800, "hall-a");
  event("ev-3", "Night talk", kDay0 + 23 * 3600, kDay0 + 24 * 3600 + 1800, "B004");  // 23:00-00:30 (+1)
  event("ev-4", "Day two", kDay0 + 86400 + 10 * 3600, kDay0 + 86400 + 12 * 3600, "nowhere");
  return e;
}

}  // namespace cx::uitest
