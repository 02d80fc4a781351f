#include "rules/referencing_existing_table.hpp"

#include <set>

#include "rules/rule_support.hpp"
#include "rules/sql/text_case.hpp"

namespace migsafe::rules {

std::vector<Violation> ReferencingExistingTable::check(const sql::Statement& statement,
                                                       const Context& context) const {
  const auto* t = statement.as<sql::CreateTable>();
  if (t == nullptr || !is_postgres(context) || context.lock_timeout_set()) return {};
  // Every table the new one's foreign keys point at, once, in the order written.
  std::vector<sql::QualifiedName> referenced;
  std::set<std::string> seen;
  const auto add = [&](const sql::QualifiedName& ref) {
    if (sql::to_lower(ref.name) == sql::to_lower(t->name.name)) return;  // itself
    if (!is_existing_table(context, ref)) return;
    if (seen.insert(sql::to_lower(ref.display())).second) referenced.push_back(ref);
  };
  for (const sql::Column& c : t->columns) {
    if (c.references) add(*c.references);
  }
  for (const sql::Constraint& c : t->constraints) {
    if (c.kind == sql::ConstraintKind::foreign_key && c.references) add(*c.references);
  }
  std::vector<Violation> out;
  for (const sql::QualifiedName& ref : referenced) {
    out.push_back({"CREATE TABLE " + t->name.display() + " with a foreign key to existing table " +
                       ref.display() + " takes SHARE ROW EXCLUSIVE on " + ref.display() +
                       " with no lock_timeout set: while it waits behind a long transaction, "
                       "every write to " +
                       ref.display() + " queues behind it",
                   "SET lock_timeout = '2s'; earlier in the migration (or set it on the "
                   "connection and tell migsafe: lock_timeout_set_by), and retry on timeout",
                   "SHARE ROW EXCLUSIVE on " + ref.display() + ": blocks writes"});
  }
  return out;
}

}  // namespace migsafe::rules
