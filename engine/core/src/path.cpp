#include "cx/core/path.h"

#include <fmt/format.h>

namespace cx {
namespace fs = std::filesystem;

namespace {

constexpr size_t kMaxRelativePathBytes = 1024;

bool fail(std::string* why, const char* reason) {
  if (why) *why = reason;
  return false;
}

// True when `inner` equals `outer` or lies below it, comparing whole components.
bool isWithin(const fs::path& outer, const fs::path& inner) {
  auto o = outer.begin();
  auto i = inner.begin();
  for (; o != outer.end(); ++o, ++i) {
    if (o->empty()) continue;  // trailing separator of "dir/"
    if (i == inner.end() || *o != *i) return false;
  }
  return true;
}

}  // namespace

bool isSafeRelativePath(std::string_view relative, std::string* why) {
  if (relative.empty()) return fail(why, "empty path");
  if (relative.size() > kMaxRelativePathBytes) return fail(why, "path longer than 1024 bytes");
  if (relative.front() == '/') return fail(why, "absolute path, expected one relative to the root");
  for (char c : relative) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return fail(why, "control character in path");
    if (c == '\\') return fail(why, "backslash in path, use '/'");
    if (c == ':') return fail(why, "':' in path (drive letter or URL scheme?), expected a relative path");
    if (c == '?' || c == '#' || c == '%') return fail(why, "'?', '#' or '%' in path");
  }
  size_t start = 0;
  while (start <= relative.size()) {
    size_t end = relative.find('/', start);
    if (end == std::string_view::npos) end = relative.size();
    if (relative.substr(start, end - start) == "..")
      return fail(why, "'..' in path, it must stay inside the root");
    start = end + 1;
  }
  return true;
}

Result<fs::path> resolveInsideRoot(const fs::path& root, std::string_view relative) {
  std::string why;
  if (!isSafeRelativePath(relative, &why)) return makeError(fmt::format("{}: {}", relative, why));
  std::error_code ec;
  fs::path realRoot = fs::canonical(root.empty() ? fs::path(".") : root, ec);
  if (ec)
    return makeError(
        fmt::format("{}: root {} cannot be resolved: {}", relative, root.string(), ec.message()));
  fs::path joined = (root / fs::path(relative)).lexically_normal();
  // weakly_canonical follows every symlink in the existing prefix, so a link inside the root
  // pointing outside it shows up here as a path outside realRoot.
  fs::path real = fs::weakly_canonical(realRoot / fs::path(relative), ec);
  if (ec) return makeError(fmt::format("{}: cannot be resolved: {}", relative, ec.message()));
  if (!isWithin(realRoot, real))
    return makeError(
        fmt::format("{}: resolves through a symlink to {}, outside the root", relative, real.string()));
  return joined;
}

}  // namespace cx
