#include "rules/require_concurrent_refresh.hpp"

#include "rules/rule_support.hpp"
#include "rules/sql/identifier.hpp"

namespace migsafe::rules {

std::vector<Violation> RequireConcurrentRefresh::check(const sql::Statement& statement,
                                                       const Context& context) const {
  const auto* m = statement.as<sql::Maintenance>();
  if (m == nullptr || !is_postgres(context) || m->command != "refresh materialized view" ||
      m->concurrent || m->relations.empty()) {
    return {};
  }
  const sql::QualifiedName& view = m->relations.front();
  // A view this migration created has no readers yet.
  if (context.created_in_migration("materialized view", view.name)) return {};
  return single({"REFRESH MATERIALIZED VIEW " + view.display() +
                     " without CONCURRENTLY rebuilds it under ACCESS EXCLUSIVE: every read of " +
                     view.display() + " waits until the query behind it has run",
                 "REFRESH MATERIALIZED VIEW CONCURRENTLY " + sql::quote_name(view) +
                     " (needs a unique index on the view; takes EXCLUSIVE, so reads go on)",
                 {}});
}

}  // namespace migsafe::rules
