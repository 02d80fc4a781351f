#pragma once

#include "rules/rule.hpp"

namespace migsafe::rules {

// changing-generated-expression: ALTER COLUMN ... SET EXPRESSION (PostgreSQL 17) recomputes
// the stored generated column in every row, rewriting the table under ACCESS EXCLUSIVE. See
// docs/rules/changing-generated-expression.md.
class ChangingGeneratedExpression final : public Rule {
 public:
  std::string_view id() const override { return "changing-generated-expression"; }
  std::string_view summary() const override {
    return "ALTER COLUMN SET EXPRESSION rewrites the table under ACCESS EXCLUSIVE";
  }
  model::Severity default_severity() const override { return model::Severity::error; }
  std::vector<Violation> check(const sql::Statement& statement,
                               const Context& context) const override;
};

}  // namespace migsafe::rules
