#include "rules/require_concurrent_reindex.hpp"

#include "rules/rule_support.hpp"
#include "rules/sql/identifier.hpp"

namespace migsafe::rules {

std::vector<Violation> RequireConcurrentReindex::check(const sql::Statement& statement,
                                                       const Context& context) const {
  const auto* m = statement.as<sql::Maintenance>();
  if (m == nullptr || !is_postgres(context) || m->command != "reindex" || m->concurrent) return {};
  // REINDEX SYSTEM has no CONCURRENTLY; CONCURRENTLY came with PostgreSQL 12.
  if (m->object == "system" || context.pg_version() < 12) return {};
  const std::string name = m->relations.empty() ? std::string() : m->relations.front().display();
  // REINDEX SCHEMA / DATABASE name a plain identifier; INDEX / TABLE a relation.
  const std::string quoted =
      m->relations.empty() ? std::string() : sql::quote_name(m->relations.front());
  if (m->object == "index" && !m->relations.empty() &&
      context.created_in_migration("index", m->relations.front().name)) {
    return {};
  }
  if (m->object == "table" && !m->relations.empty() &&
      !is_existing_table(context, m->relations.front())) {
    return {};
  }
  std::string upper = m->object;
  for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  const std::string target = m->object == "index" ? "the table of index " + name
                                                  : (m->object == "table" ? name : "every table");
  return single({"REINDEX " + upper + (name.empty() ? "" : " " + name) +
                     " without CONCURRENTLY takes SHARE on " + target +
                     " (writes blocked) and ACCESS EXCLUSIVE on each index while it is rebuilt "
                     "(reads that use it blocked)",
                 "REINDEX " + upper + " CONCURRENTLY" + (quoted.empty() ? "" : " " + quoted) +
                     ", outside a transaction " + autocommit_hint,
                 {}});
}

}  // namespace migsafe::rules
