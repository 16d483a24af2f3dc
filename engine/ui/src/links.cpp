#include "cx/ui/links.h"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include <fmt/format.h>

#include "cx/core/url.h"

extern char** environ;

namespace cx::ui {
namespace {

bool isUrlChar(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::strchr("-._~:/?#[]@!$&'()*+,;=%", c) != nullptr && c != 0;
}

}  // namespace

bool isOpenableUrl(std::string_view url, std::string* why) {
  if (!isAllowedLinkUrl(url, why)) return false;
  for (char ch : url) {
    const auto c = static_cast<unsigned char>(ch);
    if (!isUrlChar(c)) {
      if (why) {
        *why = c >= 0x80 ? "non-ASCII character in link (percent-encode it)"
                         : fmt::format("character '{}' not allowed in link (percent-encode it)", ch);
      }
      return false;
    }
  }
  return true;
}

std::vector<std::string> openUrlArgv(std::string_view url) {
  return {"xdg-open", std::string(url)};
}

Status spawnDetached(const std::vector<std::string>& argv) {
  if (argv.empty() || argv[0].empty()) return makeError("spawn: no program given");
  std::vector<char*> cargv;
  cargv.reserve(argv.size() + 1);
  for (const std::string& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);

  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attr, &none);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  sigaddset(&defaults, SIGINT);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setpgroup(&attr, 0);  // Ctrl+C in the viewer's terminal does not reach the browser
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);

  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, cargv[0], nullptr, &attr, cargv.data(), environ);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) return makeError(fmt::format("{}: cannot start: {}", argv[0], std::strerror(rc)));

  // Reap the child whenever it exits so it does not linger as a zombie; nobody waits for it.
  std::thread([pid] {
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }).detach();
  return {};
}

Status openUrlDetached(std::string_view url) {
  std::string why;
  if (!isOpenableUrl(url, &why)) return makeError(fmt::format("refusing to open link: {}", why));
  return spawnDetached(openUrlArgv(url));
}

}  // namespace cx::ui
