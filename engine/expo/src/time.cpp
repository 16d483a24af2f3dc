#include "cx/expo/time.h"

#include <fmt/format.h>

namespace cx::expo {

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (the era-based algorithm: 400-year eras of
// 146097 days, years starting in March so the leap day is last).
int64_t daysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yearOfEra = y - era * 400;
  const int64_t dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const int64_t dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

void civilFromDays(int64_t z, int64_t& y, int& m, int& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t dayOfEra = z - era * 146097;
  const int64_t yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
  const int64_t dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
  const int64_t mp = (5 * dayOfYear + 2) / 153;
  d = int(dayOfYear - (153 * mp + 2) / 5 + 1);
  m = int(mp < 10 ? mp + 3 : mp - 9);
  y = yearOfEra + era * 400 + (m <= 2 ? 1 : 0);
}

int daysInMonth(int64_t y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

// Exactly `n` decimal digits at `pos`.
bool digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

bool parseDate(std::string_view s, int& y, int& m, int& d) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return false;
  if (!digits(s, 0, 4, y) || !digits(s, 5, 2, m) || !digits(s, 8, 2, d)) return false;
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

}  // namespace

bool isIsoDate(std::string_view text) {
  int y, m, d;
  return text.size() == 10 && parseDate(text, y, m, d);
}

std::optional<int64_t> parseIsoDateTime(std::string_view s) {
  int y, mo, d, h, mi, sec;
  if (!parseDate(s, y, mo, d)) return std::nullopt;
  if (s.size() < 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':') return std::nullopt;
  if (!digits(s, 11, 2, h) || !digits(s, 14, 2, mi) || !digits(s, 17, 2, sec)) return std::nullopt;
  if (h > 23 || mi > 59 || sec > 59) return std::nullopt;
  size_t pos = 19;
  if (s[pos] == '.') {
    size_t start = ++pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == start || pos - start > 9) return std::nullopt;
  }
  int offsetMinutes = 0;
  std::string_view zone = s.substr(pos);
  if (zone == "Z") {
    offsetMinutes = 0;
  } else {
    int oh, om;
    if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':') return std::nullopt;
    if (!digits(zone, 1, 2, oh) || !digits(zone, 4, 2, om) || om > 59 || oh * 60 + om > 14 * 60)
      return std::nullopt;
    offsetMinutes = (zone[0] == '-' ? -1 : 1) * (oh * 60 + om);
  }
  int64_t local = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
  return local - int64_t(offsetMinutes) * 60;
}

std::string formatIsoDateTime(int64_t unixSeconds, int utcOffsetMinutes) {
  int64_t local = unixSeconds + int64_t(utcOffsetMinutes) * 60;
  int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
  int64_t secondsOfDay = local - days * 86400;
  int64_t y;
  int m, d;
  civilFromDays(days, y, m, d);
  std::string out = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", y, m, d, secondsOfDay / 3600,
                                (secondsOfDay / 60) % 60, secondsOfDay % 60);
  if (utcOffsetMinutes == 0) return out + "Z";
  int a = utcOffsetMinutes < 0 ? -utcOffsetMinutes : utcOffsetMinutes;
  return out + fmt::format("{}{:02}:{:02}", utcOffsetMinutes < 0 ? '-' : '+', a / 60, a % 60);
}

}  // namespace cx::expo
