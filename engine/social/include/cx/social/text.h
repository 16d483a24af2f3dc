#pragma once
// Text that arrives from other visitors is hostile: these functions turn any bytes into valid,
// printable UTF-8 of bounded length. They never throw.
#include <cstddef>
#include <string>
#include <string_view>

namespace cx::social {

inline constexpr size_t kMaxDisplayNameCodepoints = 32;
inline constexpr size_t kMaxDisplayNameBytes = 96;

// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates, at most U+10FFFF).
bool isValidUtf8(std::string_view text);

// Drops invalid UTF-8 sequences, C0/C1 control characters (tab and newline become a space when
// `keepNewlines` is false; newlines stay when it is true), bidirectional overrides and isolates
// (U+202A..U+202E, U+2066..U+2069), zero-width and other format characters that could hide text,
// and cuts the result at `maxCodepoints` codepoints and `maxBytes` bytes on a codepoint boundary.
std::string sanitizeText(std::string_view text, size_t maxCodepoints, size_t maxBytes, bool keepNewlines = false);

// A display name: sanitizeText with the name caps, runs of spaces collapsed, trimmed. An empty
// result means "no usable name" (the caller shows a placeholder).
std::string sanitizeDisplayName(std::string_view name);

// Decodes UTF-8 to codepoints; invalid bytes become U+FFFD. For tests and layout.
std::u32string decodeUtf8(std::string_view text);

}  // namespace cx::social
