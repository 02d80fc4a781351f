#include "dbdrivers/os/file_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "model/error.hpp"

namespace migsafe::dbdrivers::os {

FileLock::FileLock(const std::filesystem::path& path) {
  fd_ = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    throw model::EnvironmentError("cannot open the lock file " + path.string() + ": " +
                                      strerror(errno),
                                  "check that the cache folder is writable, or set MIGSAFE_CACHE_DIR");
  }
  while (flock(fd_, LOCK_EX) != 0) {
    if (errno != EINTR) {
      std::string reason = strerror(errno);
      close(fd_);
      throw model::EnvironmentError("cannot lock " + path.string() + ": " + reason,
                                    "set MIGSAFE_CACHE_DIR to a local folder");
    }
  }
}

FileLock::~FileLock() {
  if (fd_ >= 0) close(fd_);
}

}  // namespace migsafe::dbdrivers::os
