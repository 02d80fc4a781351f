#include "rules/changing_column_type.hpp"

#include "rules/rule_support.hpp"

namespace migsafe::rules {
namespace {

// Changes PostgreSQL makes without a rewrite when no USING is given: to text, or to an
// unbounded or (we assume) wider varchar. The old type is not in the SQL, so a
// varchar(m) target is trusted to be widening.
bool binary_coercible_target(const sql::TypeRef& type) {
  return type.name == "text" || type.name == "varchar" || type.name == "citext";
}

}  // namespace

std::vector<Violation> ChangingColumnType::check(const sql::Statement& statement,
                                                 const Context& context) const {
  std::vector<Violation> out;
  if (!is_postgres(context)) return out;
  const auto* a = statement.as<sql::AlterTable>();
  for (const auto* cmd :
       commands_on_existing_table(statement, context, sql::AlterKind::alter_column_type)) {
    if (binary_coercible_target(cmd->definition.type) && !cmd->has_using) continue;
    const std::string table = a->table.display();
    out.push_back({"ALTER COLUMN " + cmd->column + " TYPE " + cmd->definition.type.display() +
                       " on " + table +
                       " rewrites the table and rebuilds its indexes under ACCESS EXCLUSIVE",
                   "add a new column of type " + cmd->definition.type.display() +
                       ", write to both from the code, backfill in batches, then switch reads and "
                       "drop the old column in a later migration",
                   {}});
  }
  return out;
}

}  // namespace migsafe::rules
