#include "cx/social/text.h"

#include <cstdint>

namespace cx::social {
namespace {

// Decodes one codepoint at `text[i]`; returns its length in bytes, 0 when the sequence is
// malformed (then the caller skips one byte).
size_t decodeOne(std::string_view text, size_t i, char32_t& cp) {
  const auto b = [&](size_t k) { return static_cast<uint8_t>(text[k]); };
  uint8_t c = b(i);
  size_t n = 0;
  char32_t min = 0;
  if (c < 0x80) {
    cp = c;
    return 1;
  } else if ((c & 0xE0) == 0xC0) {
    n = 2, cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3, cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4, cp = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

bool isHiddenOrControl(char32_t cp) {
  if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return true;
  if (cp >= 0x200B && cp <= 0x200F) return true;  // zero-width, LRM/RLM
  if (cp >= 0x202A && cp <= 0x202E) return true;  // bidi embeddings/overrides
  if (cp >= 0x2060 && cp <= 0x206F) return true;  // word joiner, isolates, deprecated format
  if (cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFB)) return true;
  if (cp >= 0xE0000 && cp <= 0xE007F) return true;  // tag characters
  return false;
}

void appendUtf8(std::string& out, char32_t cp) {
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

size_t utf8Length(char32_t cp) { return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; }

}  // namespace

bool isValidUtf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    size_t n = decodeOne(text, i, cp);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string sanitizeText(std::string_view text, size_t maxCodepoints, size_t maxBytes, bool keepNewlines) {
  std::string out;
  out.reserve(std::min(text.size(), maxBytes));
  size_t count = 0;
  for (size_t i = 0; i < text.size() && count < maxCodepoints;) {
    char32_t cp = 0;
    size_t n = decodeOne(text, i, cp);
    if (n == 0) {
      ++i;
      continue;
    }
    i += n;
    if (cp == '\n' && keepNewlines) {
    } else if (cp == '\t' || cp == '\n' || cp == '\r') {
      cp = ' ';
    } else if (isHiddenOrControl(cp)) {
      continue;
    }
    if (out.size() + utf8Length(cp) > maxBytes) break;
    appendUtf8(out, cp);
    ++count;
  }
  return out;
}

std::string sanitizeDisplayName(std::string_view name) {
  std::string clean = sanitizeText(name, kMaxDisplayNameCodepoints * 2, kMaxDisplayNameBytes * 2);
  std::string collapsed;
  for (char c : clean) {
    if (c == ' ' && (collapsed.empty() || collapsed.back() == ' ')) continue;
    collapsed += c;
  }
  while (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
  return sanitizeText(collapsed, kMaxDisplayNameCodepoints, kMaxDisplayNameBytes);
}

std::u32string decodeUtf8(std::string_view text) {
  std::u32string out;
  for (size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    size_t n = decodeOne(text, i, cp);
    if (n == 0) {
      out += U'\uFFFD';
      ++i;
    } else {
      out += cp;
      i += n;
    }
  }
  return out;
}

}  // namespace cx::social
