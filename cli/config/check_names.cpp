#include "cli/config/check_names.hpp"

#include <algorithm>
#include <array>

namespace migsafe::cli::config {

bool is_check_name(std::string_view name) {
  static constexpr std::array<std::string_view, 13> names = {
      "single-head",         "upgrade",          "upgrade-twice",     "replay",
      "replay-per-revision", "replay-preserves-schema", "replay-preserves-data",
      "up-down-consistency", "downgrade-leaves-no-trace", "model-matches-ddl",
      "lint",                "expand-contract",  "lock-trace"};
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace migsafe::cli::config
