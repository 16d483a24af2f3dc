#pragma once
// Subjects and interest cells. A pose goes to
//   cx.<expo>.pose.<pavilion>.<cellx>.<cellz>.<visitor>
// where the cell is floor(x / 16 m), floor(z / 16 m). A visitor subscribes to
//   cx.<expo>.pose.*.<cellx>.<cellz>.*
// for every cell within the interest radius (40 m) of itself, so what it receives grows with the
// crowd near it, not with the expo. Tokens are [A-Za-z0-9_-], 1..64 bytes: nothing a NATS
// wildcard or separator can hide in.
#include <glm/glm.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cx::social {

inline constexpr float kCellSize = 16.0f;
inline constexpr float kInterestRadius = 40.0f;
inline constexpr size_t kMaxTokenBytes = 64;

struct Cell {
  int x = 0, z = 0;
  bool operator==(const Cell&) const = default;
  auto operator<=>(const Cell&) const = default;
};

bool isSubjectToken(std::string_view token);
// Maps any text to a token: allowed characters kept, others become '_', cut to 64; "_" if empty.
std::string toSubjectToken(std::string_view text);

Cell cellOf(glm::vec3 position);
// Every cell whose square comes within `radius` of `position` (x, z), sorted.
std::vector<Cell> cellsWithin(glm::vec3 position, float radius = kInterestRadius);
// True when `position` lies in `cell` or within `slack` metres of it (a pose published just
// before its visitor crossed a cell border).
bool cellContains(Cell cell, glm::vec3 position, float slack = 1.0f);

std::string poseSubject(std::string_view expo, std::string_view pavilion, Cell cell, std::string_view visitor);
std::string cellSubscription(std::string_view expo, Cell cell);

struct PoseSubject {
  std::string pavilion;
  Cell cell;
  std::string visitor;
};
// Parses a pose subject of `expo`; nullopt when it has another shape, expo or a bad token.
std::optional<PoseSubject> parsePoseSubject(std::string_view subject, std::string_view expo);

}  // namespace cx::social
