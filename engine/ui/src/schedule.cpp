#include "cx/ui/schedule.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

namespace cx::ui {
namespace {

int64_t floorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

struct CivilDate {
  int64_t year;
  unsigned month;
  unsigned day;
};

// Howard Hinnant's civil_from_days.
CivilDate civilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

}  // namespace

const char* eventStatusName(EventStatus status) {
  switch (status) {
    case EventStatus::Past:
      return "past";
    case EventStatus::LiveNow:
      return "live";
    case EventStatus::Next:
      return "next";
    case EventStatus::Later:
      return "later";
  }
  return "?";
}

int64_t localDayOf(int64_t unixSeconds, int utcOffsetMinutes) {
  return floorDiv(unixSeconds + int64_t(utcOffsetMinutes) * 60, 86400);
}

std::string formatLocalTime(int64_t unixSeconds, int utcOffsetMinutes) {
  const int64_t local = unixSeconds + int64_t(utcOffsetMinutes) * 60;
  const int64_t secOfDay = local - floorDiv(local, 86400) * 86400;
  return fmt::format("{:02}:{:02}", secOfDay / 3600, (secOfDay / 60) % 60);
}

std::string formatLocalDate(int64_t localDay) {
  const CivilDate d = civilFromDays(localDay);
  return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
}

std::string formatDayLabel(int64_t localDay) {
  static constexpr const char* kWeekdays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};  // day 0: Thu
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const CivilDate d = civilFromDays(localDay);
  const int64_t weekday = localDay - floorDiv(localDay, 7) * 7;
  return fmt::format("{} {} {}", kWeekdays[weekday], d.day, kMonths[d.month - 1]);
}

ScheduleView buildSchedule(const expo::Expo& expo, int64_t nowUnix) {
  ScheduleView view;
  view.utcOffsetMinutes = expo.venue.utcOffsetMinutes;
  const int offset = view.utcOffsetMinutes;

  std::vector<uint32_t> order(expo.events.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return expo.events[a].startUnix < expo.events[b].startUnix;
  });

  for (uint32_t i : order) {
    const expo::Event& ev = expo.events[i];
    ScheduleEntry entry;
    entry.event = i;
    if (ev.endUnix <= nowUnix) {
      entry.status = EventStatus::Past;
    } else if (ev.startUnix <= nowUnix) {
      entry.status = EventStatus::LiveNow;
      ++view.liveCount;
    } else if (view.nextEvent < 0) {
      entry.status = EventStatus::Next;
      view.nextEvent = i;
    } else {
      entry.status = EventStatus::Later;
    }
    entry.startLocal = formatLocalTime(ev.startUnix, offset);
    entry.endLocal = formatLocalTime(ev.endUnix, offset);
    const int64_t day = localDayOf(ev.startUnix, offset);
    entry.endDayOffset = static_cast<int>(std::max<int64_t>(0, localDayOf(ev.endUnix, offset) - day));
    if (view.days.empty() || view.days.back().localDay != day) {
      ScheduleDay d;
      d.localDay = day;
      d.date = formatLocalDate(day);
      d.label = formatDayLabel(day);
      view.days.push_back(std::move(d));
    }
    view.days.back().entries.push_back(std::move(entry));
  }
  return view;
}

glm::vec2 polygonCentroid(const std::vector<glm::vec2>& poly) {
  if (poly.empty()) return glm::vec2(0.0f);
  double area2 = 0.0, cx = 0.0, cy = 0.0, mx = 0.0, my = 0.0;
  for (size_t i = 0; i < poly.size(); ++i) {
    const glm::dvec2 a(poly[i]);
    const glm::dvec2 b(poly[(i + 1) % poly.size()]);
    const double cross = a.x * b.y - b.x * a.y;
    area2 += cross;
    cx += (a.x + b.x) * cross;
    cy += (a.y + b.y) * cross;
    mx += a.x;
    my += a.y;
  }
  if (std::abs(area2) < 1e-9) return glm::vec2(mx / double(poly.size()), my / double(poly.size()));
  return glm::vec2(cx / (3.0 * area2), cy / (3.0 * area2));
}

Place resolvePlace(const expo::Expo& expo, const std::string& id) {
  Place place;
  if (id.empty()) return place;
  for (uint32_t i = 0; i < expo.booths.size(); ++i) {
    if (expo.booths[i].id == id) {
      place.kind = Place::Kind::Booth;
      place.index = i;
      place.point = expo.booths[i].position;
      return place;
    }
  }
  for (uint32_t i = 0; i < expo.pavilions.size(); ++i) {
    const expo::Pavilion& p = expo.pavilions[i];
    if (p.id == id) {
      place.kind = Place::Kind::Pavilion;
      place.index = i;
      place.point = p.entrances.empty() ? polygonCentroid(p.floor) : p.entrances.front().position;
      return place;
    }
  }
  return place;
}

}  // namespace cx::ui
