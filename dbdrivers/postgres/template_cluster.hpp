#pragma once

#include <chrono>
#include <filesystem>
#include <optional>

#include "dbdrivers/os/run_as.hpp"
#include "dbdrivers/postgres/binaries.hpp"

namespace migsafe::dbdrivers::cleanup {
class Reaper;
}

namespace migsafe::dbdrivers::postgres {

struct TemplateCluster {
  std::filesystem::path data_dir;  // copy this; never start a server on it
  bool created = false;            // false: reused from the cache
  std::chrono::milliseconds creation_time{0};
};

// An initdb'd cluster in `cache`, keyed by the binaries' version and path, made once and
// copied for every scratch cluster (copying takes a fraction of initdb's second). It is
// built under a temp name and renamed, under a file lock, so parallel migsafe processes
// neither race nor see half a cluster. Throws model::EnvironmentError.
TemplateCluster ensure_template(const Binaries& binaries, const std::optional<os::RunAs>& user,
                                const std::filesystem::path& cache, cleanup::Reaper* reaper);

}  // namespace migsafe::dbdrivers::postgres
