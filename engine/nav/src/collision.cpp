#include "cx/nav/collision.h"

#include <algorithm>
#include <cmath>

#include "cx/expo/footprint.h"
#include "geometry2d.h"

namespace cx::nav {

namespace {

using detail::finite2;

// A sub-step is at most this fraction of the radius: a circle that was clear of a zero-thickness
// wall cannot reach its far side within one sub-step, so the push-out always acts toward the side
// it came from.
constexpr float kSubstepFraction = 0.5f;
constexpr int kResolveIterations = 8;
constexpr float kMinRadius = 1e-3f;
// Obstacles are gathered for a box this much larger than the circle and gathered again only when
// the circle leaves it.
constexpr float kQueryPad = 2.0f;

struct Gap {
  float begin, end;
};

void addWallsOfEdge(glm::vec2 a, glm::vec2 b, uint32_t pavilion, const std::vector<expo::Entrance>& entrances,
                    std::vector<WallSegment>& walls) {
  glm::vec2 e = b - a;
  float length = glm::length(e);
  if (!(length > 0.0f)) return;
  glm::vec2 dir = e / length;
  std::vector<Gap> gaps;
  for (const expo::Entrance& entrance : entrances) {
    if (!finite2(entrance.position) || !(entrance.width > 0.0f)) continue;
    glm::vec2 closest = detail::closestPointOnSegment(entrance.position, a, b);
    if (glm::length(entrance.position - closest) > kEntranceSnap) continue;
    float along = glm::dot(entrance.position - a, dir);
    float half = 0.5f * entrance.width;
    gaps.push_back({std::max(along - half, 0.0f), std::min(along + half, length)});
  }
  std::sort(gaps.begin(), gaps.end(), [](const Gap& x, const Gap& y) { return x.begin < y.begin; });
  float cursor = 0.0f;
  auto emit = [&](float from, float to) {
    if (to - from > 1e-4f) walls.push_back({a + from * dir, a + to * dir, pavilion});
  };
  for (const Gap& g : gaps) {
    if (g.end <= g.begin) continue;
    emit(cursor, g.begin);
    cursor = std::max(cursor, g.end);
  }
  if (cursor <= 0.0f)
    walls.push_back({a, b, pavilion});  // no gap: keep the exact corners
  else
    emit(cursor, length);
}

bool boxesOverlap(glm::vec2 aMin, glm::vec2 aMax, glm::vec2 bMin, glm::vec2 bMax) {
  return aMin.x <= bMax.x && bMin.x <= aMax.x && aMin.y <= bMax.y && bMin.y <= aMax.y;
}

bool wallNearBox(const WallSegment& w, glm::vec2 lo, glm::vec2 hi) {
  return boxesOverlap(glm::min(w.a, w.b), glm::max(w.a, w.b), lo, hi);
}

float wallDistance(const WallSegment& w, glm::vec2 p) {
  return glm::length(p - detail::closestPointOnSegment(p, w.a, w.b));
}

bool overlapsBooth(const expo::BoothBounds& b, glm::vec2 p, float r) {
  float d = expo::footprintDistance(b, p);
  return d <= 0.0f || d < r - kContactTolerance;
}

bool insideSite(const CollisionWorld& world, glm::vec2 p, float r) {
  glm::vec2 slack(r - kContactTolerance);
  return glm::all(glm::greaterThanEqual(p, world.siteMin + slack)) &&
         glm::all(glm::lessThanEqual(p, world.siteMax - slack));
}

glm::vec2 clampToSite(const CollisionWorld& world, glm::vec2 p, float r) {
  glm::vec2 lo = world.siteMin + glm::vec2(r), hi = world.siteMax - glm::vec2(r);
  for (int i = 0; i < 2; ++i)
    if (lo[i] <= hi[i]) p[i] = std::clamp(p[i], lo[i], hi[i]);
  return p;
}

// The obstacles near the moving circle, gathered for a box and gathered again when it leaves.
class Neighbourhood {
 public:
  Neighbourhood(const CollisionWorld& world, float radius) : world_(world), radius_(radius) {}

