#include "cx/io/expo_locator.h"

#include <fmt/format.h>

#include <filesystem>

#include "cx/core/path.h"
#include "cx/core/url.h"
#include "cx/io/fetch.h"

namespace cx::io {

Result<std::string> resolveExpoLocator(std::string_view manifestLocator, std::string_view relativePath) {
  std::string why;
  // The string rule refuses "..", absolute paths, schemes and hosts (':'), '%' (so "%2e%2e"),
  // backslashes, '?', '#' and control characters before anything is resolved.
  if (!isSafeRelativePath(relativePath, &why))
    return makeError(fmt::format("{}: \"{}\": {}", manifestLocator, relativePath, why));

  if (!isUrlLocator(manifestLocator)) {
    auto resolved = resolveInsideRoot(std::filesystem::path(manifestLocator).parent_path(), relativePath);
    if (!resolved) return makeError(fmt::format("{}: {}", manifestLocator, resolved.message()));
    return resolved->string();
  }

  if (!isAllowedLinkUrl(manifestLocator, &why))
    return makeError(fmt::format("{}: manifest URL refused: {}", manifestLocator, why));
  auto resolved = resolveRelativeUrl(manifestLocator, relativePath);
  if (!resolved) return makeError(fmt::format("{}: {}", manifestLocator, resolved.message()));
  // Belt and braces: the result must still sit under the manifest's directory on the same origin.
  // "." against the manifest is its directory, dot segments removed, with a trailing '/'.
  auto rootUrl = resolveRelativeUrl(manifestLocator, ".");
  if (!rootUrl) return makeError(fmt::format("{}: {}", manifestLocator, rootUrl.message()));
  const std::string& root = *rootUrl;
  if (!resolved->starts_with(root) || resolved->size() == root.size())
    return makeError(fmt::format("{}: \"{}\" resolves to {}, outside the expo root {}", manifestLocator,
                                 relativePath, *resolved, root));
  return std::move(*resolved);
}

}  // namespace cx::io
