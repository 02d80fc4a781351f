#include "rules/prefer_text_field.hpp"

#include "rules/rule_support.hpp"

namespace migsafe::rules {

std::vector<Violation> PreferTextField::check(const sql::Statement& statement,
                                              const Context& context) const {
  std::vector<Violation> out;
  if (!is_postgres(context)) return out;
  const std::string help =
      "use text, with CHECK (char_length(col) <= n) NOT VALID if the limit matters: changing a "
      "CHECK later needs no rewrite";
  for (const NewColumn& added : new_columns(statement)) {
    const sql::Column& c = *added.column;
    if (c.type.name != "varchar" || c.type.modifiers.empty()) continue;
    out.push_back({"column " + added.table.display() + "." + c.name + " is " + c.type.display() +
                       ": raising the limit later is an ALTER COLUMN TYPE under ACCESS EXCLUSIVE",
                   help,
                   {}});
  }
  if (const auto* a = statement.as<sql::AlterTable>()) {
    for (const auto& cmd : a->commands) {
      if (cmd.kind != sql::AlterKind::alter_column_type || cmd.definition.type.name != "varchar" ||
          cmd.definition.type.modifiers.empty()) {
        continue;
      }
      out.push_back({"ALTER COLUMN " + cmd.column + " TYPE " + cmd.definition.type.display() +
                         " on " + a->table.display() +
                         " keeps a length limit the next change must rewrite",
                     help,
                     {}});
    }
  }
  return out;
}

}  // namespace migsafe::rules
