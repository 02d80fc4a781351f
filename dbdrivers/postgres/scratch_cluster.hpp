#pragma once

#include <filesystem>
#include <memory>

#include "dbdrivers/scratch.hpp"

namespace migsafe::dbdrivers::postgres {

// Boots a throwaway cluster: a copy of the cached template in a temp folder, on a free
// loopback port, its unix socket in that folder, run as the `postgres` OS user when
// migsafe is root. `pg_bin` empty: the search order of find_binaries().
// Throws model::EnvironmentError quoting the server log when it does not start.
std::unique_ptr<ScratchDatabase> create_scratch_cluster(const std::filesystem::path& pg_bin);

}  // namespace migsafe::dbdrivers::postgres
