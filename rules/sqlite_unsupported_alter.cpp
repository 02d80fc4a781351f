#include "rules/sqlite_unsupported_alter.hpp"

#include "rules/rule_support.hpp"

namespace migsafe::rules {
namespace {

// SQLite's ALTER TABLE can only rename the table, rename/add/drop a column.
std::string unsupported(const sql::AlterTableCommand& cmd) {
  switch (cmd.kind) {
    case sql::AlterKind::alter_column_type:
      return "ALTER COLUMN " + cmd.column + " TYPE";
    case sql::AlterKind::set_not_null:
      return "ALTER COLUMN " + cmd.column + " SET NOT NULL";
    case sql::AlterKind::drop_not_null:
      return "ALTER COLUMN " + cmd.column + " DROP NOT NULL";
    case sql::AlterKind::set_default:
      return "ALTER COLUMN " + cmd.column + " SET DEFAULT";
    case sql::AlterKind::drop_default:
      return "ALTER COLUMN " + cmd.column + " DROP DEFAULT";
    case sql::AlterKind::set_expression:
      return "ALTER COLUMN " + cmd.column + " SET EXPRESSION";
    case sql::AlterKind::add_constraint:
      return "ADD CONSTRAINT";
    case sql::AlterKind::drop_constraint:
      return "DROP CONSTRAINT " + cmd.column;
    case sql::AlterKind::add_column:
      if (cmd.definition.primary_key || cmd.definition.unique) {
        return "ADD COLUMN " + cmd.column + " with PRIMARY KEY or UNIQUE";
      }
      if (cmd.definition.not_null && !cmd.definition.default_value) {
        return "ADD COLUMN " + cmd.column + " NOT NULL without a default";
      }
      return {};
    case sql::AlterKind::drop_column:
      return {};
    default:
      return cmd.subtype;
  }
}

}  // namespace

std::vector<Violation> SqliteUnsupportedAlter::check(const sql::Statement& statement,
                                                     const Context& context) const {
  std::vector<Violation> out;
  const auto* a = statement.as<sql::AlterTable>();
  if (context.dialect() != Dialect::sqlite || a == nullptr) return out;
  for (const auto& cmd : a->commands) {
    const std::string what = unsupported(cmd);
    if (what.empty()) continue;
    out.push_back({what + " on " + a->table.display() + ": SQLite's ALTER TABLE cannot do this",
                   "in Alembic, wrap it in `with op.batch_alter_table(\"" + a->table.name +
                       "\") as batch_op:` so the table is copied and recreated",
                   "SQLite: the whole database is locked for writing while it runs"});
  }
  return out;
}

}  // namespace migsafe::rules
