#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace migsafe::analyzer::lint {

// How much of one file lint reads unless --max-file-size says more: a file that never
// ends (a growing log, a link to /dev/zero) must not fill the memory.
constexpr std::uintmax_t default_max_file_bytes = std::uintmax_t{256} << 20;

// Throws model::InputError when `path` cannot be opened for reading, is not a regular
// file (a FIFO blocks, a device never ends) or holds more than `max_bytes`. Cheaper than
// opening it: lint checks thousands of files before printing anything.
void check_readable(const std::filesystem::path& path,
                    std::uintmax_t max_bytes = default_max_file_bytes);

// The whole file, read straight into a string of its size; the same refusals as
// check_readable. Throws model::InputError when it cannot be read.
std::string read_file(const std::filesystem::path& path,
                      std::uintmax_t max_bytes = default_max_file_bytes);

}  // namespace migsafe::analyzer::lint
