#include "rules/adding_primary_key.hpp"

#include "rules/rule_support.hpp"

namespace migsafe::rules {

std::vector<Violation> AddingPrimaryKey::check(const sql::Statement& statement,
                                               const Context& context) const {
  std::vector<Violation> out;
  if (!is_postgres(context)) return out;
  const sql::AlterTable* a = alter_of_existing_table(statement, context);
  if (a == nullptr) return out;
  const std::string table = a->table.display();
  // Written only for a finding: most ALTER TABLEs add no key.
  auto help = [&] {
    return "CREATE UNIQUE INDEX CONCURRENTLY " + a->table.name + "_pkey ON " + table + " (...) " +
           autocommit_hint + ", then ALTER TABLE " + table + " ADD CONSTRAINT " + a->table.name +
           "_pkey PRIMARY KEY USING INDEX " + a->table.name + "_pkey";
  };
  for (const auto& cmd : a->commands) {
    if (cmd.kind == sql::AlterKind::add_constraint &&
        cmd.constraint.kind == sql::ConstraintKind::primary_key &&
        cmd.constraint.using_index.empty()) {
      std::string cols;
      for (const auto& c : cmd.constraint.columns) cols += (cols.empty() ? "" : ", ") + c;
      out.push_back({"ADD PRIMARY KEY (" + cols + ") on existing table " + table +
                         " builds its index under ACCESS EXCLUSIVE: reads and writes wait",
                     help(),
                     {}});
    }
    if (cmd.kind == sql::AlterKind::add_column && cmd.definition.primary_key) {
      out.push_back({"ADD COLUMN " + cmd.column + " PRIMARY KEY on existing table " + table +
                         " fills the column and builds the key's index under ACCESS EXCLUSIVE",
                     help(),
                     {}});
    }
  }
  return out;
}

}  // namespace migsafe::rules
