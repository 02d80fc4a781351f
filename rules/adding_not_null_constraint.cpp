#include "rules/adding_not_null_constraint.hpp"

#include "rules/rule_support.hpp"
#include "rules/sql/identifier.hpp"

namespace migsafe::rules {

std::vector<Violation> AddingNotNullConstraint::check(const sql::Statement& statement,
                                                      const Context& context) const {
  std::vector<Violation> out;
  if (!is_postgres(context)) return out;
  const auto* a = statement.as<sql::AlterTable>();
  for (const auto* cmd :
       commands_on_existing_table(statement, context, sql::AlterKind::set_not_null)) {
    // PG12+ skips the scan when a validated CHECK (col IS NOT NULL) proves it.
    if (context.pg_version() >= 12 && context.not_null_proven(a->table.name, cmd->column)) continue;
    const std::string table = a->table.display();
    // Names printed into SQL are quoted as PostgreSQL needs them ("user", "UserId").
    const std::string sql_table = sql::quote_name(a->table);
    const std::string column = sql::quote_identifier(cmd->column);
    const std::string check = sql::quote_identifier(cmd->column + "_not_null");
    out.push_back({"SET NOT NULL on " + table + "." + cmd->column + " scans all of " + table +
                       " under ACCESS EXCLUSIVE",
                   "ALTER TABLE " + sql_table + " ADD CONSTRAINT " + check + " CHECK (" + column +
                       " IS NOT NULL) NOT VALID; then VALIDATE CONSTRAINT " + check +
                       "; then SET NOT NULL (no scan), and drop the CHECK",
                   {}});
  }
  return out;
}

}  // namespace migsafe::rules
