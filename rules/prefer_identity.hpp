#pragma once

#include "rules/rule.hpp"

namespace migsafe::rules {

// prefer-identity: serial columns: prefer GENERATED ... AS IDENTITY. See
// docs/rules/prefer-identity.md.
class PreferIdentity final : public Rule {
 public:
  std::string_view id() const override { return "prefer-identity"; }
  std::string_view summary() const override {
    return "serial columns: prefer GENERATED ... AS IDENTITY";
  }
  model::Severity default_severity() const override { return model::Severity::warning; }
  Grouping grouping() const override { return Grouping::per_unit; }
  std::vector<Violation> check(const sql::Statement& statement,
                               const Context& context) const override;
};

}  // namespace migsafe::rules
