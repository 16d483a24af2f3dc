#include "cx/core/handler_link.h"

#include <fmt/format.h>

#include "cx/core/url.h"

namespace cx {
namespace {

constexpr size_t kMaxHandlerLinkBytes = 2048 + 16;
// Characters a shell (or a glob, or a history expansion) gives a meaning. Legal in some URLs, but a
// manifest URL needs none of them, and a link that carries them is refused rather than quoted.
constexpr std::string_view kShellMetacharacters = "`$;|&<>(){}\\\"'*!^";

char lowerAscii(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }

// The link as it may be shown on one line.
std::string quoted(std::string_view link) {
  std::string out;
  for (size_t i = 0; i < link.size() && out.size() < 120; ++i) {
    auto u = static_cast<unsigned char>(link[i]);
    if (u < 0x20 || u >= 0x7f || link[i] == '"')
      out += fmt::format("\\x{:02x}", u);
    else
      out += link[i];
  }
  if (out.size() >= 120) out += "...";
  return "\"" + out + "\"";
}

}  // namespace

bool isHandlerLink(std::string_view argument) {
  if (argument.size() <= kHandlerScheme.size() || argument[kHandlerScheme.size()] != ':') return false;
  for (size_t i = 0; i < kHandlerScheme.size(); ++i)
    if (lowerAscii(argument[i]) != kHandlerScheme[i]) return false;
  return true;
}

Result<std::string> expoUrlFromHandlerLink(std::string_view link) {
  auto refuse = [&](const std::string& why) {
    return makeError(fmt::format("cloudexpo: refused the link {}: {}", quoted(link), why));
  };
  if (!isHandlerLink(link)) return refuse("not a cloudexpo: link");
  if (link.size() > kMaxHandlerLinkBytes) return refuse("longer than 2048 bytes");
  std::string_view inner = link.substr(kHandlerScheme.size() + 1);
  for (char c : inner) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f) return refuse("space, control or non-ASCII character (percent-encode it)");
    if (kShellMetacharacters.find(c) != std::string_view::npos)
      return refuse(fmt::format("shell metacharacter '{}'", c));
  }
  UrlParts parts = splitUrl(inner);
  const std::string scheme = [&] {
    std::string s;
    for (char c : parts.scheme) s += lowerAscii(c);
    return s;
  }();
  if (scheme != "http" && scheme != "https")
    return refuse(parts.scheme.empty() ? "expected an http or https expo URL after cloudexpo:"
                                       : fmt::format("scheme \"{}\": only an http or https expo URL may follow "
                                                     "cloudexpo:", parts.scheme));
  std::string why;
  if (!isAllowedLinkUrl(inner, &why)) return refuse(why);
  return std::string(inner);
}

}  // namespace cx
