#pragma once

#include <filesystem>

namespace migsafe::dbdrivers::os {

// An exclusive flock(2) held for the object's lifetime: serialises processes that build
// the same cache entry (ctest -j2 boots clusters in parallel). The kernel releases it
// when a holder dies, so a killed migsafe never leaves it stuck.
class FileLock {
 public:
  explicit FileLock(const std::filesystem::path& path);  // blocks; throws EnvironmentError
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace migsafe::dbdrivers::os
