#include "cx/io/fetch.h"

#include <fmt/format.h>

#include <cctype>
#include <filesystem>

#include "cx/core/file.h"
#include "fetch_internal.h"

namespace cx::io {

bool FetchBudget::consume(uint64_t bytes) {
  uint64_t used = used_.load();
  do {
    if (bytes > max_ || used > max_ - bytes) return false;
  } while (!used_.compare_exchange_weak(used, used + bytes));
  return true;
}

void FetchBudget::release(uint64_t bytes) {
  uint64_t used = used_.load();
  while (!used_.compare_exchange_weak(used, used >= bytes ? used - bytes : 0)) {
  }
}

bool isUrlLocator(std::string_view locator) {
  size_t colon = locator.find(':');
  // Two letters at least, so a Windows drive ("C:\x") stays a path.
  if (colon == std::string_view::npos || colon < 2) return false;
  if (!std::isalpha(static_cast<unsigned char>(locator[0]))) return false;
  for (size_t i = 1; i < colon; ++i) {
    unsigned char c = static_cast<unsigned char>(locator[i]);
    if (!std::isalnum(c) && c != '+' && c != '-' && c != '.') return false;
  }
  return true;
}

namespace detail {

Status chargeWholeBody(std::string_view locator, uint64_t size, const FetchOptions& options) {
  if (options.budget && !options.budget->consume(size))
    return makeError(
        fmt::format("{}: the expo download budget of {} bytes is used up", locator, options.budget->limit()));
  if (options.progress) options.progress->bytesDone += size;
  return {};
}

}  // namespace detail

namespace {

Result<FetchResult> fetchFile(std::string_view path, const FetchOptions& options) {
  if (options.cancelled && options.cancelled()) return makeError(fmt::format("{}: cancelled", path));
  auto bytes = readFileBytes(std::filesystem::path(path), options.limits.maxBytes);
  if (!bytes) return bytes.error();
  if (Status charged = detail::chargeWholeBody(path, bytes->size(), options); !charged)
    return charged.error();
  FetchResult result;
  result.bytes = std::move(*bytes);
  result.finalUrl = std::string(path);
  return result;
}

std::string lowerScheme(std::string_view locator) {
  std::string scheme(locator.substr(0, locator.find(':')));
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return scheme;
}

}  // namespace

Result<FetchResult> fetch(std::string_view locator, const FetchOptions& options) {
  if (locator.empty()) return makeError("fetch: empty locator");
  if (!isUrlLocator(locator)) return fetchFile(locator, options);
  std::string scheme = lowerScheme(locator);
  if (scheme != "http" && scheme != "https")
    return makeError(fmt::format("{}: unsupported scheme \"{}\" (only http and https)", locator, scheme));
  return detail::fetchHttp(locator, options);
}

}  // namespace cx::io
