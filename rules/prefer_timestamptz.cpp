#include "rules/prefer_timestamptz.hpp"

#include "rules/rule_support.hpp"

namespace migsafe::rules {

std::vector<Violation> PreferTimestamptz::check(const sql::Statement& statement,
                                                const Context& context) const {
  std::vector<Violation> out;
  if (!is_postgres(context)) return out;
  const std::string help = "use timestamptz (timestamp with time zone)";
  for (const NewColumn& added : new_columns(statement)) {
    const sql::Column& c = *added.column;
    if (c.type.name != "timestamp") continue;
    out.push_back({"column " + added.table.display() + "." + c.name +
                       " is timestamp without time zone: values lose their offset and compare "
                       "wrongly across time zones",
                   help,
                   {}});
  }
  if (const auto* a = statement.as<sql::AlterTable>()) {
    for (const auto& cmd : a->commands) {
      if (cmd.kind != sql::AlterKind::alter_column_type || cmd.definition.type.name != "timestamp")
        continue;
      out.push_back({"ALTER COLUMN " + cmd.column + " TYPE timestamp on " + a->table.display() +
                         " drops the time zone",
                     help,
                     {}});
    }
  }
  return out;
}

}  // namespace migsafe::rules
