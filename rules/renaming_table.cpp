#include "rules/renaming_table.hpp"

#include "rules/rule_support.hpp"

namespace migsafe::rules {

std::vector<Violation> RenamingTable::check(const sql::Statement& statement,
                                            const Context& context) const {
  const auto* r = statement.as<sql::Rename>();
  if (r == nullptr || r->object != "table" || !is_existing_table(context, r->target)) return {};
  const std::string table = r->target.display();
  return single(
      {"RENAME TABLE " + table + " TO " + r->new_name +
           ": the code running beside the migration still queries " + table + " and fails",
       "create " + r->new_name + " (or a view named " + table + " over it), move the code to " +
           r->new_name + ", and drop the old name in a later release",
       {}});
}

}  // namespace migsafe::rules
