#pragma once

#include "rules/rule.hpp"

namespace migsafe::rules {

// ban-alter-domain-with-add-constraint: ALTER DOMAIN ADD CONSTRAINT, SET NOT NULL or VALIDATE scans
// every column of the domain under SHARE. See docs/rules/ban-alter-domain-with-add-constraint.md.
class BanAlterDomainWithAddConstraint final : public Rule {
 public:
  std::string_view id() const override { return "ban-alter-domain-with-add-constraint"; }
  std::string_view summary() const override {
    return "ALTER DOMAIN ADD CONSTRAINT, SET NOT NULL or VALIDATE scans every column of the domain "
           "under SHARE";
  }
  model::Severity default_severity() const override { return model::Severity::error; }
  std::vector<Violation> check(const sql::Statement& statement,
                               const Context& context) const override;
};

}  // namespace migsafe::rules
