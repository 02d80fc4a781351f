#pragma once

#include "rules/rule.hpp"

namespace migsafe::rules {

// ban-commit-in-migration: a COMMIT (END, ROLLBACK) the migration writes inside the
// transaction the tool runs it in ends that transaction half-way. See
// docs/rules/ban-commit-in-migration.md.
class BanCommitInMigration final : public Rule {
 public:
  std::string_view id() const override { return "ban-commit-in-migration"; }
  std::string_view summary() const override {
    return "COMMIT or ROLLBACK ends the transaction the migration runs in, half-way through it";
  }
  model::Severity default_severity() const override { return model::Severity::warning; }
  std::vector<Violation> check(const sql::Statement& statement,
                               const Context& context) const override;
};

}  // namespace migsafe::rules
