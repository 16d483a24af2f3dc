#include "cx/core/url.h"

#include <fmt/format.h>

namespace cx {

namespace {

constexpr size_t kMaxLinkBytes = 2048;

bool isAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

bool equalsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

// Length of a leading "scheme:" (without the colon), or 0 when there is none.
size_t schemeLength(std::string_view s) {
  if (s.empty() || !isAlpha(s[0])) return 0;
  for (size_t i = 1; i < s.size(); ++i) {
    char c = s[i];
    if (c == ':') return i;
    if (!(isAlpha(c) || isDigit(c) || c == '+' || c == '-' || c == '.')) return 0;
  }
  return 0;
}

void splitAuthority(UrlParts& parts) {
  std::string_view a = parts.authority;
  size_t at = a.rfind('@');
  if (at != std::string_view::npos) a = a.substr(at + 1);
  if (!a.empty() && a.front() == '[') {
    size_t close = a.find(']');
    if (close == std::string_view::npos) {
      parts.host = std::string(a);
      return;
    }
    parts.host = std::string(a.substr(0, close + 1));
    std::string_view rest = a.substr(close + 1);
    if (!rest.empty() && rest.front() == ':') parts.port = std::string(rest.substr(1));
    return;
  }
  size_t colon = a.rfind(':');
  if (colon == std::string_view::npos) {
    parts.host = std::string(a);
  } else {
    parts.host = std::string(a.substr(0, colon));
    parts.port = std::string(a.substr(colon + 1));
  }
}

// RFC 3986 section 5.2.4.
std::string removeDotSegments(std::string_view in) {
  std::string out;
  auto dropLastSegment = [&out] {
    size_t slash = out.rfind('/');
    out.erase(slash == std::string::npos ? 0 : slash);
  };
  while (!in.empty()) {
    if (in.starts_with("../")) {
      in.remove_prefix(3);
    } else if (in.starts_with("./")) {
      in.remove_prefix(2);
    } else if (in.starts_with("/./")) {
      in.remove_prefix(2);
    } else if (in == "/.") {
      in = "/";
    } else if (in.starts_with("/../")) {
      in.remove_prefix(3);
      dropLastSegment();
    } else if (in == "/..") {
      in = "/";
      dropLastSegment();
    } else if (in == "." || in == "..") {
      in = {};
    } else {
      size_t next = in.find('/', in.front() == '/' ? 1 : 0);
      if (next == std::string_view::npos) next = in.size();
      out.append(in.substr(0, next));
      in.remove_prefix(next);
    }
  }
  return out;
}

bool fail(std::string* why, std::string reason) {
  if (why) *why = std::move(reason);
  return false;
}

}  // namespace

UrlParts splitUrl(std::string_view url) {
  UrlParts parts;
  size_t hash = url.find('#');
  if (hash != std::string_view::npos) {
    parts.hasFragment = true;
    parts.fragment = std::string(url.substr(hash + 1));
    url = url.substr(0, hash);
  }
  size_t question = url.find('?');
  if (question != std::string_view::npos) {
    parts.hasQuery = true;
    parts.query = std::string(url.substr(question + 1));
    url = url.substr(0, question);
  }
  if (size_t n = schemeLength(url); n > 0) {
    parts.scheme = std::string(url.substr(0, n));
    url.remove_prefix(n + 1);
  }
  if (url.starts_with("//")) {
    url.remove_prefix(2);
    size_t slash = url.find('/');
    if (slash == std::string_view::npos) slash = url.size();
    parts.hasAuthority = true;
    parts.authority = std::string(url.substr(0, slash));
    splitAuthority(parts);
    url.remove_prefix(slash);
  }
  parts.path = std::string(url);
  return parts;
}

std::string joinUrl(const UrlParts& parts) {
  std::string out;
  if (!parts.scheme.empty()) out += parts.scheme + ":";
  if (parts.hasAuthority) out += "//" + parts.authority;
  out += parts.path;
  if (parts.hasQuery) out += "?" + parts.query;
  if (parts.hasFragment) out += "#" + parts.fragment;
  return out;
}

bool isAllowedLinkUrl(std::string_view url, std::string* why) {
  if (url.empty()) return fail(why, "empty link");
  if (url.size() > kMaxLinkBytes) return fail(why, "link longer than 2048 bytes");
  for (char c : url) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) return fail(why, "space or control character in link");
    if (c == '\\') return fail(why, "backslash in link");
  }
  UrlParts parts = splitUrl(url);
  if (parts.scheme.empty()) return fail(why, "relative link, expected an absolute http or https URL");
  if (!equalsNoCase(parts.scheme, "http") && !equalsNoCase(parts.scheme, "https"))
    return fail(why, fmt::format("scheme \"{}\" is not allowed, only http and https", parts.scheme));
  if (!parts.hasAuthority) return fail(why, "link has no host");
  if (parts.authority.find('@') != std::string::npos) return fail(why, "user name in link (\"user@host\")");
  const std::string& host = parts.host;
  if (host.empty()) return fail(why, "link has no host");
  if (host.front() == '[') {
    if (host.size() < 3 || host.back() != ']') return fail(why, "malformed IPv6 host");
    for (size_t i = 1; i + 1 < host.size(); ++i) {
      char c = host[i];
      if (!(isDigit(c) || (lower(c) >= 'a' && lower(c) <= 'f') || c == ':' || c == '.'))
        return fail(why, "malformed IPv6 host");
    }
  } else {
    for (char c : host)
      if (!(isAlpha(c) || isDigit(c) || c == '.' || c == '-' || c == '_'))
        return fail(why, fmt::format("character '{}' not allowed in host", c));
  }
  if (parts.authority.find(':', host.size()) != std::string::npos) {
    const std::string& port = parts.port;
    if (port.empty() || port.size() > 5) return fail(why, "malformed port");
    for (char c : port)
      if (!isDigit(c)) return fail(why, "malformed port");
    int value = std::stoi(port);
    if (value < 1 || value > 65535) return fail(why, "port out of range");
  }
  return true;
}

Result<std::string> resolveRelativeUrl(std::string_view base, std::string_view relative) {
  UrlParts b = splitUrl(base);
  if (b.scheme.empty())
    return makeError(fmt::format("{}: base URL has no scheme, cannot resolve \"{}\"", base, relative));
  UrlParts r = splitUrl(relative);
  UrlParts t;
  if (!r.scheme.empty()) {
    t = r;
    t.path = removeDotSegments(r.path);
  } else {
    if (r.hasAuthority) {
      t.hasAuthority = true;
      t.authority = r.authority;
      t.path = removeDotSegments(r.path);
      t.hasQuery = r.hasQuery;
      t.query = r.query;
    } else {
      if (r.path.empty()) {
        t.path = b.path;
        t.hasQuery = r.hasQuery || b.hasQuery;
        t.query = r.hasQuery ? r.query : b.query;
      } else {
        if (r.path.front() == '/') {
          t.path = removeDotSegments(r.path);
        } else {
          std::string merged;
          if (b.hasAuthority && b.path.empty()) {
            merged = "/" + r.path;
          } else {
            size_t slash = b.path.rfind('/');
            merged = (slash == std::string::npos ? std::string() : b.path.substr(0, slash + 1)) + r.path;
          }
          t.path = removeDotSegments(merged);
        }
        t.hasQuery = r.hasQuery;
        t.query = r.query;
      }
      t.hasAuthority = b.hasAuthority;
      t.authority = b.authority;
    }
    t.scheme = b.scheme;
  }
  t.hasFragment = r.hasFragment;
  t.fragment = r.fragment;
  return joinUrl(t);
}

}  // namespace cx
