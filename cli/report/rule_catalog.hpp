#pragma once

#include <optional>
#include <string>

#include "model/finding.hpp"

namespace migsafe::cli::report {

// What reporters say about a rule id beyond the finding itself: its one-line summary
// and default severity, from rules/registry. nullopt for ids that are not lint rules
// (check names such as "replay").
struct RuleInfo {
  std::string summary;
  model::Severity default_severity = model::Severity::error;
};
std::optional<RuleInfo> describe_rule(const std::string& rule_id);

}  // namespace migsafe::cli::report
