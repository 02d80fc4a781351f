#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "dbdrivers/os/run_as.hpp"

namespace migsafe::dbdrivers::os {

// Where scratch folders go: $TMPDIR when set (and reachable by `owner`), else /dev/shm
// when it is a tmpfs with at least 1 GB free, else /tmp.
std::filesystem::path scratch_base(const std::optional<RunAs>& owner);

// Creates a fresh private folder `<scratch_base>/<prefix>XXXXXX` (mkdtemp) holding this
// process's mark (folder_mark_file). With `owner`, the folder is handed to that user.
// Throws model::EnvironmentError.
std::filesystem::path make_temp_folder(const std::string& prefix,
                                       const std::optional<RunAs>& owner = std::nullopt);

// Creates `path` and its parents if missing; throws model::EnvironmentError.
void make_folders(const std::filesystem::path& path);

}  // namespace migsafe::dbdrivers::os
