#include "analyzer/check/guard_advice.hpp"

#include <vector>

#include "rules/sql/guarded_statement.hpp"
#include "rules/sql/parser.hpp"
#include "rules/sql/scanner.hpp"

namespace migsafe::analyzer::check {
namespace {

namespace sql = rules::sql;

bool starts_with_insert(const std::string& statement) {
  const auto tokens = sql::scan_tokens(statement);
  return tokens && !tokens->empty() && sql::is_keyword(statement, tokens->front(), "INSERT");
}

// When the statement cannot be guarded as written: it did not parse (an INSERT with
// SQLAlchemy's parameters), or the dialect has no guard for it.
std::string general_advice(const std::string& statement, model::Dialect dialect) {
  if (starts_with_insert(statement)) {
    return dialect == model::Dialect::sqlite
               ? "make the insert re-runnable: write INSERT OR IGNORE INTO ..."
               : "make the insert re-runnable: add ON CONFLICT DO NOTHING at its end";
  }
  return dialect == model::Dialect::sqlite
             ? "make the revision safe to run again: SQLite has no guard for this statement; "
               "run it only when sa.inspect(op.get_bind()) shows it is needed"
             : "make the revision safe to run again: guard each statement (IF NOT EXISTS, IF "
               "EXISTS, or a DO block catching duplicate_object)";
}

}  // namespace

std::string guard_advice(const std::string& statement, model::Dialect dialect) {
  // One op.execute() may run several statements; which one failed is not known, so each
  // that can only run once gets its guard.
  sql::GuardRequest request;
  request.dialect = dialect;
  std::string advice;
  for (const sql::Statement& parsed : sql::parse_script(statement)) {
    if (parsed.in_do_block) continue;
    if (const auto guarded = sql::guarded_statement(parsed, request)) {
      advice += (advice.empty() ? "" : "; then ") + sql::guard_help(*guarded);
    }
  }
  return advice.empty() ? general_advice(statement, dialect) : advice;
}

}  // namespace migsafe::analyzer::check
