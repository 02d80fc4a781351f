#pragma once

#include "rules/rule.hpp"

namespace migsafe::rules {

// transaction-nesting: BEGIN inside a transaction already open (Alembic's, around the
// migration) is ignored by PostgreSQL, and the COMMIT written for it ends the outer one
// early. See docs/rules/transaction-nesting.md.
class TransactionNesting final : public Rule {
 public:
  std::string_view id() const override { return "transaction-nesting"; }
  std::string_view summary() const override {
    return "BEGIN inside the migration's transaction: its COMMIT ends that transaction early";
  }
  model::Severity default_severity() const override { return model::Severity::warning; }
  std::vector<Violation> check(const sql::Statement& statement,
                               const Context& context) const override;
};

}  // namespace migsafe::rules
