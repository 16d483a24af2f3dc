#include "cx/ui/text.h"

#include <array>
#include <utility>

namespace cx::ui {

char32_t decodeUtf8(std::string_view s, size_t& pos) {
  const auto byte = [&](size_t i) { return static_cast<uint8_t>(s[i]); };
  const uint8_t b0 = byte(pos);
  if (b0 < 0x80) {
    ++pos;
    return b0;
  }
  int len = 0;
  char32_t cp = 0;
  char32_t minimum = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, cp = b0 & 0x1F, minimum = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0F, minimum = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, cp = b0 & 0x07, minimum = 0x10000;
  } else {
    ++pos;
    return kReplacementChar;
  }
  if (pos + len > s.size()) {
    ++pos;
    return kReplacementChar;
  }
  for (int i = 1; i < len; ++i) {
    const uint8_t b = byte(pos + i);
    if ((b & 0xC0) != 0x80) {
      ++pos;
      return kReplacementChar;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < minimum || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++pos;
    return kReplacementChar;
  }
  pos += len;
  return cp;
}

void appendUtf8(std::string& out, char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = kReplacementChar;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::vector<char32_t> utf8ToCodepoints(std::string_view text) {
  std::vector<char32_t> out;
  out.reserve(text.size());
  for (size_t pos = 0; pos < text.size();) out.push_back(decodeUtf8(text, pos));
  return out;
}

namespace {

// Pairs laid out as upper = even, lower = odd (or the reverse) inside [first, last].
bool inPairRange(char32_t cp, char32_t first, char32_t last) {
  return cp >= first && cp <= last;
}

}  // namespace

char32_t foldCase(char32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  // Latin-1: À..Þ except ×.
  if (cp >= 0xC0 && cp <= 0xDE) return cp == 0xD7 ? cp : cp + 32;
  if (cp < 0x100) return cp;
  // Latin Extended-A.
  if (cp <= 0x17F) {
    if (cp == 0x130) return 'i';
    if (cp == 0x131) return cp;
    if (cp == 0x178) return 0xFF;
    if (cp == 0x17F) return 's';
    if (inPairRange(cp, 0x100, 0x137) || inPairRange(cp, 0x14A, 0x177)) return (cp % 2 == 0) ? cp + 1 : cp;
    if (inPairRange(cp, 0x139, 0x148) || inPairRange(cp, 0x179, 0x17E)) return (cp % 2 == 1) ? cp + 1 : cp;
    return cp;
  }
  // Greek.
  if (cp >= 0x370 && cp <= 0x3FF) {
    if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) return cp + 32;
    if (cp == 0x386) return 0x3AC;
    if (cp >= 0x388 && cp <= 0x38A) return cp + 37;
    if (cp == 0x38C) return 0x3CC;
    if (cp == 0x38E || cp == 0x38F) return cp + 63;
    if (cp == 0x3C2) return 0x3C3;
    return cp;
  }
  // Cyrillic.
  if (cp >= 0x400 && cp <= 0x4FF) {
    if (cp <= 0x40F) return cp + 80;
    if (cp <= 0x42F) return cp + 32;
    if (cp <= 0x45F) return cp;
    if (inPairRange(cp, 0x460, 0x481) || inPairRange(cp, 0x48A, 0x4BF) || inPairRange(cp, 0x4D0, 0x4FF))
      return (cp % 2 == 0) ? cp + 1 : cp;
    if (cp == 0x4C0) return 0x4CF;
    if (inPairRange(cp, 0x4C1, 0x4CE)) return (cp % 2 == 1) ? cp + 1 : cp;
    return cp;
  }
  // Fullwidth Latin capitals.
  if (cp >= 0xFF21 && cp <= 0xFF3A) return cp + 32;
  return cp;
}

std::string foldCaseUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t pos = 0; pos < text.size();) {
    // ASCII fast path: most of the haystack is English.
    const auto c = static_cast<unsigned char>(text[pos]);
    if (c < 0x80) {
      out += static_cast<char>((c >= 'A' && c <= 'Z') ? c + 32 : c);
      ++pos;
      continue;
    }
    appendUtf8(out, foldCase(decodeUtf8(text, pos)));
  }
  return out;
}

std::string countryName(std::string_view code) {
  static constexpr std::array<std::pair<const char*, const char*>, 44> kCountries{{
      {"CN", "China"},          {"KR", "Republic of Korea"},
      {"KP", "DPR Korea"},      {"JP", "Japan"},
      {"RU", "Russia"},         {"MN", "Mongolia"},
      {"IT", "Italy"},          {"FI", "Finland"},
      {"DE", "Germany"},        {"FR", "France"},
      {"GB", "United Kingdom"}, {"ES", "Spain"},
      {"PT", "Portugal"},       {"NL", "Netherlands"},
      {"BE", "Belgium"},        {"CH", "Switzerland"},
      {"AT", "Austria"},        {"SE", "Sweden"},
      {"NO", "Norway"},         {"DK", "Denmark"},
      {"PL", "Poland"},         {"CZ", "Czechia"},
      {"GR", "Greece"},         {"BY", "Belarus"},
      {"UA", "Ukraine"},        {"KZ", "Kazakhstan"},
      {"UZ", "Uzbekistan"},     {"US", "United States"},
      {"CA", "Canada"},         {"BR", "Brazil"},
      {"MX", "Mexico"},         {"AU", "Australia"},
      {"NZ", "New Zealand"},    {"IN", "India"},
      {"TH", "Thailand"},       {"VN", "Viet Nam"},
      {"MY", "Malaysia"},       {"SG", "Singapore"},
      {"ID", "Indonesia"},      {"PK", "Pakistan"},
      {"TR", "Türkiye"},        {"HK", "Hong Kong, China"},
      {"MO", "Macao, China"},   {"TW", "Taiwan, China"},
  }};
  if (code.size() == 2) {
    const char a = static_cast<char>(code[0] >= 'a' && code[0] <= 'z' ? code[0] - 32 : code[0]);
    const char b = static_cast<char>(code[1] >= 'a' && code[1] <= 'z' ? code[1] - 32 : code[1]);
    for (const auto& [iso, name] : kCountries)
      if (iso[0] == a && iso[1] == b) return name;
  }
  return std::string(code);
}

}  // namespace cx::ui
