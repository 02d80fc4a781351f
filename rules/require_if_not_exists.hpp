#pragma once

#include "rules/rule.hpp"

namespace migsafe::rules {

// require-if-not-exists: statements that fail when the migration runs a second time, as a
// replay does it: on the schema the unit left behind (Pass::rerun). See
// docs/rules/require-if-not-exists.md.
class RequireIfNotExists final : public Rule {
 public:
  std::string_view id() const override { return "require-if-not-exists"; }
  std::string_view summary() const override {
    return "statements that fail when the migration runs a second time";
  }
  model::Severity default_severity() const override { return model::Severity::error; }
  Pass pass() const override { return Pass::rerun; }
  std::vector<Violation> check(const sql::Statement& statement,
                               const Context& context) const override;
};

}  // namespace migsafe::rules
