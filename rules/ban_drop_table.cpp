#include "rules/ban_drop_table.hpp"

#include "rules/rule_support.hpp"

namespace migsafe::rules {

std::vector<Violation> BanDropTable::check(const sql::Statement& statement,
                                           const Context& context) const {
  const auto* d = statement.as<sql::Drop>();
  if (d == nullptr || d->object != "table") return {};
  std::vector<Violation> out;
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
