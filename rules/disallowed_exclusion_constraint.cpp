#include "rules/disallowed_exclusion_constraint.hpp"

#include "rules/rule_support.hpp"

namespace migsafe::rules {

std::vector<Violation> DisallowedExclusionConstraint::check(const sql::Statement& statement,
                                                            const Context& context) const {
  std::vector<Violation> out;
  if (!is_postgres(context)) return out;
  const auto* a = statement.as<sql::AlterTable>();
  for (const auto* cmd :
       commands_on_existing_table(statement, context, sql::AlterKind::add_constraint)) {
    if (cmd->constraint.kind != sql::ConstraintKind::exclusion) continue;
    const std::string& name = cmd->constraint.name;
    out.push_back({"ADD CONSTRAINT " + (name.empty() ? std::string() : name + " ") +
                       "EXCLUDE on existing table " + a->table.display() +
                       " builds its index and checks every row under ACCESS EXCLUSIVE",
                   "an exclusion constraint has no NOT VALID or USING INDEX form: add it to a "
                   "new table and move the rows over, or add it in a maintenance window with "
                   "lock_timeout set",
                   {}});
  }
  return out;
}

}  // namespace migsafe::rules
