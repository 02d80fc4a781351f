#include "rules/ban_drop_column.hpp"

#include "rules/rule_support.hpp"

namespace migsafe::rules {

std::vector<Violation> BanDropColumn::check(const sql::Statement& statement,
                                            const Context& context) const {
  std::vector<Violation> out;
  const auto* a = statement.as<sql::AlterTable>();
  for (const auto* cmd :
       commands_on_existing_table(statement, context, sql::AlterKind::drop_column)) {
    if (!is_existing_column(context, a->table, cmd->column)) continue;
    out.push_back({"DROP COLUMN " + cmd->column + " on " + a->table.display() +
                       ": code still reading or writing " + cmd->column + " fails",
                   "first release code that no longer uses " + cmd->column +
                       " (SQLAlchemy: remove it from the model), then drop the column in a later "
                       "migration",
                   {},
                   // DROP TABLE later in the migration: that is the statement to judge.
                   a->table.name});
  }
  return out;
}

}  // namespace migsafe::rules
