#pragma once

#include <filesystem>
#include <vector>

#include "analyzer/alembic/python/api.hpp"

// Loads libmigsafe_python.so, the half of the Alembic bridge that embeds Python
// (analyzer/alembic/python/api.hpp says why it is a library of its own).
namespace migsafe::analyzer::alembic {

// The library's table, loaded on the first call from the first of
// python_library_candidates() that exists. Throws model::EnvironmentError when none
// exists, or it does not load, or it is from another build; a later call tries again.
const python::Api& python_library();

// Whether python_library() has loaded it in this process.
bool python_library_loaded();

// Where the library is looked for, in order: next to the running executable (the real
// file behind /proc/self/exe, so a symlink to migsafe works), then, for an executable
// inside migsafe's build tree (the tests, bench/), the build tree's own copy. An
// installed migsafe never picks a library out of some build folder.
std::vector<std::filesystem::path> python_library_candidates();

// Loads the library from the first of `candidates` that exists, as python_library()
// does, without remembering it. Once loaded, a library is never unloaded (Python
// cannot be), so a second load of the same file answers the same table.
const python::Api& load_python_library(const std::vector<std::filesystem::path>& candidates);

}  // namespace migsafe::analyzer::alembic
