#pragma once

#include "rules/rule.hpp"

namespace migsafe::rules {

// ban-concurrent-index-in-transaction: CONCURRENTLY cannot run inside a transaction block. See
// docs/rules/ban-concurrent-index-in-transaction.md.
class BanConcurrentIndexInTransaction final : public Rule {
 public:
  std::string_view id() const override { return "ban-concurrent-index-in-transaction"; }
  std::string_view summary() const override {
    return "CONCURRENTLY cannot run inside a transaction block";
  }
  model::Severity default_severity() const override { return model::Severity::error; }
  std::vector<Violation> check(const sql::Statement& statement,
                               const Context& context) const override;
};

}  // namespace migsafe::rules
