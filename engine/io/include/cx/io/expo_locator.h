#pragma once
// Confinement of the files an expo names to the expo root, the directory holding its manifest,
// for a manifest on disk and for one on a web server alike.
#include <string>
#include <string_view>

#include "cx/core/result.h"

namespace cx::io {

// Resolves `relativePath` (as written in the manifest) against the manifest's locator: an
// http/https URL or a local path. Refuses anything that could leave the manifest's directory:
// ".." components, absolute paths, other schemes or hosts, '%' (so no percent-encoded dot
// segments), backslashes, ':', '?', '#' and control characters; for a local manifest also
// symlinks pointing out of the root. "models/a.glb" against "https://cdn.example/expo/expo.json"
// gives "https://cdn.example/expo/models/a.glb". Errors are one line naming the manifest and path.
Result<std::string> resolveExpoLocator(std::string_view manifestLocator, std::string_view relativePath);

}  // namespace cx::io
