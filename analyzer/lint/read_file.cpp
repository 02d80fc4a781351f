#include "analyzer/lint/read_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "model/error.hpp"

namespace migsafe::analyzer::lint {
namespace {

[[noreturn]] void cannot_read(const std::filesystem::path& path, int error) {
  throw model::InputError("cannot read " + path.string() + ": " + std::strerror(error),
                          "check the file's permissions");
}

}  // namespace

void check_readable(const std::filesystem::path& path) {
  if (::access(path.c_str(), R_OK) != 0) cannot_read(path, errno);
}

// POSIX calls rather than std::ifstream: on 4,000 small files the stream's set-up
// (locale, buffer) cost more than reading them.
std::string read_file(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) cannot_read(path, errno);
  struct stat status {};
  std::string text;
  if (::fstat(fd, &status) == 0 && S_ISREG(status.st_mode)) {
    text.reserve(static_cast<std::size_t>(status.st_size));
  }
  char buffer[65536];
  for (;;) {
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got == 0) break;
    if (got < 0) {
      if (errno == EINTR) continue;
      const int error = errno;
      ::close(fd);
      cannot_read(path, error);
    }
    text.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(fd);
  return text;
}

}  // namespace migsafe::analyzer::lint
