#include "rules/changing_table_storage.hpp"

#include "rules/rule_support.hpp"

namespace migsafe::rules {
namespace {

// The ALTER TABLE sub-forms that copy every row into a new file: "" for the others.
std::string rewriting_form(const sql::AlterTableCommand& cmd) {
  if (cmd.subtype == "AT_SetTableSpace") return "SET TABLESPACE " + cmd.column;
  if (cmd.subtype == "AT_SetLogged") return "SET LOGGED";
  if (cmd.subtype == "AT_SetUnLogged") return "SET UNLOGGED";
  if (cmd.subtype == "AT_SetAccessMethod") return "SET ACCESS METHOD " + cmd.column;
  return {};
}

}  // namespace

std::vector<Violation> ChangingTableStorage::check(const sql::Statement& statement,
                                                   const Context& context) const {
  std::vector<Violation> out;
  if (!is_postgres(context)) return out;
  const auto* a = alter_of_existing_table(statement, context);
  if (a == nullptr || a->object == "index") return out;
  for (const sql::AlterTableCommand& cmd : a->commands) {
    const std::string form = rewriting_form(cmd);
    if (form.empty()) continue;
    out.push_back({form + " on " + a->table.display() +
                       " copies the whole table and rebuilds its indexes under ACCESS "
                       "EXCLUSIVE: reads and writes wait until the copy is done",
                   "there is no online form: run it in a maintenance window with lock_timeout "
                   "set, or rebuild the table online with pg_repack (--tablespace for a move)",
                   {}});
  }
  return out;
}

}  // namespace migsafe::rules
