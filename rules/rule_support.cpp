#include "rules/rule_support.hpp"

namespace migsafe::rules {

using namespace sql;

bool is_existing_table(const Context& context, const QualifiedName& table) {
  return context.existed_before("table", table.name);
}

bool is_serial(const TypeRef& type) {
  return type.name == "serial" || type.name == "bigserial" || type.name == "smallserial" ||
         type.name == "serial2" || type.name == "serial4" || type.name == "serial8";
}

bool is_small_integer(const TypeRef& type) {
  return type.name == "int2" || type.name == "int4" || type.name == "serial" ||
         type.name == "serial4" || type.name == "serial2" || type.name == "smallserial" ||
         type.name == "int" || type.name == "integer" || type.name == "smallint";
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
