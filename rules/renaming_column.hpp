#pragma once

#include "rules/rule.hpp"

namespace migsafe::rules {

// renaming-column: RENAME COLUMN breaks the code running beside the migration. See
// docs/rules/renaming-column.md.
class RenamingColumn final : public Rule {
 public:
  std::string_view id() const override { return "renaming-column"; }
  std::string_view summary() const override {
    return "RENAME COLUMN breaks the code running beside the migration";
  }
  model::Severity default_severity() const override { return model::Severity::error; }
  std::vector<Violation> check(const sql::Statement& statement,
                               const Context& context) const override;
};

}  // namespace migsafe::rules
