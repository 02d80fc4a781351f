#pragma once

#include <filesystem>
#include <string>

namespace migsafe::analyzer::lint {

// Throws model::InputError when `path` cannot be opened for reading. Cheaper than
// opening it: lint checks thousands of files before printing anything.
void check_readable(const std::filesystem::path& path);

// The whole file, read straight into a string of its size (a pipe is read to its end).
// Throws model::InputError when it cannot be read.
std::string read_file(const std::filesystem::path& path);

}  // namespace migsafe::analyzer::lint
