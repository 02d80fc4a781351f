#pragma once

#include "rules/rule.hpp"

namespace migsafe::rules {

// adding-primary-key: ADD PRIMARY KEY builds its index under ACCESS EXCLUSIVE; add it USING INDEX.
// See docs/rules/adding-primary-key.md.
class AddingPrimaryKey final : public Rule {
 public:
  std::string_view id() const override { return "adding-primary-key"; }
  std::string_view summary() const override {
    return "ADD PRIMARY KEY builds its index under ACCESS EXCLUSIVE; add it USING INDEX";
  }
  model::Severity default_severity() const override { return model::Severity::error; }
  std::vector<Violation> check(const sql::Statement& statement,
                               const Context& context) const override;
};

}  // namespace migsafe::rules
