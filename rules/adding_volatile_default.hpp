#pragma once

#include "rules/rule.hpp"

namespace migsafe::rules {

// adding-volatile-default: ADD COLUMN with a volatile default, serial, identity or stored generated
// column rewrites the table. See docs/rules/adding-volatile-default.md.
class AddingVolatileDefault final : public Rule {
 public:
  std::string_view id() const override { return "adding-volatile-default"; }
  std::string_view summary() const override {
    return "ADD COLUMN with a volatile default, serial, identity or stored generated column "
           "rewrites the table";
  }
  model::Severity default_severity() const override { return model::Severity::error; }
  std::vector<Violation> check(const sql::Statement& statement,
                               const Context& context) const override;
};

}  // namespace migsafe::rules
