#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>

#include "dbdrivers/database_url.hpp"

namespace migsafe::tests {

// Where the set-up installs PostgreSQL 17, and Debian's PostgreSQL 15.
inline const std::filesystem::path pg17_bin = MIGSAFE_SOURCE_DIR "/.deps/postgresql-17/native/bin";
inline const std::filesystem::path pg15_bin = "/usr/lib/postgresql/15/bin";

// The pid in <folder>/data/postmaster.pid, 0 if none.
pid_t postmaster_pid(const std::filesystem::path& folder);
bool process_running(pid_t pid);
bool database_exists(const dbdrivers::DatabaseUrl& server, const std::string& name);
// A loopback port nothing listens on (bound then released).
int closed_port();

}  // namespace migsafe::tests
