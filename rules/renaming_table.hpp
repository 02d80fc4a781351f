#pragma once

#include "rules/rule.hpp"

namespace migsafe::rules {

// renaming-table: RENAME TABLE breaks the code running beside the migration. See
// docs/rules/renaming-table.md.
class RenamingTable final : public Rule {
 public:
  std::string_view id() const override { return "renaming-table"; }
  std::string_view summary() const override {
    return "RENAME TABLE breaks the code running beside the migration";
  }
  model::Severity default_severity() const override { return model::Severity::error; }
  std::vector<Violation> check(const sql::Statement& statement,
                               const Context& context) const override;
};

}  // namespace migsafe::rules
