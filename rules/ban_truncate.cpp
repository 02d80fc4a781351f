#include "rules/ban_truncate.hpp"

#include "rules/rule_support.hpp"

namespace migsafe::rules {

std::vector<Violation> BanTruncate::check(const sql::Statement& statement,
                                          const Context& context) const {
  const auto* t = statement.as<sql::Truncate>();
  if (t == nullptr) return {};
  std::string names;
  bool any_existing = false;
  for (const auto& table : t->tables) {
    names += (names.empty() ? "" : ", ") + table.display();
    any_existing = any_existing || is_existing_table(context, table);
  }
  if (!any_existing && !t->cascade) return {};
  return {
      {"TRUNCATE " + names +
           (t->cascade ? " CASCADE also empties every table with a foreign key to it" : "") +
           ": every row is deleted under ACCESS EXCLUSIVE, and the deploy cannot be rolled back",
       "delete the rows you mean to remove with a batched DELETE ... WHERE, or move the data "
       "away in a separate, reviewed operation",
       {}}};
}

}  // namespace migsafe::rules
