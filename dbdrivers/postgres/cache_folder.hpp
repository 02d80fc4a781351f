#pragma once

#include <filesystem>
#include <optional>

#include "dbdrivers/os/run_as.hpp"

namespace migsafe::dbdrivers::postgres {

// Where template clusters (and, when needed, a reachable copy of the binaries) are kept:
// $MIGSAFE_CACHE_DIR, else $XDG_CACHE_HOME/migsafe, else ~/.cache/migsafe. When migsafe
// runs as root and the server user cannot traverse that folder (root's home is mode
// 700), /var/cache/migsafe. Created if missing; throws model::EnvironmentError.
std::filesystem::path cache_folder(const std::optional<os::RunAs>& server_user);

}  // namespace migsafe::dbdrivers::postgres
