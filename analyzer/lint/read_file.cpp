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
// (locale, buffer) cost more than reading them. A regular file is read straight into the
// string, up to the size fstat gave, without a last read to see its end; anything else
// (a pipe, a file of size 0) is read until its end.
std::string read_file(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) cannot_read(path, errno);
  auto close_and_throw = [&](int error) {
    ::close(fd);
    cannot_read(path, error);
  };
  struct stat status {};
  std::string text;
  // Size 0 may be an empty file or one whose size is not known up front (/proc).
  if (::fstat(fd, &status) == 0 && S_ISREG(status.st_mode) && status.st_size > 0) {
    text.resize(static_cast<std::size_t>(status.st_size));
    std::size_t have = 0;
    while (have < text.size()) {
      const ssize_t got = ::read(fd, text.data() + have, text.size() - have);
      if (got == 0) break;  // it shrank meanwhile
      if (got < 0) {
        if (errno == EINTR) continue;
        close_and_throw(errno);
      }
      have += static_cast<std::size_t>(got);
    }
    text.resize(have);
    ::close(fd);
    return text;
  }
  char buffer[65536];
  for (;;) {
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got == 0) break;
    if (got < 0) {
      if (errno == EINTR) continue;
      close_and_throw(errno);
    }
    text.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(fd);
  return text;
}

}  // namespace migsafe::analyzer::lint
