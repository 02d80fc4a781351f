#include "rules/ban_drop_table.hpp"

#include "rules/rule_support.hpp"

namespace migsafe::rules {

std::vector<Violation> BanDropTable::check(const sql::Statement& statement,
                                           const Context& context) const {
  const auto* d = statement.as<sql::Drop>();
  if (d == nullptr) return {};
  std::vector<Violation> out;
  // DROP SCHEMA ... CASCADE drops every table in it, under ACCESS EXCLUSIVE on each.
  if (d->object == "schema" && d->cascade) {
    for (const sql::QualifiedName& schema : d->names) {
      if (context.created_in_migration("schema", schema.name)) continue;
      out.push_back({"DROP SCHEMA " + schema.display() +
                         " CASCADE drops every table in it: code still using them fails, and "
                         "their data is gone",
                     "drop the tables one by one, each in a migration after the code stopped "
                     "using it (keep a backup)",
                     {}});
    }
    return out;
  }
  if (d->object != "table") return {};
  for (const sql::QualifiedName& table : d->names) {
    if (!is_existing_table(context, table)) continue;
    out.push_back({"DROP TABLE " + table.display() + (d->cascade ? " CASCADE" : "") +
                       ": code still using " + table.display() + " fails, and its data is gone",
                   "first release code that no longer uses " + table.display() +
                       ", then drop it in a later migration (keep a backup)",
                   {}});
  }
  return out;
}

}  // namespace migsafe::rules
