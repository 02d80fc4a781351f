#pragma once

#include <filesystem>

namespace migsafe::analyzer {

// The migsafe executable that runs now (behind /proc/self/exe, so a symlink to it works),
// for the internal commands it runs in a second process of its own (export-models,
// walk-part). Throws model::EnvironmentError when /proc is not there.
std::filesystem::path this_program();

}  // namespace migsafe::analyzer
