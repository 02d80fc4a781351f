#include "analyzer/expand_contract/deploy_order_name.hpp"

namespace migsafe::analyzer::expand_contract {
namespace {

struct DeployOrderName {
  DeployOrder order;
  std::string_view name;
};

constexpr DeployOrderName deploy_order_table[] = {
    {DeployOrder::code_first, "code-first"},
    {DeployOrder::migrate_first, "migrate-first"},
};

}  // namespace

std::string_view deploy_order_name(DeployOrder order) {
  for (const auto& entry : deploy_order_table) {
    if (entry.order == order) return entry.name;
  }
  return {};
}

std::optional<DeployOrder> parse_deploy_order(std::string_view name) {
  for (const auto& entry : deploy_order_table) {
    if (entry.name == name) return entry.order;
  }
  return std::nullopt;
}

std::vector<std::string> deploy_order_names() {
  std::vector<std::string> names;
  for (const auto& entry : deploy_order_table) names.emplace_back(entry.name);
  return names;
}

}  // namespace migsafe::analyzer::expand_contract
