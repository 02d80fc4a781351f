#pragma once

#include <filesystem>
#include <memory>

#include "dbdrivers/scratch.hpp"

namespace migsafe::dbdrivers::docker {

// The compose file: $MIGSAFE_COMPOSE_FILE, else docker-compose.yml of the source tree.
std::filesystem::path compose_file();

// `--db docker`: the `postgres` service of the compose file (started, and stopped
// afterwards, if migsafe had to start it), and a scratch database on it. Throws
// model::EnvironmentError when no Docker engine answers.
std::unique_ptr<ScratchDatabase> create_compose_scratch();

}  // namespace migsafe::dbdrivers::docker
