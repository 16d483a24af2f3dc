#pragma once
// URLs as the expo uses them: exhibitor and stream links (opened in a browser only after the user
// confirms) and, later, loading an expo folder from an HTTP server. No I/O here, only strings.
#include <optional>
#include <string>
#include <string_view>

#include "cx/core/result.h"

namespace cx {

// A URI reference split per RFC 3986 section 3, without percent-decoding. `authority` is
// everything between "//" and the path; `host` and `port` are taken from it (userinfo dropped,
// IPv6 brackets kept).
struct UrlParts {
  std::string scheme;  // as written; empty for a relative reference
  std::string authority;
  std::string host;
  std::string port;
  std::string path;
  std::string query;     // without '?'
  std::string fragment;  // without '#'
  bool hasAuthority = false;
  bool hasQuery = false;
  bool hasFragment = false;
};

// Splits an absolute URL or a relative reference. Never fails on odd input; it only splits.
UrlParts splitUrl(std::string_view url);
// The inverse of splitUrl: scheme ":" "//" authority path "?" query "#" fragment.
std::string joinUrl(const UrlParts& parts);

// A link the viewer may offer to open: scheme http or https (any case) followed by "//", a
// non-empty host of letters, digits, '.', '-', '_' or a bracketed IPv6 address, an optional
// numeric port 1..65535, no userinfo ("user@"), at most 2048 bytes, and no spaces, control
// characters or backslashes anywhere. Rejects file:, javascript:, data:, ftp: and relative links.
bool isAllowedLinkUrl(std::string_view url, std::string* why = nullptr);

// Resolves `relative` against the absolute URL `base` (RFC 3986 section 5.2, dot segments
// removed). "models/a.glb" against "https://cdn.example/expo/expo.json" gives
// "https://cdn.example/expo/models/a.glb". Fails when `base` has no scheme. It does not confine;
// check `relative` with isSafeRelativePath first when it must stay below the base.
Result<std::string> resolveRelativeUrl(std::string_view base, std::string_view relative);

}  // namespace cx
