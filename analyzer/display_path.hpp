#pragma once

#include <string>

namespace migsafe::analyzer {

// How findings name a file: relative to the current folder when it lies below it (what
// pre-commit, GitHub annotations and SARIF expect), else absolute.
std::string display_path(const std::string& file);

}  // namespace migsafe::analyzer
