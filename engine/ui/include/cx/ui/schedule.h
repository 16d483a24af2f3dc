#pragma once
// The conference schedule as the schedule panel shows it: events grouped by local day at the
// venue's fixed UTC offset (Venue::utcOffsetMinutes; no daylight-saving rules), with their status
// relative to "now".
#include <cstdint>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "cx/expo/expo.h"

namespace cx::ui {

enum class EventStatus {
  Past,     // ended: endUnix <= now
  LiveNow,  // startUnix <= now < endUnix
  Next,     // the earliest event that has not started (ties: the first in manifest order)
  Later,    // every other event that has not started
};

const char* eventStatusName(EventStatus status);  // "past", "live", "next", "later"

struct ScheduleEntry {
  uint32_t event = 0;  // index into Expo::events
  EventStatus status = EventStatus::Later;
  std::string startLocal;  // "HH:MM" at the venue's offset
  std::string endLocal;    // "HH:MM"
  int endDayOffset = 0;    // local days from the start's day to the end's day (1: ends after midnight)
};

struct ScheduleDay {
  int64_t localDay = 0;                // days since 1970-01-01 of the local date
  std::string date;                    // "2022-08-26"
  std::string label;                   // "Fri 26 Aug"
  std::vector<ScheduleEntry> entries;  // by start time, then manifest order
};

struct ScheduleView {
  std::vector<ScheduleDay> days;  // ascending
  int utcOffsetMinutes = 0;
  uint32_t liveCount = 0;
  int64_t nextEvent = -1;  // index into Expo::events of the Next event; -1 when none
};

ScheduleView buildSchedule(const expo::Expo& expo, int64_t nowUnix);

// Local wall-clock helpers at a fixed offset.
int64_t localDayOf(int64_t unixSeconds, int utcOffsetMinutes);
std::string formatLocalTime(int64_t unixSeconds, int utcOffsetMinutes);  // "HH:MM"
std::string formatLocalDate(int64_t localDay);                           // "YYYY-MM-DD"
std::string formatDayLabel(int64_t localDay);                            // "Fri 26 Aug"

// Where an event (or any id that names a booth or pavilion) takes place.
struct Place {
  enum class Kind { None, Booth, Pavilion };
  Kind kind = Kind::None;
  uint32_t index = 0;     // into Expo::booths or Expo::pavilions
  glm::vec2 point{0.0f};  // world (x, z): the booth centre, or the pavilion's first entrance (else
                          // the centroid of its floor polygon)
};
Place resolvePlace(const expo::Expo& expo, const std::string& id);

// Area centroid of a simple polygon; the vertex mean when the area is (near) zero.
glm::vec2 polygonCentroid(const std::vector<glm::vec2>& polygon);

}  // namespace cx::ui
