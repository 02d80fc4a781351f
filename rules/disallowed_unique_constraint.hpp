#pragma once

#include "rules/rule.hpp"

namespace migsafe::rules {

// disallowed-unique-constraint: ADD UNIQUE builds its index under ACCESS EXCLUSIVE; add it USING
// INDEX. See docs/rules/disallowed-unique-constraint.md.
class DisallowedUniqueConstraint final : public Rule {
 public:
  std::string_view id() const override { return "disallowed-unique-constraint"; }
  std::string_view summary() const override {
    return "ADD UNIQUE builds its index under ACCESS EXCLUSIVE; add it USING INDEX";
  }
  model::Severity default_severity() const override { return model::Severity::error; }
  std::vector<Violation> check(const sql::Statement& statement,
                               const Context& context) const override;
};

}  // namespace migsafe::rules
