#include "rules/adding_required_field.hpp"

#include "rules/rule_support.hpp"
#include "rules/sql/identifier.hpp"

namespace migsafe::rules {

std::vector<Violation> AddingRequiredField::check(const sql::Statement& statement,
                                                  const Context& context) const {
  std::vector<Violation> out;
  for (const NewColumn& added : new_columns(statement)) {
    const sql::Column& c = *added.column;
    if (added.new_table || !is_existing_table(context, added.table)) continue;
    if (!c.not_null || c.default_value || c.identity || c.generated_stored || is_serial(c.type)) {
      continue;
    }
    const std::string table = added.table.display();
    out.push_back({"ADD COLUMN " + c.name + " " + c.type.display() +
                       " NOT NULL on existing table " + table +
                       " has no default: it fails as soon as " + table + " has a row",
                   "add the column nullable (or with a DEFAULT), backfill it in batches, then add "
                   "CHECK (" +
                       sql::quote_identifier(c.name) +
                       " IS NOT NULL) NOT VALID, VALIDATE it, and SET NOT NULL",
                   {}});
  }
  return out;
}

}  // namespace migsafe::rules
