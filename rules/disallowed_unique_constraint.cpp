#include "rules/disallowed_unique_constraint.hpp"

#include "rules/rule_support.hpp"

namespace migsafe::rules {

std::vector<Violation> DisallowedUniqueConstraint::check(const sql::Statement& statement,
                                                         const Context& context) const {
  std::vector<Violation> out;
  if (!is_postgres(context)) return out;
  const sql::AlterTable* a = alter_of_existing_table(statement, context);
  if (a == nullptr) return out;
  const std::string table = a->table.display();
  // Written only for a finding: most ALTER TABLEs add no unique constraint.
  auto help = [&] {
    return "CREATE UNIQUE INDEX CONCURRENTLY <name> ON " + table + " (...) " + autocommit_hint +
           ", then ALTER TABLE " + table + " ADD CONSTRAINT <name> UNIQUE USING INDEX <name>";
  };
  for (const auto& cmd : a->commands) {
    if (cmd.kind == sql::AlterKind::add_constraint &&
        cmd.constraint.kind == sql::ConstraintKind::unique && cmd.constraint.using_index.empty()) {
      out.push_back({"ADD CONSTRAINT " + cmd.constraint.name + " UNIQUE on existing table " +
                         table + " builds its index under ACCESS EXCLUSIVE: reads and writes wait",
                     help(),
                     {}});
    }
    if (cmd.kind == sql::AlterKind::add_column && cmd.definition.unique) {
      out.push_back({"ADD COLUMN " + cmd.column + " UNIQUE on existing table " + table +
                         " builds a unique index under ACCESS EXCLUSIVE",
                     "add the column, then " + help(),
                     {}});
    }
  }
  return out;
}

}  // namespace migsafe::rules
