#include "rules/adding_primary_key.hpp"

#include "rules/rule_support.hpp"
#include "rules/sql/identifier.hpp"

namespace migsafe::rules {

std::vector<Violation> AddingPrimaryKey::check(const sql::Statement& statement,
                                               const Context& context) const {
  std::vector<Violation> out;
  if (!is_postgres(context)) return out;
  const sql::AlterTable* a = alter_of_existing_table(statement, context);
  if (a == nullptr) return out;
  const std::string table = a->table.display();
  // Written only for a finding: most ALTER TABLEs add no key. The index takes the
  // constraint's name (PostgreSQL's <table>_pkey when it has none), as USING INDEX does.
  auto help = [&](const std::string& name, const std::vector<std::string>& columns) {
    const std::string index = sql::quote_identifier(name.empty() ? a->table.name + "_pkey" : name);
    const std::string sql_table = sql::quote_name(a->table);
    return "CREATE UNIQUE INDEX CONCURRENTLY " + index + " ON " + sql_table + " (" +
           sql::quote_identifiers(columns) + ") " + autocommit_hint + ", then ALTER TABLE " +
           sql_table + " ADD CONSTRAINT " + index + " PRIMARY KEY USING INDEX " + index;
  };
  for (const auto& cmd : a->commands) {
    if (cmd.kind == sql::AlterKind::add_constraint &&
        cmd.constraint.kind == sql::ConstraintKind::primary_key &&
        cmd.constraint.using_index.empty()) {
      std::string cols;
      for (const auto& c : cmd.constraint.columns) cols += (cols.empty() ? "" : ", ") + c;
      out.push_back({"ADD PRIMARY KEY (" + cols + ") on existing table " + table +
                         " builds its index under ACCESS EXCLUSIVE: reads and writes wait",
                     help(cmd.constraint.name, cmd.constraint.columns),
                     {}});
    }
    if (cmd.kind == sql::AlterKind::add_column && cmd.definition.primary_key) {
      out.push_back(
          {"ADD COLUMN " + cmd.column + " PRIMARY KEY on existing table " + table +
               " fills the column and builds the key's index under ACCESS EXCLUSIVE",
           "add the column without the key and fill it, then " + help(std::string(), {cmd.column}),
           {}});
    }
  }
  return out;
}

}  // namespace migsafe::rules