  void ensure(glm::vec2 p) {
    glm::vec2 r(radius_ + kContactTolerance);
    if (valid_ && glm::all(glm::greaterThanEqual(p - r, lo_)) && glm::all(glm::lessThanEqual(p + r, hi_)))
      return;
    glm::vec2 pad(radius_ + kQueryPad);
    lo_ = p - pad;
    hi_ = p + pad;
    world_.booths.queryRect(lo_, hi_, booths_);
    walls_.clear();
    for (const WallSegment& w : world_.walls)
      if (wallNearBox(w, lo_, hi_)) walls_.push_back(&w);
    valid_ = true;
  }

  // Pushes p out of everything it overlaps; true when it ends clear of all of it. `pushed` tells
  // whether anything moved it.
  bool resolve(glm::vec2& p, glm::vec2 hint, bool& pushed) {
    const auto& bounds = world_.booths.bounds();
    pushed = false;
    for (int iteration = 0; iteration < kResolveIterations; ++iteration) {
      bool moved = false;
      for (uint32_t i : booths_) {
        glm::vec2 push = detail::pushOutOfFootprint(bounds[i], p, radius_);
        if (push.x != 0.0f || push.y != 0.0f) {
          p += push;
          moved = true;
        }
      }
      for (const WallSegment* w : walls_) {
        glm::vec2 push = detail::pushOutOfSegment(w->a, w->b, p, radius_, hint);
        if (push.x != 0.0f || push.y != 0.0f) {
          p += push;
          moved = true;
        }
      }
      glm::vec2 clamped = clampToSite(world_, p, radius_);
      if (clamped != p) {
        p = clamped;
        moved = true;
      }
      if (!moved) break;
      pushed = true;
    }
    if (!finite2(p)) return false;
    ensure(p);
    for (uint32_t i : booths_)
      if (overlapsBooth(bounds[i], p, radius_)) return false;
    for (const WallSegment* w : walls_)
      if (wallDistance(*w, p) < radius_ - kContactTolerance) return false;
    return insideSite(world_, p, radius_);
  }

