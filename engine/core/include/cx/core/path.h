#pragma once
// Confinement of relative paths to a root directory. An expo (or any content folder) names its
// files relative to its root; nothing it names may reach outside that root, neither lexically
// ("../x", "/etc/x") nor through a symlink inside the root that points elsewhere.
#include <filesystem>
#include <string_view>

#include "cx/core/result.h"

namespace cx {

// The rule on the string alone, so it serves for files and for URLs resolved against a base URL:
// non-empty, at most 1024 bytes, '/' separated, not absolute (no leading '/', no drive letter),
// no ".." component, and none of: backslash, ':', '?', '#', '%', control characters (< 0x20, 0x7f).
// "." components and repeated slashes are allowed and mean nothing.
bool isSafeRelativePath(std::string_view relative, std::string* why = nullptr);

// Joins `relative` onto `root` after isSafeRelativePath, then resolves symlinks in the part that
// exists and refuses the result unless it stays inside the resolved root. The target need not
// exist. Returns `root / relative`, lexically normalised. Errors are one line naming `relative`.
Result<std::filesystem::path> resolveInsideRoot(const std::filesystem::path& root, std::string_view relative);

}  // namespace cx
