#include "rules/require_concurrent_index_creation.hpp"

#include "rules/rule_support.hpp"

namespace migsafe::rules {

std::vector<Violation> RequireConcurrentIndexCreation::check(const sql::Statement& statement,
                                                             const Context& context) const {
  const auto* index = statement.as<sql::CreateIndex>();
  if (!is_postgres(context) || index == nullptr || index->concurrent ||
      !is_existing_table(context, index->table)) {
    return {};
  }
  const std::string name = index->name.empty() ? std::string("an index") : "index " + index->name;
  const std::string table = index->table.display();
  return single({"CREATE INDEX builds " + name + " on existing table " + table +
                     " without CONCURRENTLY: writes to " + table + " wait until the build finishes",
                 std::string("write CREATE ") + (index->unique ? "UNIQUE " : "") +
                     "INDEX CONCURRENTLY IF NOT EXISTS " +
                     (index->name.empty() ? std::string("<name>") : index->name) + " ON " + table +
                     " (...) outside a transaction " + autocommit_hint,
                 {}});
}

}  // namespace migsafe::rules
