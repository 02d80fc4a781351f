#include "rules/unbatched_backfill.hpp"

#include "rules/rule_support.hpp"

namespace migsafe::rules {

std::vector<Violation> UnbatchedBackfill::check(const sql::Statement& statement,
                                                const Context& context) const {
  const auto* m = statement.as<sql::Dml>();
  if (m == nullptr || m->kind == sql::DmlKind::insert_values || m->has_limit_subquery ||
      !is_existing_table(context, m->table)) {
    return {};
  }
  static const char* const verbs[] = {"UPDATE", "DELETE FROM", "INSERT ... SELECT into", ""};
  const std::string table = m->table.display();
  return single({std::string(verbs[static_cast<int>(m->kind)]) + " " + table +
                     (m->has_where ? "" : " touches every row and") + " holds row locks on " +
                     table + " until the migration's transaction commits",
                 "backfill in batches outside the migration transaction: repeat UPDATE " + table +
                     " SET ... WHERE id IN (SELECT id FROM " + table +
                     " WHERE ... LIMIT 1000) and commit each batch",
                 {}});
}

}  // namespace migsafe::rules
