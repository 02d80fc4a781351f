#pragma once

#include <string_view>

namespace migsafe::cli::config {

// Whether `name` is one of CLI.md's check names (`replay`, `lint`, ...): config and
// --only/--skip accept them beside rule ids.
bool is_check_name(std::string_view name);

}  // namespace migsafe::cli::config
