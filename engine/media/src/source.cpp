#include "cx/media/source.h"

#include <fmt/format.h>

#include "cx/core/url.h"
#include "cx/io/expo_locator.h"
#include "cx/io/fetch.h"

namespace cx::media {

Result<StreamSource> resolveStreamSource(std::string_view link, std::string_view manifestLocator) {
  if (link.empty()) return makeError("stream refused: the link is empty");
  std::string why;
  if (io::isUrlLocator(link) || link.starts_with("//")) {
    if (!isAllowedLinkUrl(link, &why)) return makeError(fmt::format("{}: stream refused: {}", link, why));
    return StreamSource{std::string(link), true};
  }
  if (manifestLocator.empty())
    return makeError(fmt::format("{}: stream refused: a relative path needs an expo root", link));
  auto resolved = io::resolveExpoLocator(manifestLocator, link);
  if (!resolved) return makeError(fmt::format("{}: stream refused: {}", link, resolved.message()));
  bool network = io::isUrlLocator(*resolved);
  return StreamSource{std::move(*resolved), network};
}

}  // namespace cx::media
