#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "dbdrivers/os/run_as.hpp"

namespace migsafe::dbdrivers::cleanup {
class Reaper;
}

namespace migsafe::dbdrivers::postgres {

// A folder holding initdb, pg_ctl and postgres, and the version they report.
struct Binaries {
  std::filesystem::path bin;
  std::string version;  // "17.10", "15.20"
  int major = 0;
};

// The server binaries to boot a scratch cluster with. Search order (the first folder
// holding initdb + pg_ctl + postgres wins; docs/databases.md says the same):
//   1. `requested` (ScratchRequest::pg_bin), when given: an error if incomplete;
//   2. $MIGSAFE_PG_BIN, when set: an error if incomplete;
//   3. the folder scripts/setup.sh installs PostgreSQL 17 into (MIGSAFE_BUNDLED_PG_BIN);
//   4. each folder of $PATH;
//   5. /usr/lib/postgresql/<version>/bin, newest version first (Debian, Ubuntu).
// Throws model::EnvironmentError saying how to install them when none is found.
Binaries find_binaries(const std::filesystem::path& requested = {});

// Reads the version of the binaries in `bin`; throws model::EnvironmentError.
Binaries inspect_binaries(const std::filesystem::path& bin);

// Binaries `user` can run. When it cannot reach them (say a checkout under /root, mode
// 700), the self-contained package folder (bin, lib, share; libraries found through
// $ORIGIN/../lib) is copied once into the world-readable `cache` and that copy is used.
Binaries reachable_binaries(const Binaries& binaries, const std::optional<os::RunAs>& user,
                            const std::filesystem::path& cache, cleanup::Reaper* reaper);

}  // namespace migsafe::dbdrivers::postgres
