#pragma once

#include "rules/rule.hpp"

namespace migsafe::rules {

// adding-not-null-constraint: SET NOT NULL on an existing table scans it under ACCESS EXCLUSIVE.
// See docs/rules/adding-not-null-constraint.md.
class AddingNotNullConstraint final : public Rule {
 public:
  std::string_view id() const override { return "adding-not-null-constraint"; }
  std::string_view summary() const override {
    return "SET NOT NULL on an existing table scans it under ACCESS EXCLUSIVE";
  }
  model::Severity default_severity() const override { return model::Severity::error; }
  std::vector<Violation> check(const sql::Statement& statement,
                               const Context& context) const override;
};

}  // namespace migsafe::rules
