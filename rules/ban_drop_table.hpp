#pragma once

#include "rules/rule.hpp"

namespace migsafe::rules {

// ban-drop-table: DROP TABLE breaks the code still using the table. See
// docs/rules/ban-drop-table.md.
class BanDropTable final : public Rule {
 public:
  std::string_view id() const override { return "ban-drop-table"; }
  std::string_view summary() const override {
    return "DROP TABLE breaks the code still using the table";
  }
  model::Severity default_severity() const override { return model::Severity::error; }
  std::vector<Violation> check(const sql::Statement& statement,
                               const Context& context) const override;
};

}  // namespace migsafe::rules
