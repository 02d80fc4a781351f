#pragma once

#include "rules/rule.hpp"

namespace migsafe::rules {

// unbatched-backfill: UPDATE, DELETE or INSERT ... SELECT on an existing table holds row locks for
// the whole migration. See docs/rules/unbatched-backfill.md.
class UnbatchedBackfill final : public Rule {
 public:
  std::string_view id() const override { return "unbatched-backfill"; }
  std::string_view summary() const override {
    return "UPDATE, DELETE or INSERT ... SELECT on an existing table holds row locks for the whole "
           "migration";
  }
  model::Severity default_severity() const override { return model::Severity::warning; }
  std::vector<Violation> check(const sql::Statement& statement,
                               const Context& context) const override;
};

}  // namespace migsafe::rules
