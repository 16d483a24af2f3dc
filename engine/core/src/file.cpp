#include "cx/core/file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>

#include <fmt/format.h>

#include "cx/core/shutdown.h"

namespace cx {
namespace fs = std::filesystem;

namespace {

Result<uint64_t> fileSize(const fs::path& path) {
  std::error_code ec;
  auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) return makeError(fmt::format("{}: no such file", path.string()));
  if (fs::is_directory(status)) return makeError(fmt::format("{}: is a directory, expected a file", path.string()));
  auto size = fs::file_size(path, ec);
  if (ec) return makeError(fmt::format("{}: cannot read size: {}", path.string(), ec.message()));
  return uint64_t(size);
}

template <class Container>
Result<Container> readWhole(const fs::path& path, uint64_t maxBytes) {
  auto size = fileSize(path);
  if (!size) return size.error();
  if (*size > maxBytes)
    return makeError(fmt::format("{}: file is {} bytes, over the limit of {}", path.string(), *size, maxBytes));
  std::ifstream in(path, std::ios::binary);
  if (!in) return makeError(fmt::format("{}: cannot open: {}", path.string(), std::strerror(errno)));
  Container data(static_cast<size_t>(*size), 0);
  if (*size > 0 && !in.read(reinterpret_cast<char*>(data.data()), static_cast<std::streamsize>(*size)))
    return makeError(fmt::format("{}: read failed", path.string()));
  return data;
}

}  // namespace

Result<std::vector<uint8_t>> readFileBytes(const fs::path& path, uint64_t maxBytes) {
  return readWhole<std::vector<uint8_t>>(path, maxBytes);
}

Result<std::string> readFileText(const fs::path& path, uint64_t maxBytes) {
  return readWhole<std::string>(path, maxBytes);
}

Status writeFileAtomic(const fs::path& path, std::span<const uint8_t> bytes) {
  fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  std::random_device rd;
  fs::path tmp = dir / fmt::format(".{}.tmp-{}-{:08x}", path.filename().string(), ::getpid(), rd());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return makeError(fmt::format("{}: cannot create temp file: {}", path.string(), std::strerror(errno)));
  // A second SIGINT/SIGTERM (which forces the exit) removes the temp file (cx/core/shutdown.h).
  TempFileGuard removeOnForcedExit(tmp);
  size_t written = 0;
  while (written < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      return makeError(fmt::format("{}: write failed: {}", path.string(), std::strerror(err)));
    }
    written += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return makeError(fmt::format("{}: fsync failed: {}", path.string(), std::strerror(err)));
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return makeError(fmt::format("{}: rename failed: {}", path.string(), std::strerror(err)));
  }
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return {};
}

Status writeFileAtomic(const fs::path& path, std::string_view text) {
  return writeFileAtomic(path, std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
}

}  // namespace cx
