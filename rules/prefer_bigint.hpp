#pragma once

#include "rules/rule.hpp"

namespace migsafe::rules {

// prefer-bigint: integer and smallint keys run out; use bigint. See docs/rules/prefer-bigint.md.
class PreferBigint final : public Rule {
 public:
  std::string_view id() const override { return "prefer-bigint"; }
  std::string_view summary() const override {
    return "integer and smallint keys run out; use bigint";
  }
  model::Severity default_severity() const override { return model::Severity::warning; }
  Grouping grouping() const override { return Grouping::per_unit; }
  std::vector<Violation> check(const sql::Statement& statement,
                               const Context& context) const override;
};

}  // namespace migsafe::rules
