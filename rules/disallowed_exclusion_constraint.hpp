#pragma once

#include "rules/rule.hpp"

namespace migsafe::rules {

// disallowed-exclusion-constraint: ADD EXCLUDE on an existing table builds its index and checks
// every row under ACCESS EXCLUSIVE. See docs/rules/disallowed-exclusion-constraint.md.
class DisallowedExclusionConstraint final : public Rule {
 public:
  std::string_view id() const override { return "disallowed-exclusion-constraint"; }
  std::string_view summary() const override {
    return "ADD EXCLUDE on an existing table builds its index and checks every row under ACCESS "
           "EXCLUSIVE";
  }
  model::Severity default_severity() const override { return model::Severity::error; }
  std::vector<Violation> check(const sql::Statement& statement,
                               const Context& context) const override;
};

}  // namespace migsafe::rules
