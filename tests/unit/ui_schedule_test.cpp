#include <gtest/gtest.h>

#include "cx/expo/time.h"
#include "cx/ui/schedule.h"
#include "ui_test_expo.h"

using cx::ui::buildSchedule;
using cx::ui::EventStatus;
using namespace cx::uitest;

namespace {

EventStatus statusOf(const cx::ui::ScheduleView& v, const cx::expo::Expo& e, const std::string& id) {
  for (const auto& d : v.days)
    for (const auto& entry : d.entries)
      if (e.events[entry.event].id == id) return entry.status;
  ADD_FAILURE() << "no event " << id;
  return EventStatus::Past;
}

}  // namespace

TEST(UiSchedule, TestDayMatchesIsoParser) {
  EXPECT_EQ(cx::expo::parseIsoDateTime("2022-08-26T00:00:00+08:00"), kDay0);
}

TEST(UiSchedule, LiveNowAndNextAtFixedNow) {
  const auto e = makeUiTestExpo();
  const int64_t now = kDay0 + 10 * 3600;  // 10:00 local: the opening (09:30-11:30) is on
  const auto v = buildSchedule(e, now);
  EXPECT_EQ(statusOf(v, e, "ev-1"), EventStatus::LiveNow);
  EXPECT_EQ(statusOf(v, e, "ev-2"), EventStatus::Next);
  EXPECT_EQ(statusOf(v, e, "ev-3"), EventStatus::Later);
  EXPECT_EQ(statusOf(v, e, "ev-4"), EventStatus::Later);
  EXPECT_EQ(v.liveCount, 1u);
  ASSERT_GE(v.nextEvent, 0);
  EXPECT_EQ(e.events[size_t(v.nextEvent)].id, "ev-2");

  const auto later = buildSchedule(e, kDay0 + 13 * 3600);
  EXPECT_EQ(statusOf(later, e, "ev-1"), EventStatus::Past);
  EXPECT_EQ(statusOf(later, e, "ev-2"), EventStatus::Next);
  EXPECT_EQ(later.liveCount, 0u);

  const auto after = buildSchedule(e, kDay0 + 5 * 86400);
  EXPECT_EQ(after.nextEvent, -1);
  EXPECT_EQ(statusOf(after, e, "ev-4"), EventStatus::Past);
}

TEST(UiSchedule, StartIsInclusiveEndIsExclusive) {
  const auto e = makeUiTestExpo();
  const int64_t start = kDay0 + 9 * 3600 + 1800, end = kDay0 + 11 * 3600 + 1800;
  EXPECT_EQ(statusOf(buildSchedule(e, start - 1), e, "ev-1"), EventStatus::Next);
  EXPECT_EQ(statusOf(buildSchedule(e, start), e, "ev-1"), EventStatus::LiveNow);
  EXPECT_EQ(statusOf(buildSchedule(e, end - 1), e, "ev-1"), EventStatus::LiveNow);
  EXPECT_EQ(statusOf(buildSchedule(e, end), e, "ev-1"), EventStatus::Past);
}

TEST(UiSchedule, GroupsByLocalDayAtUtcPlus8AcrossMidnight) {
  auto e = makeUiTestExpo();
  // 01:00 local on the 27th is still the 26th in UTC (17:00Z): it belongs to the 27th.
  cx::expo::Event early;
  early.id = "ev-early";
  early.startUnix = kDay0 + 86400 + 3600;
  early.endUnix = early.startUnix + 3600;
  e.events.push_back(early);
  const auto v = buildSchedule(e, kDay0);
  ASSERT_EQ(v.days.size(), 2u);
  EXPECT_EQ(v.days[0].date, "2022-08-26");
  EXPECT_EQ(v.days[0].label, "Fri 26 Aug");
  EXPECT_EQ(v.days[1].date, "2022-08-27");
  EXPECT_EQ(v.days[1].label, "Sat 27 Aug");
  ASSERT_EQ(v.days[0].entries.size(), 3u);
  // Sorted by start time, whatever the manifest order.
  EXPECT_EQ(e.events[v.days[0].entries[0].event].id, "ev-1");
  EXPECT_EQ(e.events[v.days[0].entries[1].event].id, "ev-2");
  EXPECT_EQ(e.events[v.days[0].entries[2].event].id, "ev-3");
  EXPECT_EQ(v.days[0].entries[0].startLocal, "09:30");
  EXPECT_EQ(v.days[0].entries[0].endLocal, "11:30");
  // 23:00-00:30 crosses midnight: it stays on its start day and says so.
  EXPECT_EQ(v.days[0].entries[2].startLocal, "23:00");
  EXPECT_EQ(v.days[0].entries[2].endLocal, "00:30");
  EXPECT_EQ(v.days[0].entries[2].endDayOffset, 1);
  ASSERT_EQ(v.days[1].entries.size(), 2u);
  EXPECT_EQ(e.events[v.days[1].entries[0].event].id, "ev-early");
  EXPECT_EQ(v.days[1].entries[0].startLocal, "01:00");
}

TEST(UiSchedule, LocalTimeHelpers) {
  EXPECT_EQ(cx::ui::formatLocalTime(0, 0), "00:00");
  EXPECT_EQ(cx::ui::formatLocalTime(0, 480), "08:00");
  EXPECT_EQ(cx::ui::formatLocalTime(0, -90), "22:30");
  EXPECT_EQ(cx::ui::localDayOf(0, -90), -1);
  EXPECT_EQ(cx::ui::formatLocalDate(-1), "1969-12-31");
  EXPECT_EQ(cx::ui::formatDayLabel(0), "Thu 1 Jan");
}

TEST(UiSchedule, ResolvesEventPlaces) {
  const auto e = makeUiTestExpo();
  using Kind = cx::ui::Place::Kind;
  const auto booth = cx::ui::resolvePlace(e, "B004");
  EXPECT_EQ(booth.kind, Kind::Booth);
  EXPECT_EQ(booth.index, 3u);
  EXPECT_EQ(booth.point, glm::vec2(70, 5));
  const auto hallA = cx::ui::resolvePlace(e, "hall-a");
  EXPECT_EQ(hallA.kind, Kind::Pavilion);
  EXPECT_EQ(hallA.point, glm::vec2(20, 30));             // its entrance
  const auto hallB = cx::ui::resolvePlace(e, "hall-b");  // no entrance: the L's centroid
  EXPECT_EQ(hallB.kind, Kind::Pavilion);
  EXPECT_NEAR(hallB.point.x, (400.0 * 70 + 200.0 * 55) / 600.0, 1e-3);
  EXPECT_NEAR(hallB.point.y, (400.0 * 5 + 200.0 * 20) / 600.0, 1e-3);
  EXPECT_EQ(cx::ui::resolvePlace(e, "nowhere").kind, Kind::None);
  EXPECT_EQ(cx::ui::resolvePlace(e, "").kind, Kind::None);
}
