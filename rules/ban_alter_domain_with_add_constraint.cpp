#include "rules/ban_alter_domain_with_add_constraint.hpp"

#include "rules/rule_support.hpp"

namespace migsafe::rules {

std::vector<Violation> BanAlterDomainWithAddConstraint::check(const sql::Statement& statement,
                                                              const Context& context) const {
  const auto* d = statement.as<sql::AlterDomain>();
  if (d == nullptr || !is_postgres(context)) return {};
  // A domain this migration created is used by no column of an older table.
  if (context.created_in_migration("type", d->name.name)) return {};
  std::string form;
  if (d->action == sql::DomainAction::add_constraint && !d->not_valid) form = "ADD CONSTRAINT";
  if (d->action == sql::DomainAction::set_not_null) form = "SET NOT NULL";
  if (d->action == sql::DomainAction::validate_constraint) form = "VALIDATE CONSTRAINT";
  if (form.empty()) return {};
  return single({"ALTER DOMAIN " + d->name.display() + " " + form +
                     " checks every row of every table with a column of that domain, holding "
                     "SHARE on each (writes blocked) until done",
                 "put the rule on the columns instead: a CHECK ... NOT VALID on each table, then "
                 "VALIDATE CONSTRAINT per table (SHARE UPDATE EXCLUSIVE: reads and writes go on)",
                 {}});
}

}  // namespace migsafe::rules
