#pragma once
// Opening exhibitor and stream links. The panels only ever ask (UiActions::openUrl) after the user
// confirmed a modal that shows the whole URL; the viewer then calls openUrlDetached. No shell is
// involved anywhere: the URL travels as one argv element to xdg-open.
#include <string>
#include <string_view>
#include <vector>

#include "cx/core/result.h"

namespace cx::ui {

// cx::isAllowedLinkUrl (http/https, a host, no userinfo, no spaces or control characters, at most
// 2048 bytes) plus, because xdg-open is itself a shell script on most systems, only characters
// RFC 3986 allows in a URL: ASCII letters, digits, "-._~:/?#[]@!$&'()*+,;=%". Quotes, backticks,
// '<', '>', '{', '}', '|', '^' and non-ASCII bytes must be percent-encoded. `why` gets a reason.
bool isOpenableUrl(std::string_view url, std::string* why = nullptr);

// {"xdg-open", url}: the URL is exactly one argument, never split or quoted.
std::vector<std::string> openUrlArgv(std::string_view url);

// Starts argv[0] (looked up in PATH) with `argv`, without a shell, in its own process group, and
// returns without waiting; a background thread reaps the child. Fails when argv is empty or the
// spawn fails.
Status spawnDetached(const std::vector<std::string>& argv);

// isOpenableUrl, then spawnDetached(openUrlArgv(url)).
Status openUrlDetached(std::string_view url);

}  // namespace cx::ui
