#pragma once

#include "rules/rule.hpp"

namespace migsafe::rules {

// changing-table-storage: SET TABLESPACE, SET LOGGED/UNLOGGED and SET ACCESS METHOD rewrite the
// table under ACCESS EXCLUSIVE. See docs/rules/changing-table-storage.md.
class ChangingTableStorage final : public Rule {
 public:
  std::string_view id() const override { return "changing-table-storage"; }
  std::string_view summary() const override {
    return "SET TABLESPACE, SET LOGGED/UNLOGGED and SET ACCESS METHOD rewrite the table under "
           "ACCESS EXCLUSIVE";
  }
  model::Severity default_severity() const override { return model::Severity::error; }
  std::vector<Violation> check(const sql::Statement& statement,
                               const Context& context) const override;
};

}  // namespace migsafe::rules
