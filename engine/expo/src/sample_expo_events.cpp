// The 10 conferences of the sample expo. The first four are named in the organiser's report on the
// 13th China-Northeast Asia Expo; the others are invented in the same spirit. Two a day, morning
// and afternoon, in the pavilion of their theme (or at its largest booth).
#include <fmt/format.h>

#include "cx/expo/time.h"
#include "sample_expo_internal.h"

namespace cx::expo::sample {

namespace {

struct EventSpec {
  const char* zh;
  const char* en;
  const char* pavilion;  // pavilion id
  bool atBooth;          // at the pavilion's largest booth rather than the hall itself
  const char* about;
};

constexpr EventSpec kEvents[] = {
    {"第六届全球吉商大会", "The 6th Global Conference for Entrepreneurs of Jilin Province", "jilin", false,
     "Entrepreneurs from Jilin at home and abroad meet investors and the provincial government."},
    {"全球晋商大会", "Global Conference for Entrepreneurs of Shanxi Province", "china-regions", false,
     "Shanxi business leaders on cooperation with Northeast Asia."},
    {"2021中国500强企业高峰论坛", "Summit Forum 2021 for China's Top 500 Enterprises", "sci-tech", false,
     "Leaders of China's largest enterprises on innovation and regional development."},
    {"跨国公司吉林行", "Trip for Multinational Companies to Jilin Province", "jilin", true,
     "Briefing and signing session for multinational companies visiting Jilin."},
    {"东北亚数字经济论坛", "Northeast Asia Digital Economy Forum", "sci-tech", true,
     "Cloud services, big data and VR exhibitions for regional trade."},
    {"中日韩产业合作对话会", "China-Japan-ROK Industrial Cooperation Dialogue", "northeast-asia", false,
     "Supply-chain cooperation between Chinese, Japanese and Korean industry."},
    {"东北亚汽车产业合作论坛", "Northeast Asia Automotive Industry Cooperation Forum", "automobile", true,
     "New-energy vehicles, parts supply and cross-border logistics."},
    {"东北亚物流通道建设大会", "Northeast Asia Logistics Corridor Conference", "northeast-asia", true,
     "Rail, sea and road corridors linking the Tumen River area with the region."},
    {"进口商品贸易对接会", "Imported Commodities Trade Matchmaking Conference", "imported", false,
     "Buyers meet exporters from Europe and Northeast Asia."},
    {"跨境电商与直播带货大会", "Cross-border E-commerce and Livestream Conference", "livestream", true,
     "Livestream selling, online shops and cross-border e-commerce."},
};

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
int64_t daysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// The booth with the largest footprint in `pavilion`; nullptr when the pavilion has none.
const Booth* largestBooth(const Expo& expo, const std::string& pavilion) {
  const Booth* best = nullptr;
  for (const Booth& b : expo.booths) {
    if (b.pavilion != pavilion) continue;
    if (!best || b.footprint.x * b.footprint.y > best->footprint.x * best->footprint.y) best = &b;
  }
  return best;
}

}  // namespace

std::vector<Event> makeSampleEvents(const Expo& expo, const VenueDates& dates) {
  std::vector<Event> events;
  const int64_t day0 = daysFromCivil(dates.year, dates.month, dates.day) * 86400 -
                       int64_t(dates.utcOffsetMinutes) * 60;  // local midnight of the first day
  const int64_t slots[2][2] = {{9 * 3600 + 30 * 60, 11 * 3600 + 30 * 60}, {14 * 3600, 16 * 3600 + 30 * 60}};
  const int count = int(std::size(kEvents));
  for (int i = 0; i < count; ++i) {
    const EventSpec& spec = kEvents[i];
    // Two per day, spread over the days.
    int day = std::min(dates.days - 1, i * dates.days / count);
    int slot = i % 2;
    Event e;
    e.id = fmt::format("ev-{:02}", i + 1);
    e.title = {spec.zh, spec.en, "zh"};
    e.startUnix = day0 + int64_t(day) * 86400 + slots[slot][0];
    e.endUnix = day0 + int64_t(day) * 86400 + slots[slot][1];
    e.start = formatIsoDateTime(e.startUnix, dates.utcOffsetMinutes);
    e.end = formatIsoDateTime(e.endUnix, dates.utcOffsetMinutes);
    const Pavilion* pavilion = nullptr;
    for (const Pavilion& p : expo.pavilions)
      if (p.id == spec.pavilion) pavilion = &p;
    const Booth* booth = spec.atBooth ? largestBooth(expo, spec.pavilion) : nullptr;
    if (booth) {
      e.location = booth->id;
      e.locationLabel =
          fmt::format("Booth {}, {}", booth->id, pavilion ? pavilion->name.english : spec.pavilion);
    } else if (pavilion) {
      e.location = pavilion->id;
      e.locationLabel = pavilion->name.english;
    }
    e.stream = fmt::format("https://live.expo.example/events/{}", e.id);
    e.description = spec.about;
    events.push_back(std::move(e));
  }
  return events;
}

}  // namespace cx::expo::sample
