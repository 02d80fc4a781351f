#include "rules/rule_support.hpp"

#include <string_view>

namespace migsafe::rules {

using namespace sql;

bool is_existing_table(const Context& context, const QualifiedName& table) {
  return context.existed_before("table", table.name);
}

bool is_existing_column(const Context& context, const QualifiedName& table,
                        const std::string& column) {
  return is_existing_table(context, table) &&
         !context.column_created_in_migration(table.name, column);
}

// Compared as string_views: a name of another length is told apart without strlen.
bool is_serial(const TypeRef& type) {
  const std::string_view n = type.name;
  return n == "serial" || n == "bigserial" || n == "smallserial" || n == "serial2" ||
         n == "serial4" || n == "serial8";
}

bool is_small_integer(const TypeRef& type) {
  const std::string_view n = type.name;
  return n == "int2" || n == "int4" || n == "serial" || n == "serial4" || n == "serial2" ||
         n == "smallserial" || n == "int" || n == "integer" || n == "smallint";
}

std::vector<NewColumn> new_columns(const Statement& statement) {
  std::vector<NewColumn> out;
  if (const auto* t = statement.as<CreateTable>()) {
    for (const Column& c : t->columns) out.push_back({t->name, &c, true});
  }
  if (const auto* a = statement.as<AlterTable>()) {
    for (const AlterTableCommand& cmd : a->commands) {
      if (cmd.kind == AlterKind::add_column) out.push_back({a->table, &cmd.definition, false});
    }
  }
  return out;
}

const AlterTable* alter_of_existing_table(const Statement& statement, const Context& context) {
  const auto* a = statement.as<AlterTable>();
  if (a == nullptr || a->object != "table" || !is_existing_table(context, a->table)) return nullptr;
  return a;
}

std::vector<const AlterTableCommand*> commands_on_existing_table(const Statement& statement,
                                                                 const Context& context,
                                                                 AlterKind kind) {
  std::vector<const AlterTableCommand*> out;
  const AlterTable* a = alter_of_existing_table(statement, context);
  if (a == nullptr) return out;
  for (const AlterTableCommand& cmd : a->commands) {
    if (cmd.kind == kind) out.push_back(&cmd);
  }
  return out;
}

}  // namespace migsafe::rules
