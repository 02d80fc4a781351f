#pragma once

#include "rules/rule.hpp"

namespace migsafe::rules {

// prefer-timestamptz: timestamp without time zone: prefer timestamptz. See
// docs/rules/prefer-timestamptz.md.
class PreferTimestamptz final : public Rule {
 public:
  std::string_view id() const override { return "prefer-timestamptz"; }
  std::string_view summary() const override {
    return "timestamp without time zone: prefer timestamptz";
  }
  model::Severity default_severity() const override { return model::Severity::warning; }
  Grouping grouping() const override { return Grouping::per_unit; }
  std::vector<Violation> check(const sql::Statement& statement,
                               const Context& context) const override;
};

}  // namespace migsafe::rules