 private:
  const CollisionWorld& world_;
  float radius_;
  bool valid_ = false;
  glm::vec2 lo_{0.0f}, hi_{0.0f};
  std::vector<uint32_t> booths_;
  std::vector<const WallSegment*> walls_;
};

}  // namespace

CollisionWorld buildCollisionWorld(const expo::Expo& expo, const expo::ExpoScene& scene, float siteMargin) {
  CollisionWorld world;
  world.booths = expo::SpatialIndex(scene.bounds);

  glm::vec2 lo(std::numeric_limits<float>::infinity()), hi(-std::numeric_limits<float>::infinity());
  world.pavilions.reserve(expo.pavilions.size());
  for (uint32_t p = 0; p < expo.pavilions.size(); ++p) {
    const expo::Pavilion& pav = expo.pavilions[p];
    PavilionFloor floor;
    for (glm::vec2 v : pav.floor)
      if (finite2(v)) floor.outline.push_back(v);
    if (!floor.outline.empty()) {
      floor.min = floor.max = floor.outline.front();
      for (glm::vec2 v : floor.outline) {
        floor.min = glm::min(floor.min, v);
        floor.max = glm::max(floor.max, v);
      }
      lo = glm::min(lo, floor.min);
      hi = glm::max(hi, floor.max);
    }
    const size_t n = floor.outline.size();
    if (n >= 2) {
      for (size_t i = 0; i < n; ++i) {
        if (n == 2 && i == 1) break;  // a degenerate two-point floor is one wall, not two
        addWallsOfEdge(floor.outline[i], floor.outline[(i + 1) % n], p, pav.entrances, world.walls);
      }
    }
    world.pavilions.push_back(std::move(floor));
  }
  for (const expo::BoothBounds& b : scene.bounds) {
    glm::vec2 bmin, bmax;
    expo::footprintAabb(b, bmin, bmax);
    if (!finite2(bmin) || !finite2(bmax)) continue;
    lo = glm::min(lo, bmin);
    hi = glm::max(hi, bmax);
  }
  if (lo.x <= hi.x && lo.y <= hi.y) {
    float margin = std::isfinite(siteMargin) ? std::max(siteMargin, 0.0f) : kDefaultSiteMargin;
    world.siteMin = lo - glm::vec2(margin);
    world.siteMax = hi + glm::vec2(margin);
  }
  return world;
}

glm::vec2 moveWithCollision(const CollisionWorld& world, glm::vec2 from, glm::vec2 desiredDelta,
                            float radius) {
  if (!finite2(from) || !finite2(desiredDelta) || !std::isfinite(radius)) return from;
  const float r = std::max(radius, kMinRadius);
  const float maxStep = kSubstepFraction * r;
  float length = glm::length(desiredDelta);
  int steps = std::max(1, int(std::ceil(length / maxStep)));
  if (steps > kMaxMoveSubsteps) {
    desiredDelta *= float(kMaxMoveSubsteps) * maxStep / length;
    steps = kMaxMoveSubsteps;
  }
  const glm::vec2 step = desiredDelta / float(steps);

  Neighbourhood near(world, r);
  glm::vec2 pos = from;
  bool pushed = false;
  near.ensure(pos);
  near.resolve(pos, from, pushed);  // a start that overlaps something is pushed out first
  if (length == 0.0f) return pos;
  // Free sub-steps are taken from the last contact point (anchor + n * step) rather than summed one
  // by one, so a long unobstructed move ends where it should to float precision.
  glm::vec2 anchor = pos;
  int freeSteps = 0;
  for (int k = 0; k < steps; ++k) {
    glm::vec2 previous = pos;
    pos = anchor + step * float(++freeSteps);
    near.ensure(pos);
    if (!near.resolve(pos, previous, pushed)) return previous;  // wedged: stay at the last clear spot
    if (pushed) {
      anchor = pos;
      freeSteps = 0;
    }
  }
  return pos;
}

bool isWalkable(const CollisionWorld& world, glm::vec2 p, float radius) {
  if (!finite2(p) || !std::isfinite(radius)) return false;
  float r = std::max(radius, 0.0f);
  if (!insideSite(world, p, r)) return false;
  glm::vec2 reach(r + kContactTolerance);
  std::vector<uint32_t> near;
  world.booths.queryRect(p - reach, p + reach, near);
  for (uint32_t i : near)
    if (overlapsBooth(world.booths.bounds()[i], p, r)) return false;
  for (const WallSegment& w : world.walls) {
    if (!wallNearBox(w, p - reach, p + reach)) continue;
    float d = wallDistance(w, p);
    if (d <= 0.0f || d < r - kContactTolerance) return false;
  }
  return true;
}

std::optional<uint32_t> pavilionAt(const CollisionWorld& world, glm::vec2 p) {
  if (!finite2(p)) return std::nullopt;
  for (uint32_t i = 0; i < world.pavilions.size(); ++i) {
    const PavilionFloor& f = world.pavilions[i];
    if (f.outline.size() < 3 || !boxesOverlap(f.min, f.max, p, p)) continue;
    if (expo::pointInPolygon(f.outline, p)) return i;
  }
  return std::nullopt;
}

std::optional<float> firstWallCrossing(const CollisionWorld& world, glm::vec2 a, glm::vec2 b) {
  if (!finite2(a) || !finite2(b)) return std::nullopt;
  glm::vec2 lo = glm::min(a, b), hi = glm::max(a, b);
  std::optional<float> first;
  for (const WallSegment& w : world.walls) {
    if (!wallNearBox(w, lo, hi)) continue;
    std::optional<float> s = detail::segmentIntersection(a, b, w.a, w.b);
    if (s && (!first || *s < *first)) first = s;
  }
  return first;
}

bool segmentCrossesWall(const CollisionWorld& world, glm::vec2 a, glm::vec2 b) {
  return firstWallCrossing(world, a, b).has_value();
}

}  // namespace cx::nav
