#pragma once

#include "rules/rule.hpp"

namespace migsafe::rules {

// prefer-repack: VACUUM FULL and CLUSTER rewrite the table under ACCESS EXCLUSIVE; use pg_repack.
// See docs/rules/prefer-repack.md.
class PreferRepack final : public Rule {
 public:
  std::string_view id() const override { return "prefer-repack"; }
  std::string_view summary() const override {
    return "VACUUM FULL and CLUSTER rewrite the table under ACCESS EXCLUSIVE; use pg_repack";
  }
  model::Severity default_severity() const override { return model::Severity::error; }
  std::vector<Violation> check(const sql::Statement& statement,
                               const Context& context) const override;
};

}  // namespace migsafe::rules
