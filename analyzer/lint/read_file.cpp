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

const char* kind_of(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO (a named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISDIR(mode)) return "a folder";
  return "not a regular file";
}

// What may be read: a regular file of at most `max_bytes`. Anything else could block
// (a FIFO with no writer) or never end (/dev/zero).
void check_status(const std::filesystem::path& path, const struct stat& status,
                  std::uintmax_t max_bytes) {
  if (!S_ISREG(status.st_mode)) {
    throw model::InputError(path.string() + " is " + kind_of(status.st_mode) +
                                ": reading it may block or never end",
                            "pass the file itself; save a pipe's output to a file first");
  }
  const auto size = static_cast<std::uintmax_t>(status.st_size);
  if (size > max_bytes) {
    throw model::InputError(path.string() + " holds " + std::to_string(size >> 20) +
                                " MB, more than the " + std::to_string(max_bytes >> 20) +
                                " MB migsafe reads from one file",
                            "raise the limit with --max-file-size MB, or lint a smaller file");
  }
}

}  // namespace

void check_readable(const std::filesystem::path& path, std::uintmax_t max_bytes) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) cannot_read(path, errno);
  check_status(path, status, max_bytes);
  if (::access(path.c_str(), R_OK) != 0) cannot_read(path, errno);
}

// POSIX calls rather than std::ifstream: on 4,000 small files the stream's set-up
// (locale, buffer) cost more than reading them. The file is read straight into the
// string, up to the size fstat gave, without a last read to see its end.
std::string read_file(const std::filesystem::path& path, std::uintmax_t max_bytes) {
  // O_NONBLOCK: opening a FIFO with no writer would block before fstat could refuse it.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) cannot_read(path, errno);
  auto close_and_throw = [&](int error) {
    ::close(fd);
    cannot_read(path, error);
  };
  struct stat status {};
  if (::fstat(fd, &status) != 0) close_and_throw(errno);
  try {
    check_status(path, status, max_bytes);
  } catch (...) {
    ::close(fd);
    throw;
  }
  std::string text(static_cast<std::size_t>(status.st_size), '\0');
  if (text.empty()) {
    // Size 0 may be an empty file or one whose size is not known up front (/proc):
    // read to its end, no further than the limit.
    char buffer[65536];
    for (;;) {
      const ssize_t got = ::read(fd, buffer, sizeof buffer);
      if (got == 0) break;
      if (got < 0) {
        if (errno == EINTR) continue;
        close_and_throw(errno);
      }
      text.append(buffer, static_cast<std::size_t>(got));
      if (text.size() > max_bytes) {
        status.st_size = static_cast<off_t>(text.size());
        ::close(fd);
        check_status(path, status, max_bytes);
      }
    }
    ::close(fd);
    return text;
  }
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

}  // namespace migsafe::analyzer::lint
