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
  // A table whose DROP TABLE later in the same unit withdraws the violation: the index,
  // constraint or column goes with its table, and the DROP TABLE is judged on its own.
  std::string unless_table_dropped_later = {};
};

// When a rule sees the statements.
enum class Pass {
  // In order, as the migration first runs them, with the context they build.
  first_run,
  // Once the whole unit was read, replayed in order on the schema the unit leaves
  // behind (re-running a revision): Context::rerun() says what each step does there;
  // the rest of the context holds only the options.
  rerun,
};

// How many findings one cause gives. A rule whose fix is made once for many statements
// (one SET lock_timeout, one choice of column type) reports the cause once, at its first
// statement, listing every statement it covers (model::Finding::occurrences).
enum class Grouping {
  per_statement,    // each violation a finding of its own
  per_transaction,  // one per stretch of statements between BEGIN, COMMIT and ROLLBACK
  per_unit,         // one per migration: a revision, or a .sql file
};

// One lint rule: pure, no I/O, never sees comments.
class Rule {
 public:
  virtual ~Rule() = default;
  virtual std::string_view id() const = 0;       // kebab-case, public API
  virtual std::string_view summary() const = 0;  // one line
  virtual model::Severity default_severity() const = 0;
  virtual Pass pass() const { return Pass::first_run; }
  virtual Grouping grouping() const { return Grouping::per_statement; }
  virtual std::vector<Violation> check(const sql::Statement& statement,
                                       const Context& context) const = 0;
};

}  // namespace migsafe::rules
