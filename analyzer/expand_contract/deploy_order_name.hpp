#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migsafe::analyzer::expand_contract {

// When the migration runs relative to the code deploy (docs/expand-contract.md).
// code-first: the new code runs on the old schema until the migration runs, then on the
// new one. migrate-first: the old code runs on the new schema until the deploy, then the
// new code does.
enum class DeployOrder { code_first, migrate_first };

// The one table of deploy order names ("code-first", "migrate-first"), read by the
// CLI, the config reader and the check.
std::string_view deploy_order_name(DeployOrder order);
std::optional<DeployOrder> parse_deploy_order(std::string_view name);
std::vector<std::string> deploy_order_names();  // in the table's order, the default first

}  // namespace migsafe::analyzer::expand_contract
