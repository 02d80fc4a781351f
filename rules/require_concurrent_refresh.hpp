#pragma once

#include "rules/rule.hpp"

namespace migsafe::rules {

// require-concurrent-refresh: REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks every read of
// the view. See docs/rules/require-concurrent-refresh.md.
class RequireConcurrentRefresh final : public Rule {
 public:
  std::string_view id() const override { return "require-concurrent-refresh"; }
  std::string_view summary() const override {
    return "REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks every read of the view";
  }
  model::Severity default_severity() const override { return model::Severity::error; }
  std::vector<Violation> check(const sql::Statement& statement,
                               const Context& context) const override;
};

}  // namespace migsafe::rules
