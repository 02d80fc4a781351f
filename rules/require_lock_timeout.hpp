#pragma once

#include "rules/rule.hpp"

namespace migsafe::rules {

// require-lock-timeout: a lock that blocks writes on an existing table with no lock_timeout set.
// See docs/rules/require-lock-timeout.md.
class RequireLockTimeout final : public Rule {
 public:
  std::string_view id() const override { return "require-lock-timeout"; }
  std::string_view summary() const override {
    return "a lock that blocks writes on an existing table with no lock_timeout set";
  }
  model::Severity default_severity() const override { return model::Severity::warning; }
  Grouping grouping() const override { return Grouping::per_transaction; }
  std::vector<Violation> check(const sql::Statement& statement,
                               const Context& context) const override;
};

}  // namespace migsafe::rules
