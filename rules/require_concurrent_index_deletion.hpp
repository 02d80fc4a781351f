#pragma once

#include "rules/rule.hpp"

namespace migsafe::rules {

// require-concurrent-index-deletion: DROP INDEX without CONCURRENTLY blocks reads and writes. See
// docs/rules/require-concurrent-index-deletion.md.
class RequireConcurrentIndexDeletion final : public Rule {
 public:
  std::string_view id() const override { return "require-concurrent-index-deletion"; }
  std::string_view summary() const override {
    return "DROP INDEX without CONCURRENTLY blocks reads and writes";
  }
  model::Severity default_severity() const override { return model::Severity::error; }
  std::vector<Violation> check(const sql::Statement& statement,
                               const Context& context) const override;
};

}  // namespace migsafe::rules
