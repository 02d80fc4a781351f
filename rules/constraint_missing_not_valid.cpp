#include "rules/constraint_missing_not_valid.hpp"

#include "rules/rule_support.hpp"
#include "rules/sql/identifier.hpp"

namespace migsafe::rules {

std::vector<Violation> ConstraintMissingNotValid::check(const sql::Statement& statement,
                                                        const Context& context) const {
  std::vector<Violation> out;
  if (!is_postgres(context)) return out;
  const auto* a = statement.as<sql::AlterTable>();
  for (const auto* cmd :
       commands_on_existing_table(statement, context, sql::AlterKind::add_constraint)) {
    const sql::Constraint& c = cmd->constraint;
    const bool fk = c.kind == sql::ConstraintKind::foreign_key;
    if ((!fk && c.kind != sql::ConstraintKind::check) || c.not_valid) continue;
    const std::string table = a->table.display();
    const std::string name = c.name.empty() ? std::string("<name>") : sql::quote_identifier(c.name);
    out.push_back({std::string("ADD CONSTRAINT ") + (c.name.empty() ? "" : c.name + " ") +
                       (fk ? "FOREIGN KEY" : "CHECK") + " on existing table " + table +
                       " without NOT VALID scans every row while holding " +
                       (fk ? "SHARE ROW EXCLUSIVE (writes blocked on " + table + " and " +
                                 (c.references ? c.references->display()
                                               : std::string("the referenced table")) +
                                 ")"
                           : std::string("ACCESS EXCLUSIVE")),
                   "add it with NOT VALID, then ALTER TABLE " + sql::quote_name(a->table) +
                       " VALIDATE CONSTRAINT " + name +
                       " in a separate statement (SHARE UPDATE EXCLUSIVE: reads and writes go on)",
                   {}});
  }
  return out;
}

}  // namespace migsafe::rules
