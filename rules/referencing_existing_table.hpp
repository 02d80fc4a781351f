#pragma once

#include "rules/rule.hpp"

namespace migsafe::rules {

// referencing-existing-table: a new table's foreign key locks the existing table it references,
// with no lock_timeout set. See docs/rules/referencing-existing-table.md.
class ReferencingExistingTable final : public Rule {
 public:
  std::string_view id() const override { return "referencing-existing-table"; }
  std::string_view summary() const override {
    return "a new table's foreign key locks the existing table it references, with no lock_timeout "
           "set";
  }
  model::Severity default_severity() const override { return model::Severity::warning; }
  std::vector<Violation> check(const sql::Statement& statement,
                               const Context& context) const override;
};

}  // namespace migsafe::rules
