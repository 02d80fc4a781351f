#include "rules/renaming_column.hpp"

#include "rules/rule_support.hpp"

namespace migsafe::rules {

std::vector<Violation> RenamingColumn::check(const sql::Statement& statement,
                                             const Context& context) const {
  const auto* r = statement.as<sql::Rename>();
  if (r == nullptr || r->object != "column" || !is_existing_column(context, r->target, r->old_name)) {
    return {};
  }
  const std::string table = r->target.display();
  return single(
      {"RENAME COLUMN " + r->old_name + " TO " + r->new_name + " on " + table +
           ": the code running beside the migration still uses " + r->old_name + " and fails",
       "expand-contract: add " + r->new_name + ", write to both, backfill, move reads to " +
           r->new_name + ", and drop " + r->old_name + " in a later release",
       {}});
}

}  // namespace migsafe::rules
