#include "cx/social/subjects.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace cx::social {
namespace {

bool tokenChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

std::vector<std::string_view> splitSubject(std::string_view s) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == '.') {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

std::optional<int> parseCellIndex(std::string_view t) {
  int v = 0;
  if (t.empty() || t.size() > 8) return std::nullopt;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || p != t.data() + t.size()) return std::nullopt;
  return v;
}

}  // namespace

bool isSubjectToken(std::string_view token) {
  return !token.empty() && token.size() <= kMaxTokenBytes && std::all_of(token.begin(), token.end(), tokenChar);
}

std::string toSubjectToken(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, std::min(text.size(), kMaxTokenBytes))) out += tokenChar(c) ? c : '_';
  return out.empty() ? "_" : out;
}

Cell cellOf(glm::vec3 p) {
  auto index = [](float v) {
    if (!std::isfinite(v)) return 0;
    return static_cast<int>(std::clamp(std::floor(v / kCellSize), -1.0e6f, 1.0e6f));
  };
  return {index(p.x), index(p.z)};
}

std::vector<Cell> cellsWithin(glm::vec3 p, float radius) {
  std::vector<Cell> cells;
  Cell c = cellOf(p);
  int span = static_cast<int>(std::ceil(radius / kCellSize)) + 1;
  for (int dz = -span; dz <= span; ++dz) {
    for (int dx = -span; dx <= span; ++dx) {
      Cell k{c.x + dx, c.z + dz};
      float x0 = k.x * kCellSize, z0 = k.z * kCellSize;
      float nx = std::clamp(p.x, x0, x0 + kCellSize), nz = std::clamp(p.z, z0, z0 + kCellSize);
      float ddx = p.x - nx, ddz = p.z - nz;
      if (ddx * ddx + ddz * ddz <= radius * radius) cells.push_back(k);
    }
  }
  std::sort(cells.begin(), cells.end());
  return cells;
}

bool cellContains(Cell cell, glm::vec3 p, float slack) {
  float x0 = cell.x * kCellSize, z0 = cell.z * kCellSize;
  return p.x >= x0 - slack && p.x <= x0 + kCellSize + slack && p.z >= z0 - slack && p.z <= z0 + kCellSize + slack;
}

std::string poseSubject(std::string_view expo, std::string_view pavilion, Cell cell, std::string_view visitor) {
  return fmt::format("cx.{}.pose.{}.{}.{}.{}", expo, pavilion, cell.x, cell.z, visitor);
}

std::string cellSubscription(std::string_view expo, Cell cell) {
  return fmt::format("cx.{}.pose.*.{}.{}.*", expo, cell.x, cell.z);
}

std::optional<PoseSubject> parsePoseSubject(std::string_view subject, std::string_view expo) {
  if (subject.size() > 256) return std::nullopt;
  std::vector<std::string_view> t = splitSubject(subject);
  if (t.size() != 7 || t[0] != "cx" || t[1] != expo || t[2] != "pose") return std::nullopt;
  if (!isSubjectToken(t[3]) || !isSubjectToken(t[6])) return std::nullopt;
  std::optional<int> cx = parseCellIndex(t[4]), cz = parseCellIndex(t[5]);
  if (!cx || !cz) return std::nullopt;
  return PoseSubject{std::string(t[3]), Cell{*cx, *cz}, std::string(t[6])};
}

}  // namespace cx::social
