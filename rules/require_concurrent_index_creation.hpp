#pragma once

#include "rules/rule.hpp"

namespace migsafe::rules {

// require-concurrent-index-creation: CREATE INDEX on an existing table without CONCURRENTLY blocks
// writes. See docs/rules/require-concurrent-index-creation.md.
class RequireConcurrentIndexCreation final : public Rule {
 public:
  std::string_view id() const override { return "require-concurrent-index-creation"; }
  std::string_view summary() const override {
    return "CREATE INDEX on an existing table without CONCURRENTLY blocks writes";
  }
  model::Severity default_severity() const override { return model::Severity::error; }
  std::vector<Violation> check(const sql::Statement& statement,
                               const Context& context) const override;
};

}  // namespace migsafe::rules
