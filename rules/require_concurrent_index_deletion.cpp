#include "rules/require_concurrent_index_deletion.hpp"

#include "rules/rule_support.hpp"

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
    out.push_back({"DROP INDEX " + index.display() +
                       " without CONCURRENTLY locks its table ACCESS EXCLUSIVE: reads and writes "
                       "wait behind it",
                   "write DROP INDEX CONCURRENTLY IF EXISTS " + index.display() +
                       " (one index per statement) outside a transaction " + autocommit_hint,
                   {}});
  }
  return out;
}

}  // namespace migsafe::rules
