#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "analyzer/lint/read_file.hpp"

namespace migsafe::analyzer::lint {

// The checks lint makes on the paths it is given before it starts, on its critical
// path: a shell glob names thousands of files, each costing system calls. Both run on
// two threads when there are many paths.

// Each path's status (std::filesystem::status), in the order given.
std::vector<std::filesystem::file_status> statuses_of(
    const std::vector<std::filesystem::path>& paths);

// Throws model::InputError for the first file, in the order given, that cannot be
// opened for reading, is no regular file or holds more than max_bytes (check_readable).
void check_all_readable(const std::vector<std::filesystem::path>& files,
                        std::uintmax_t max_bytes = default_max_file_bytes);

}  // namespace migsafe::analyzer::lint
