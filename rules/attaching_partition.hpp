#pragma once

#include "rules/rule.hpp"

namespace migsafe::rules {

// attaching-partition: ATTACH PARTITION of an existing table scans it under ACCESS EXCLUSIVE. See
// docs/rules/attaching-partition.md.
class AttachingPartition final : public Rule {
 public:
  std::string_view id() const override { return "attaching-partition"; }
  std::string_view summary() const override {
    return "ATTACH PARTITION of an existing table scans it under ACCESS EXCLUSIVE";
  }
  model::Severity default_severity() const override { return model::Severity::error; }
  std::vector<Violation> check(const sql::Statement& statement,
                               const Context& context) const override;
};

}  // namespace migsafe::rules
