#pragma once

#include "rules/rule.hpp"

namespace migsafe::rules {

// changing-column-type: ALTER COLUMN TYPE rewrites the table and its indexes under ACCESS
// EXCLUSIVE. See docs/rules/changing-column-type.md.
class ChangingColumnType final : public Rule {
 public:
  std::string_view id() const override { return "changing-column-type"; }
  std::string_view summary() const override {
    return "ALTER COLUMN TYPE rewrites the table and its indexes under ACCESS EXCLUSIVE";
  }
  model::Severity default_severity() const override { return model::Severity::error; }
  std::vector<Violation> check(const sql::Statement& statement,
                               const Context& context) const override;
};

}  // namespace migsafe::rules
