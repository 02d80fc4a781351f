#pragma once

#include "rules/rule.hpp"

namespace migsafe::rules {

// sqlite-unsupported-alter: ALTER operations SQLite cannot do without batch_alter_table. See
// docs/rules/sqlite-unsupported-alter.md.
class SqliteUnsupportedAlter final : public Rule {
 public:
  std::string_view id() const override { return "sqlite-unsupported-alter"; }
  std::string_view summary() const override {
    return "ALTER operations SQLite cannot do without batch_alter_table";
  }
  model::Severity default_severity() const override { return model::Severity::error; }
  std::vector<Violation> check(const sql::Statement& statement,
                               const Context& context) const override;
};

}  // namespace migsafe::rules
