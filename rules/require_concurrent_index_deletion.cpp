#include "rules/require_concurrent_index_deletion.hpp"

#include <optional>
#include <string>

#include "rules/rule_support.hpp"
#include "rules/sql/identifier.hpp"

namespace migsafe::rules {

std::vector<Violation> RequireConcurrentIndexDeletion::check(const sql::Statement& statement,
                                                             const Context& context) const {
  const auto* drop = statement.as<sql::Drop>();
  if (!is_postgres(context) || drop == nullptr || drop->object != "index" || drop->concurrent) {
    return {};
  }
  std::vector<Violation> out;
  for (const sql::QualifiedName& index : drop->names) {
    if (context.created_in_migration("index", index.name)) continue;
    // Alembic's DROP INDEX names no table: it is the one the index was created on, in this
    // unit or an earlier one of the project.
    const std::optional<std::string> table = context.schema().table_of_index(index.name);
    if (table && context.created_in_migration("table", *table)) continue;
    out.push_back({"DROP INDEX " + index.display() +
                       " without CONCURRENTLY locks its table ACCESS EXCLUSIVE: reads and writes "
                       "wait behind it",
                   "write DROP INDEX CONCURRENTLY IF EXISTS " + sql::quote_name(index) +
                       " (one index per statement) outside a transaction " + autocommit_hint,
                   {},
                   // Dropped with its table later in the migration: DROP TABLE is what to judge.
                   table.value_or(std::string())});
  }
  return out;
}

}  // namespace migsafe::rules
