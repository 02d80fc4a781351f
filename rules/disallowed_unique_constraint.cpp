#include "rules/disallowed_unique_constraint.hpp"

#include "rules/rule_support.hpp"
#include "rules/sql/identifier.hpp"

namespace migsafe::rules {

std::vector<Violation> DisallowedUniqueConstraint::check(const sql::Statement& statement,
                                                         const Context& context) const {
  std::vector<Violation> out;
  if (!is_postgres(context)) return out;
  const sql::AlterTable* a = alter_of_existing_table(statement, context);
  if (a == nullptr) return out;
  const std::string table = a->table.display();
  // Written only for a finding: most ALTER TABLEs add no unique constraint. An unnamed
  // one gets the name PostgreSQL would give it, <table>_<columns>_key.
  auto help = [&](const std::string& name, const std::vector<std::string>& columns) {
    std::string default_name = a->table.name;
    for (const std::string& column : columns) default_name += "_" + column;
    const std::string index = sql::quote_identifier(name.empty() ? default_name + "_key" : name);
    const std::string sql_table = sql::quote_name(a->table);
    return "CREATE UNIQUE INDEX CONCURRENTLY " + index + " ON " + sql_table + " (" +
           sql::quote_identifiers(columns) + ") " + autocommit_hint + ", then ALTER TABLE " +
           sql_table + " ADD CONSTRAINT " + index + " UNIQUE USING INDEX " + index;
  };
  for (const auto& cmd : a->commands) {
    if (cmd.kind == sql::AlterKind::add_constraint &&
        cmd.constraint.kind == sql::ConstraintKind::unique && cmd.constraint.using_index.empty()) {
      out.push_back({"ADD CONSTRAINT " + cmd.constraint.name + " UNIQUE on existing table " +
                         table + " builds its index under ACCESS EXCLUSIVE: reads and writes wait",
                     help(cmd.constraint.name, cmd.constraint.columns),
                     {}});
    }
    if (cmd.kind == sql::AlterKind::add_column && cmd.definition.unique) {
      out.push_back({"ADD COLUMN " + cmd.column + " UNIQUE on existing table " + table +
                         " builds a unique index under ACCESS EXCLUSIVE",
                     "add the column, then " + help(std::string(), {cmd.column}),
                     {}});
    }
  }
  return out;
}

}  // namespace migsafe::rules
