#pragma once

#include "rules/rule.hpp"

namespace migsafe::rules {

// ban-truncate: TRUNCATE deletes every row under ACCESS EXCLUSIVE. See docs/rules/ban-truncate.md.
class BanTruncate final : public Rule {
 public:
  std::string_view id() const override { return "ban-truncate"; }
  std::string_view summary() const override {
    return "TRUNCATE deletes every row under ACCESS EXCLUSIVE";
  }
  model::Severity default_severity() const override { return model::Severity::error; }
  std::vector<Violation> check(const sql::Statement& statement,
                               const Context& context) const override;
};

}  // namespace migsafe::rules
