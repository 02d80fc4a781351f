#pragma once

#include "rules/rule.hpp"

namespace migsafe::rules {

// adding-required-field: ADD COLUMN NOT NULL without a default fails on a table with rows. See
// docs/rules/adding-required-field.md.
class AddingRequiredField final : public Rule {
 public:
  std::string_view id() const override { return "adding-required-field"; }
  std::string_view summary() const override {
    return "ADD COLUMN NOT NULL without a default fails on a table with rows";
  }
  model::Severity default_severity() const override { return model::Severity::error; }
  std::vector<Violation> check(const sql::Statement& statement,
                               const Context& context) const override;
};

}  // namespace migsafe::rules
