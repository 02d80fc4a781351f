#pragma once

#include "rules/rule.hpp"

namespace migsafe::rules {

// constraint-missing-not-valid: ADD FOREIGN KEY or CHECK on an existing table without NOT VALID
// scans it while holding a lock. See docs/rules/constraint-missing-not-valid.md.
class ConstraintMissingNotValid final : public Rule {
 public:
  std::string_view id() const override { return "constraint-missing-not-valid"; }
  std::string_view summary() const override {
    return "ADD FOREIGN KEY or CHECK on an existing table without NOT VALID scans it while holding "
           "a lock";
  }
  model::Severity default_severity() const override { return model::Severity::error; }
  std::vector<Violation> check(const sql::Statement& statement,
                               const Context& context) const override;
};

}  // namespace migsafe::rules
