#pragma once

#include "rules/rule.hpp"

namespace migsafe::rules {

// ban-drop-column: DROP COLUMN breaks the code still reading the column. See
// docs/rules/ban-drop-column.md.
class BanDropColumn final : public Rule {
 public:
  std::string_view id() const override { return "ban-drop-column"; }
  std::string_view summary() const override {
    return "DROP COLUMN breaks the code still reading the column";
  }
  model::Severity default_severity() const override { return model::Severity::error; }
  std::vector<Violation> check(const sql::Statement& statement,
                               const Context& context) const override;
};

}  // namespace migsafe::rules
