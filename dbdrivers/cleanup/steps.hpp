#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>

namespace migsafe::dbdrivers::cleanup {

// The clean-up steps a reaper runs. Each is idempotent, returns whether it succeeded,
// and reports a failure on stderr with what the user must remove by hand.

bool remove_folder(const std::filesystem::path& folder) noexcept;
// Immediate shutdown of the postmaster that owns `data_dir` (its postmaster.pid), then
// SIGKILL to its process group if it has not gone within a few seconds.
bool stop_postmaster(const std::filesystem::path& data_dir) noexcept;
bool drop_database(const std::string& libpq_uri, const std::string& name) noexcept;
bool compose_down(const std::filesystem::path& compose_file) noexcept;

// Whether `pid` runs (a zombie does not count: PID 1 of a container may never reap it).
bool process_alive(pid_t pid) noexcept;

}  // namespace migsafe::dbdrivers::cleanup
