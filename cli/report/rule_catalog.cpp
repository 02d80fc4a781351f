#include "cli/report/rule_catalog.hpp"

namespace migsafe::cli::report {

// Until rules/registry.hpp lands every id is unknown here; SARIF then falls back to
// the finding's own data.
std::optional<RuleInfo> describe_rule(const std::string&) { return std::nullopt; }

}  // namespace migsafe::cli::report
