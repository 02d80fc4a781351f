#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/finding.hpp"
#include "model/location.hpp"
#include "rules/context.hpp"
#include "rules/schema_state.hpp"
#include "rules/sql/statement.hpp"
#include "rules/suppression.hpp"

namespace migsafe::rules {

// How findings inside a piece are positioned.
enum class Positions {
  in_text,   // at their line/column in the piece, counted from the origin (a .sql file)
  at_origin  // all at the origin (SQL Alembic generated for one op.* call)
};

// A stretch of SQL and where its byte 0 is.
struct Piece {
  std::string sql;
  model::Location origin;  // file, line, column (1:1 for a .sql file), revision
  Positions positions = Positions::in_text;
  // Whose SQL it is: the migration's (the default), or the tool's own transaction
  // statements (Alembic's BEGIN/COMMIT), which the rules see as sql::Author::tool.
  sql::Author author = sql::Author::migration;
};

// One migration: a .sql file, or the SQL of one Alembic revision in order. The context
// (objects created, transaction, lock_timeout, the simulated schema) runs across its
// pieces. "Created in this migration" means in this unit.
struct LintUnit {
  std::vector<Piece> pieces;
  // Ignores found outside the SQL (e.g. `# migsafe:ignore` in the revision's .py file),
  // applied together with the SQL ones.
  std::vector<Suppression> suppressions;
};

// Whether the SQL is only written (a .sql file, Alembic's offline SQL) or the database
// was given it to run (what `migsafe check` recorded of its upgrade). SQL the database
// ran is valid in its dialect whatever libpg_query's PostgreSQL 15 grammar says, so it is
// never a syntax error (had the database rejected it, the upgrade reports its own error).
enum class SqlSource { written, executed };

struct LintOptions {
  ContextOptions context;          // pg_version, dialect, assume_in_transaction, lock timeout
  std::set<std::string> enabled;   // ids or aliases; empty: every rule
  std::set<std::string> disabled;  // ids or aliases
  std::map<std::string, model::Severity> severity;  // id or alias -> severity
  bool sql_ignore_comments = true;                  // honour `-- migsafe:ignore` in the SQL
  // Statements that are not the migration's own (a caller's notion, e.g. Alembic's
  // version-table bookkeeping in saved offline SQL): passed over by every rule.
  std::function<bool(const sql::Statement&)> skip_statement;
  SqlSource source = SqlSource::written;
  // One finding per cause for the rules that group (Rule::grouping(): require-lock-timeout
  // per transaction, the prefer-* rules per migration), listing every statement in
  // Finding::occurrences; false: one finding per statement.
  bool one_finding_per_cause = true;
};

// Where findings go as soon as they are final, so a long script's findings need not all
// be held.
using FindingSink = std::function<void(model::Finding&&)>;

// Lints one migration. Findings have check "lint", the rule id, a position from
// model::line_column_at mapped through the piece's origin, the revision, the statement
// text and the lock it takes. Never throws on bad input: invalid UTF-8 and statements
// PostgreSQL's grammar rejects are `syntax-error` findings, errors only for written
// PostgreSQL SQL (SQLite's, and SQL the database ran, see SqlSource and check_unparsed()
// in lint.cpp; on SQLite the statement is first read through rules/sqlite_spellings.hpp).
std::vector<model::Finding> lint(const LintUnit& unit, const LintOptions& options = {});

// The same findings in the same order, handed to `sink` once the unit has been read: a
// later statement may still withdraw one (an index dropped with its table) or add one
// (running the unit again), and an ignore comment anywhere may silence one.
void lint(const LintUnit& unit, const LintOptions& options, const FindingSink& sink);

// One unit of a chain: the revisions of one Alembic project, linted one after the other
// in upgrade order (parents first), on one thread. `schema` holds what the units before
// it left behind (start with an empty SchemaState before the first revision) and is
// moved past this unit: a later revision then knows the tables, columns and their types,
// indexes and types the earlier ones made, so a DROP INDEX finds its table, a DROP TYPE
// knows its columns are gone, and an ALTER COLUMN TYPE knows the old type. Without it
// (the overloads above) every unit starts from an unknown schema, as independent .sql
// files do.
void lint(const LintUnit& unit, const LintOptions& options, SchemaState& schema,
          const FindingSink& sink);

// Moves `schema` past a unit of the chain without linting it (a revision that is not
// reported on, e.g. before --since): its statements are parsed, no rule runs.
void advance_schema(const LintUnit& unit, const LintOptions& options, SchemaState& schema);

// Convenience: one .sql file's text.
std::vector<model::Finding> lint_sql(std::string_view sql, const std::string& file,
                                     const LintOptions& options = {});

// Names in enabled/disabled/severity that are neither rule ids nor aliases (for config
// validation).
std::vector<std::string> unknown_rule_names(const LintOptions& options);

}  // namespace migsafe::rules
