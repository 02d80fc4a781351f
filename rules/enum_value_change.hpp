#pragma once

#include "rules/rule.hpp"

namespace migsafe::rules {

// enum-value-change: renaming an enum value, using a value added in the same transaction, or
// dropping an enum in use. See docs/rules/enum-value-change.md.
class EnumValueChange final : public Rule {
 public:
  std::string_view id() const override { return "enum-value-change"; }
  std::string_view summary() const override {
    return "renaming an enum value, using a value added in the same transaction, or dropping an "
           "enum in use";
  }
  model::Severity default_severity() const override { return model::Severity::error; }
  std::vector<Violation> check(const sql::Statement& statement,
                               const Context& context) const override;
};

}  // namespace migsafe::rules
