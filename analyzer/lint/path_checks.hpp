#pragma once

#include <filesystem>
#include <vector>

namespace migsafe::analyzer::lint {

// The checks lint makes on the paths it is given before it starts, on its critical
// path: a shell glob names thousands of files, each costing system calls. Both run on
// two threads when there are many paths.

// Each path's status (std::filesystem::status), in the order given.
std::vector<std::filesystem::file_status> statuses_of(
    const std::vector<std::filesystem::path>& paths);

// Throws model::InputError for the first file, in the order given, that cannot be
// opened for reading (check_readable).
void check_all_readable(const std::vector<std::filesystem::path>& files);

}  // namespace migsafe::analyzer::lint
