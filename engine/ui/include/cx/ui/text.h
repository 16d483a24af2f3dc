#pragma once
// Small Unicode helpers for the panels: UTF-8 decoding, a simple case fold for search, and readable
// country names. No locale, no ICU: the fold covers the scripts the expo uses.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cx::ui {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes one code point at `pos` and advances `pos`. Malformed or overlong sequences, surrogates
// and values above U+10FFFF give U+FFFD and advance by one byte, so decoding never stalls.
char32_t decodeUtf8(std::string_view text, size_t& pos);
// Appends `cp` as UTF-8 (U+FFFD for surrogates and out-of-range values).
void appendUtf8(std::string& out, char32_t cp);
// All code points of `text`, in order.
std::vector<char32_t> utf8ToCodepoints(std::string_view text);

// Simple (one-to-one) case fold: ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic U+0400-U+04FF
// (including Mongolian Ө/ө and Ү/ү) and fullwidth Latin map to lower case. Everything else (CJK,
// Hangul, kana, digits) is unchanged. 'ß' stays 'ß'; 'İ' folds to 'i'; final sigma to sigma.
char32_t foldCase(char32_t cp);
// foldCase over a UTF-8 string; malformed bytes become U+FFFD.
std::string foldCaseUtf8(std::string_view text);

// English short name of an ISO 3166-1 alpha-2 code ("KR" -> "Republic of Korea"); the code itself
// when unknown. Case-insensitive.
std::string countryName(std::string_view isoCode);

}  // namespace cx::ui
