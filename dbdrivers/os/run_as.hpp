#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace migsafe::dbdrivers::os {

// An unprivileged OS account that server processes run as when migsafe runs as root
// (initdb, pg_ctl and postgres refuse to run as root).
struct RunAs {
  std::string name;
  uid_t uid = 0;
  gid_t gid = 0;
  std::vector<gid_t> groups;
};

// The account for PostgreSQL processes: nullopt when migsafe is not root (they run as
// the current user); else the `postgres` system user, created when missing.
// Throws model::EnvironmentError when it cannot be created.
std::optional<RunAs> server_user();

// Whether `user` (nullopt: the current user) may reach `path` with access mode `mode`
// (X_OK for a folder means every folder up to it can be traversed).
bool reachable_by(const std::optional<RunAs>& user, const std::filesystem::path& path,
                  int mode);

// Drops root to `user` in a forked child; returns false when it fails. Only syscalls:
// safe between fork and exec.
bool become(const RunAs& user) noexcept;

}  // namespace migsafe::dbdrivers::os
