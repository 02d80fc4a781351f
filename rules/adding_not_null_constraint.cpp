#include "rules/adding_not_null_constraint.hpp"

#include "rules/rule_support.hpp"

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
    out.push_back({"SET NOT NULL on " + table + "." + cmd->column + " scans all of " + table +
                       " under ACCESS EXCLUSIVE",
                   "ALTER TABLE " + table + " ADD CONSTRAINT " + cmd->column + "_not_null CHECK (" +
                       cmd->column + " IS NOT NULL) NOT VALID; then VALIDATE CONSTRAINT " +
                       cmd->column + "_not_null; then SET NOT NULL (no scan), and drop the CHECK",
                   {}});
  }
  return out;
}

}  // namespace migsafe::rules
