#pragma once
// ISO 8601 date-times as the manifest writes them: "2022-08-26T09:30:00+08:00" or
// "2022-08-26T01:30:00Z", optionally with a fraction of a second (".250", ignored).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cx::expo {

// Seconds since 1970-01-01T00:00:00Z, or nullopt when `text` is not exactly that form or names an
// impossible date or time (2022-02-30, 24:00, offset over 14:00).
std::optional<int64_t> parseIsoDateTime(std::string_view text);

// Whether `text` is a calendar date "YYYY-MM-DD" that exists.
bool isIsoDate(std::string_view text);

// Formats `unixSeconds` as "YYYY-MM-DDTHH:MM:SS+HH:MM" in the given offset ("Z" when 0).
std::string formatIsoDateTime(int64_t unixSeconds, int utcOffsetMinutes);

}  // namespace cx::expo
