#include "rules/changing_column_type.hpp"

#include "rules/rule_support.hpp"

namespace migsafe::rules {
namespace {

bool is_text_like(const sql::TypeRef& type) {
  return type.name == "text" || type.name == "varchar" || type.name == "citext";
}

// Whether PostgreSQL rewrites the table (and rebuilds its indexes) for this change. No
// rewrite without USING: to text or an unbounded varchar from a text-like type, or to a
// varchar at least as long. When the old type is not known (the column is older than the
// SQL seen), a text or varchar target is trusted to be one of those.
bool rewrites(const sql::TypeRef* old_type, const sql::AlterTableCommand& cmd) {
  const sql::TypeRef& type = cmd.definition.type;
  if (cmd.has_using || !is_text_like(type)) return true;
  if (old_type == nullptr) return false;
  if (!is_text_like(*old_type) || old_type->array != type.array) return true;
  if (type.name != "varchar" || type.modifiers.empty()) return false;
  // To a bounded varchar: every value must be checked against the limit.
  const bool old_bounded = old_type->name == "varchar" && !old_type->modifiers.empty();
  return !old_bounded || type.modifiers.front() < old_type->modifiers.front();
}

// ALTER TYPE t ALTER ATTRIBUTE a TYPE x CASCADE, on a composite type this migration did not
// create: CASCADE applies the change to every typed table (CREATE TABLE ... OF t) as an
// ALTER COLUMN TYPE, rewriting each under ACCESS EXCLUSIVE. Without CASCADE the statement
// fails when such a table exists, and a column of the type makes it fail either way, so
// only CASCADE reaches a table. Attributes' old types are not tracked: a text or varchar
// target is trusted, as for a column whose old type is not known.
void check_typed_tables(const sql::AlterTable& a, const Context& context,
                        std::vector<Violation>& out) {
  if (a.object != "type" || !context.existed_before("type", a.table.name)) return;
  for (const sql::AlterTableCommand& cmd : a.commands) {
    if (cmd.kind != sql::AlterKind::alter_column_type || !cmd.cascade) continue;
    if (!rewrites(nullptr, cmd)) continue;
    const std::string type = a.table.display();
    out.push_back({"ALTER ATTRIBUTE " + cmd.column + " TYPE " + cmd.definition.type.display() +
                       " CASCADE on type " + type + " changes the column in every table of that " +
                       "type (CREATE TABLE ... OF " + type +
                       "): it rewrites each and rebuilds their indexes under ACCESS EXCLUSIVE",
                   "detach the typed tables first (ALTER TABLE ... NOT OF: no rewrite), then "
                   "change their columns the safe way: a new column of type " +
                       cmd.definition.type.display() +
                       ", written by the code, backfilled in batches, reads switched, the old "
                       "column dropped in a later migration",
                   {}});
  }
}

}  // namespace

std::vector<Violation> ChangingColumnType::check(const sql::Statement& statement,
                                                 const Context& context) const {
  std::vector<Violation> out;
  if (!is_postgres(context)) return out;
  const auto* a = statement.as<sql::AlterTable>();
  if (a != nullptr) check_typed_tables(*a, context, out);
  for (const auto* cmd :
       commands_on_existing_table(statement, context, sql::AlterKind::alter_column_type)) {
    const sql::TypeRef* old_type = context.schema().column_type(a->table.name, cmd->column);
    if (!rewrites(old_type, *cmd)) continue;
    const std::string table = a->table.display();
    out.push_back({"ALTER COLUMN " + cmd->column + " TYPE " + cmd->definition.type.display() +
                       (old_type != nullptr ? " (was " + old_type->display() + ")" : "") +
                       " on " + table +
                       " rewrites the table and rebuilds its indexes under ACCESS EXCLUSIVE",
                   "add a new column of type " + cmd->definition.type.display() +
                       ", write to both from the code, backfill in batches, then switch reads and "
                       "drop the old column in a later migration",
                   {}});
  }
  return out;
}

}  // namespace migsafe::rules
