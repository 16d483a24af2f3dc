#pragma once
// Which streams may be opened. A stream link is checked like every link of the expo: an absolute
// http/https URL (cx::isAllowedLinkUrl), or a path relative to the expo root that stays inside it
// (cx::io::resolveExpoLocator: no "..", no absolute path, no symlink out; against a manifest on a
// web server it becomes a URL under the manifest's folder).
#include <string>
#include <string_view>

#include "cx/core/result.h"

namespace cx::media {

struct StreamSource {
  std::string locator;  // what FFmpeg opens: an http(s) URL or a local file path
  bool network = false;  // true for http(s): time-outs and retries apply
};

// `link` as written in the manifest (links.livestream, events[].stream, screens[].source);
// `manifestLocator` the manifest's own path or URL (empty: only absolute URLs are accepted).
// Errors are one line naming the link and the problem, e.g.
// "javascript:alert(1): stream refused: scheme \"javascript\" is not allowed, only http and https".
Result<StreamSource> resolveStreamSource(std::string_view link, std::string_view manifestLocator);

}  // namespace cx::media
