#pragma once

#include "rules/rule.hpp"

namespace migsafe::rules {

// require-concurrent-reindex: REINDEX without CONCURRENTLY blocks writes to the table while it
// rebuilds. See docs/rules/require-concurrent-reindex.md.
class RequireConcurrentReindex final : public Rule {
 public:
  std::string_view id() const override { return "require-concurrent-reindex"; }
  std::string_view summary() const override {
    return "REINDEX without CONCURRENTLY blocks writes to the table while it rebuilds";
  }
  model::Severity default_severity() const override { return model::Severity::error; }
  std::vector<Violation> check(const sql::Statement& statement,
                               const Context& context) const override;
};

}  // namespace migsafe::rules
