#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/finding.hpp"
#include "rules/context.hpp"
#include "rules/sql/statement.hpp"

namespace migsafe::rules {

// What a rule found wrong with one statement. The linter turns it into a Finding
// (rule id, severity, position, statement text).
struct Violation {
  std::string message;  // what is wrong, with the names involved
  std::string help;     // the safe form
  std::string lock;     // empty: the linter fills in statement_lock(statement)
};

// One lint rule: pure, no I/O, never sees comments.
class Rule {
 public:
  virtual ~Rule() = default;
  virtual std::string_view id() const = 0;       // kebab-case, public API
  virtual std::string_view summary() const = 0;  // one line
  virtual model::Severity default_severity() const = 0;
  virtual std::vector<Violation> check(const sql::Statement& statement,
                                       const Context& context) const = 0;
};

}  // namespace migsafe::rules
