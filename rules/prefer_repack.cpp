#include "rules/prefer_repack.hpp"

#include "rules/rule_support.hpp"

namespace migsafe::rules {

std::vector<Violation> PreferRepack::check(const sql::Statement& statement,
                                           const Context& context) const {
  const auto* m = statement.as<sql::Maintenance>();
  if (m == nullptr || !is_postgres(context)) return {};
  const bool vacuum_full = m->command == "vacuum" && m->full;
  if (!vacuum_full && m->command != "cluster") return {};
  // Without a table named, every table of the database (CLUSTER: every one clustered before).
  std::string names;
  bool any_existing = m->relations.empty();
  for (const auto& table : m->relations) {
    names += (names.empty() ? "" : ", ") + table.display();
    any_existing = any_existing || is_existing_table(context, table);
  }
  if (!any_existing) return {};  // a table this migration created is still empty
  const std::string command = vacuum_full ? "VACUUM FULL" : "CLUSTER";
  return single({command + " " + (names.empty() ? std::string("of every table") : names) +
                     " rewrites the whole table under ACCESS EXCLUSIVE: reads and writes wait "
                     "until the copy is done",
                 "rebuild it online with pg_repack (or pg_squeeze), outside the migration: "
                 "reads and writes go on and ACCESS EXCLUSIVE is held only for the final swap",
                 {}});
}

}  // namespace migsafe::rules
