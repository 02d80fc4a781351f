#include "rules/ban_drop_column.hpp"

#include "rules/rule_support.hpp"

namespace migsafe::rules {
namespace {

// ALTER TYPE t DROP ATTRIBUTE a CASCADE, on a composite type this migration did not create,
// drops column a of every typed table (CREATE TABLE ... OF t). Without CASCADE PostgreSQL
// refuses when such a table exists, so only CASCADE reaches one.
void dropped_from_typed_tables(const sql::AlterTable& a, const Context& context,
                               std::vector<Violation>& out) {
  if (a.object != "type" || !context.existed_before("type", a.table.name)) return;
  const std::string type = a.table.display();
  for (const sql::AlterTableCommand& cmd : a.commands) {
    if (cmd.kind != sql::AlterKind::drop_column || !cmd.cascade) continue;
    out.push_back({"DROP ATTRIBUTE " + cmd.column + " CASCADE on type " + type +
                       " drops the column from every table of that type (CREATE TABLE ... OF " +
                       type + "): code still reading or writing " + cmd.column + " fails",
                   "first release code that no longer uses " + cmd.column +
                       " in the tables of type " + type +
                       ", then drop the attribute in a later "
                       "migration",
                   {}});
  }
}

}  // namespace

std::vector<Violation> BanDropColumn::check(const sql::Statement& statement,
                                            const Context& context) const {
  std::vector<Violation> out;
  const auto* a = statement.as<sql::AlterTable>();
  if (a != nullptr) dropped_from_typed_tables(*a, context, out);
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
