#pragma once

#include "rules/rule.hpp"

namespace migsafe::rules {

// prefer-text-field: varchar(n): prefer text (with a CHECK if a limit matters). See
// docs/rules/prefer-text-field.md.
class PreferTextField final : public Rule {
 public:
  std::string_view id() const override { return "prefer-text-field"; }
  std::string_view summary() const override {
    return "varchar(n): prefer text (with a CHECK if a limit matters)";
  }
  model::Severity default_severity() const override { return model::Severity::warning; }
  Grouping grouping() const override { return Grouping::per_unit; }
  std::vector<Violation> check(const sql::Statement& statement,
                               const Context& context) const override;
};

}  // namespace migsafe::rules
