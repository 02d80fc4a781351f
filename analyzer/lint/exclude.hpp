#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace migsafe::analyzer::lint {

// Whether `path` matches one of the config's exclude globs (fnmatch: `*` also crosses
// `/`, so "versions/legacy_*" and "**/legacy_*.py" both work). Each glob is tried on the
// path relative to `base`, on the path as given, and on the file name.
bool is_excluded(const std::filesystem::path& path, const std::vector<std::string>& globs,
                 const std::filesystem::path& base);

}  // namespace migsafe::analyzer::lint
