#include "dbdrivers/os/temp_folder.hpp"

#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <system_error>

#include "dbdrivers/os/process_mark.hpp"

#include "model/error.hpp"

namespace migsafe::dbdrivers::os {
namespace {

// Below this much free memory in /dev/shm (Docker gives containers 64 MB), use /tmp.
constexpr unsigned long long min_shm_free = 1ULL << 30;

}  // namespace

void make_folders(const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec) {
    throw model::EnvironmentError("cannot create the folder " + path.string() + ": " + ec.message(),
                                  "check the permissions of its parent folder");
  }
}

std::filesystem::path scratch_base(const std::optional<RunAs>& owner) {
  auto usable = [&](const std::filesystem::path& base) {
    return access(base.c_str(), W_OK | X_OK) == 0 && (!owner || reachable_by(owner, base, X_OK));
  };
  if (const char* tmpdir = std::getenv("TMPDIR"); tmpdir != nullptr && *tmpdir != '\0') {
    if (usable(tmpdir)) return tmpdir;
  }
  // A scratch cluster is thrown away and runs with fsync off: memory serves it best.
  // Copying the template to tmpfs takes ~0.1 s where a busy disk took over a second.
  struct statfs shm {};
  if (statfs("/dev/shm", &shm) == 0 && shm.f_type == TMPFS_MAGIC &&
      static_cast<unsigned long long>(shm.f_bavail) * shm.f_bsize >= min_shm_free && usable("/dev/shm")) {
    return "/dev/shm";
  }
  return "/tmp";
}

std::filesystem::path make_temp_folder(const std::string& prefix, const std::optional<RunAs>& owner) {
  std::error_code ec;
  std::filesystem::path base = scratch_base(owner);
  std::string pattern = (base / (prefix + "XXXXXX")).string();
  if (mkdtemp(pattern.data()) == nullptr) {
    throw model::EnvironmentError(
        "cannot create a temp folder in " + base.string() + ": " + strerror(errno),
        "set TMPDIR to a writable folder");
  }
  // Before anything else goes in: a run killed with its reaper leaves a folder that the
  // next run must be able to tell from one still in use (cleanup/leftovers.hpp).
  std::ofstream(std::filesystem::path(pattern) / folder_mark_file)
      << to_text(this_process()) << "\n";
  if (owner && chown(pattern.c_str(), owner->uid, owner->gid) != 0) {
    std::string reason = strerror(errno);
    std::filesystem::remove_all(pattern, ec);
    throw model::EnvironmentError("cannot hand " + pattern + " to user " + owner->name + ": " +
                                      reason,
                                  "set TMPDIR to a local folder that root may chown in");
  }
  return pattern;
}

}  // namespace migsafe::dbdrivers::os
