// Panel state, key handling and the expo-derived lookups; no drawing.
#include <imgui.h>

#include <algorithm>
#include <unordered_map>

#include "cx/ui/text.h"
#include "cx/ui/ui.h"

namespace cx::ui {
namespace {

constexpr const char* kPanelNames[kPanelCount] = {"booth",    "directory", "floor-plan", "schedule",
                                                  "settings", "hud",       "help"};

std::string lowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

bool pressed(int userKeyIndex) {
  return userKeyIndex >= 0 && userKeyIndex < 512 && ImGui::IsKeyPressed(userKeyIndex);
}
bool pressedMapped(ImGuiKey key) {
  return pressed(ImGui::GetKeyIndex(key));
}

}  // namespace

const char* panelName(Panel panel) {
  const auto i = static_cast<size_t>(panel);
  return i < kPanelCount ? kPanelNames[i] : "?";
}

std::optional<Panel> panelFromName(std::string_view name) {
  const std::string n = lowerAscii(name);
  for (size_t i = 0; i < kPanelCount; ++i)
    if (n == kPanelNames[i]) return static_cast<Panel>(i);
  if (n == "floorplan" || n == "floor_plan" || n == "map" || n == "plan") return Panel::FloorPlan;
  if (n == "search") return Panel::Directory;
  if (n == "events") return Panel::Schedule;
  return std::nullopt;
}

const char* qualityName(Quality q) {
  switch (q) {
    case Quality::Low:
      return "Low";
    case Quality::Medium:
      return "Medium";
    case Quality::High:
      return "High";
  }
  return "?";
}

UiKeyInput keysFromImGui(const FunctionKeyCodes& codes) {
  UiKeyInput k;
  k.help = pressed(codes.f[0]);
  k.directory = pressed(codes.f[1]);
  k.hud = pressed(codes.f[2]);
  k.floorPlan = pressed(codes.f[3]);
  k.schedule = pressed(codes.f[4]);
  k.settings = pressed(codes.f[5]);
  k.escape = pressedMapped(ImGuiKey_Escape);
  k.up = pressedMapped(ImGuiKey_UpArrow);
  k.down = pressedMapped(ImGuiKey_DownArrow);
  k.pageUp = pressedMapped(ImGuiKey_PageUp);
  k.pageDown = pressedMapped(ImGuiKey_PageDown);
  k.home = pressedMapped(ImGuiKey_Home);
  k.end = pressedMapped(ImGuiKey_End);
  k.enter = pressedMapped(ImGuiKey_Enter) || pressedMapped(ImGuiKey_KeyPadEnter);
  return k;
}

bool isPanelOpen(const UiState& s, Panel p) {
  const auto i = static_cast<size_t>(p);
  return i < kPanelCount && s.open[i];
}

void openPanel(UiState& s, Panel p) {
  const auto i = static_cast<size_t>(p);
  if (i >= kPanelCount) return;
  s.open[i] = true;
  std::erase(s.openOrder, p);
  s.openOrder.push_back(p);
  if (p == Panel::Directory) {
    s.directory.focusSearch = true;
    s.directory.scrollToCursor = true;
  }
}

void closePanel(UiState& s, Panel p) {
  const auto i = static_cast<size_t>(p);
  if (i >= kPanelCount) return;
  s.open[i] = false;
  std::erase(s.openOrder, p);
}

void togglePanel(UiState& s, Panel p) {
  if (isPanelOpen(s, p))
    closePanel(s, p);
  else
    openPanel(s, p);
}

void selectBooth(UiState& s, uint32_t booth) {
  s.selectedBooth = booth;
  if (booth == expo::kNoIndex)
    closePanel(s, Panel::Booth);
  else
    openPanel(s, Panel::Booth);
}

void setDirectoryQuery(UiState& s, std::string_view query) {
  s.directory.query = std::string(query);
  s.directory.cursor = 0;
  s.directory.resultsValid = false;
  s.directory.scrollToCursor = true;
}

void requestOpenLink(UiState& s, std::string url, std::string label) {
  s.pendingLink = LinkConfirmation{std::move(url), std::move(label), 0};
}

void handlePanelKeys(UiState& s, const UiKeyInput& k, UiActions& actions) {
  if (k.help) togglePanel(s, Panel::Help);
  if (k.directory) togglePanel(s, Panel::Directory);
  if (k.hud) togglePanel(s, Panel::Hud);
  if (k.floorPlan) togglePanel(s, Panel::FloorPlan);
  if (k.schedule) togglePanel(s, Panel::Schedule);
  if (k.settings) togglePanel(s, Panel::Settings);
  if (!k.escape) return;
  if (s.pendingLink) {
    s.pendingLink.reset();
    actions.escapeConsumed = true;
    return;
  }
  // The HUD is not a dialog: Esc leaves it alone.
  for (auto it = s.openOrder.rbegin(); it != s.openOrder.rend(); ++it) {
    if (*it == Panel::Hud) continue;
    closePanel(s, *it);
    actions.escapeConsumed = true;
    return;
  }
}

bool ExpoIndex::isFor(const expo::Expo& e, uint64_t rev) const {
  return expo == &e && revision == rev && boothCount == e.booths.size() &&
         exhibitorCount == e.exhibitors.size() && pavilionCount == e.pavilions.size() &&
         eventCount == e.events.size();
}

void ExpoIndex::build(const expo::Expo& e, uint64_t rev) {
  expo = &e;
  revision = rev;
  boothCount = e.booths.size();
  exhibitorCount = e.exhibitors.size();
  pavilionCount = e.pavilions.size();
  eventCount = e.events.size();

  std::unordered_map<std::string_view, uint32_t> boothById, exhibitorById, pavilionById;
  for (uint32_t i = 0; i < e.booths.size(); ++i) boothById.emplace(e.booths[i].id, i);
  for (uint32_t i = 0; i < e.exhibitors.size(); ++i) exhibitorById.emplace(e.exhibitors[i].id, i);
  for (uint32_t i = 0; i < e.pavilions.size(); ++i) pavilionById.emplace(e.pavilions[i].id, i);
  const auto find = [](const auto& map, std::string_view id) {
    auto it = map.find(id);
    return it == map.end() ? expo::kNoIndex : it->second;
  };

  boothExhibitor.assign(e.booths.size(), expo::kNoIndex);
  boothPavilion.assign(e.booths.size(), expo::kNoIndex);
  exhibitorBooth.assign(e.exhibitors.size(), expo::kNoIndex);
  for (uint32_t i = 0; i < e.booths.size(); ++i) {
    boothExhibitor[i] = find(exhibitorById, e.booths[i].exhibitor);
    boothPavilion[i] = find(pavilionById, e.booths[i].pavilion);
  }
  for (uint32_t i = 0; i < e.exhibitors.size(); ++i) {
    exhibitorBooth[i] = find(boothById, e.exhibitors[i].booth);
    // A manifest may name the exhibitor only on the booth side.
    if (exhibitorBooth[i] == expo::kNoIndex) continue;
    if (boothExhibitor[exhibitorBooth[i]] == expo::kNoIndex) boothExhibitor[exhibitorBooth[i]] = i;
  }
  for (uint32_t b = 0; b < e.booths.size(); ++b)
    if (boothExhibitor[b] != expo::kNoIndex && exhibitorBooth[boothExhibitor[b]] == expo::kNoIndex)
      exhibitorBooth[boothExhibitor[b]] = b;

  pavilionTriangles.clear();
  for (const expo::Pavilion& p : e.pavilions) pavilionTriangles.push_back(triangulatePolygon(p.floor));

  countries.clear();
  for (const expo::Exhibitor& ex : e.exhibitors)
    if (!ex.country.empty()) countries.push_back(ex.country);
  std::sort(countries.begin(), countries.end());
  countries.erase(std::unique(countries.begin(), countries.end()), countries.end());
  std::stable_sort(countries.begin(), countries.end(), [](const std::string& a, const std::string& b) {
    return countryName(a) < countryName(b);
  });

  search.build(e);
}

std::vector<uint32_t> triangulatePolygon(const std::vector<glm::vec2>& poly) {
  std::vector<uint32_t> out;
  const size_t n = poly.size();
  if (n < 3) return out;
  double area2 = 0.0;
  for (size_t i = 0; i < n; ++i) {
    const glm::vec2 a = poly[i], b = poly[(i + 1) % n];
    area2 += double(a.x) * b.y - double(b.x) * a.y;
  }
  const float orient = area2 >= 0.0 ? 1.0f : -1.0f;  // make every convex corner test positive
  const auto cross = [](glm::vec2 o, glm::vec2 a, glm::vec2 b) {
    return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
  };
  std::vector<uint32_t> ring(n);
  for (size_t i = 0; i < n; ++i) ring[i] = static_cast<uint32_t>(i);
  out.reserve((n - 2) * 3);
  size_t guard = 0;
  size_t i = 0;
  while (ring.size() > 3 && guard < ring.size() * ring.size() + 16) {
    ++guard;
    const size_t m = ring.size();
    const uint32_t ia = ring[(i + m - 1) % m], ib = ring[i % m], ic = ring[(i + 1) % m];
    const glm::vec2 a = poly[ia], b = poly[ib], c = poly[ic];
    bool ear = orient * cross(a, b, c) > 0.0f;
    for (size_t k = 0; ear && k < m; ++k) {
      const uint32_t ip = ring[k];
      if (ip == ia || ip == ib || ip == ic) continue;
      const glm::vec2 p = poly[ip];
      if (orient * cross(a, b, p) >= 0.0f && orient * cross(b, c, p) >= 0.0f &&
          orient * cross(c, a, p) >= 0.0f)
        ear = false;
    }
    if (ear) {
      out.insert(out.end(), {ia, ib, ic});
      ring.erase(ring.begin() + static_cast<std::ptrdiff_t>(i % m));
      guard = 0;
      if (i >= ring.size()) i = 0;
    } else {
      i = (i + 1) % m;
    }
  }
  if (ring.size() == 3) {
    out.insert(out.end(), {ring[0], ring[1], ring[2]});
  } else if (ring.size() > 3) {
    // Degenerate (self-touching) remainder: fan it so the floor is still filled.
    for (size_t k = 1; k + 1 < ring.size(); ++k) out.insert(out.end(), {ring[0], ring[k], ring[k + 1]});
  }
  return out;
}

}  // namespace cx::ui
