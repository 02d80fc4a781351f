#include "cli/report/rule_catalog.hpp"

#include "rules/registry.hpp"

namespace migsafe::cli::report {

std::optional<RuleInfo> describe_rule(const std::string& rule_id) {
  const rules::Rule* rule = rules::find_rule(rule_id);
  if (rule == nullptr) return std::nullopt;
  return RuleInfo{std::string(rule->summary()), rule->default_severity()};
}

}  // namespace migsafe::cli::report
