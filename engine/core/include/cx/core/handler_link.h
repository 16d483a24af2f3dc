#pragma once
// The `cloudexpo:` URL scheme: an expo's web page links to `cloudexpo:https://host/expo/expo.json`,
// the desktop hands it to `cloudexpo` (x-scheme-handler/cloudexpo, see packaging/), and the viewer
// opens the http(s) expo URL inside it. A link is hostile input from any web page: only an http or
// https URL that isAllowedLinkUrl accepts may follow the scheme, with no character a shell would
// treat specially, so nothing local (file:, a path) is ever opened and nothing is ever executed.
// No I/O here, only strings.
#include <string>
#include <string_view>

#include "cx/core/result.h"

namespace cx {

inline constexpr std::string_view kHandlerScheme = "cloudexpo";

// True when `argument` starts with "cloudexpo:" (the scheme in any case): it must then be a
// handler link and is checked by expoUrlFromHandlerLink, never taken for a path.
bool isHandlerLink(std::string_view argument);

// The expo URL inside a handler link, or a one-line error:
//   cloudexpo: refused the link "cloudexpo:file:///etc/passwd": <why>
// (the link quoted with control and non-ASCII bytes escaped and cut at 120 characters).
Result<std::string> expoUrlFromHandlerLink(std::string_view link);

}  // namespace cx
