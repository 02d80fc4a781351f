#include "rules/adding_volatile_default.hpp"

#include "rules/rule_support.hpp"

namespace migsafe::rules {

std::vector<Violation> AddingVolatileDefault::check(const sql::Statement& statement,
                                                    const Context& context) const {
  std::vector<Violation> out;
  if (!is_postgres(context)) return out;
  for (const NewColumn& added : new_columns(statement)) {
    const sql::Column& c = *added.column;
    if (added.new_table || !is_existing_table(context, added.table)) continue;
    std::string why;
    if (c.default_value && c.default_value->volatile_call) {
      const auto& fns = c.default_value->functions;
      why = "its default calls " +
            (fns.empty() ? std::string("a volatile function") : fns.front() + "()") +
            ", which is volatile";
    } else if (c.default_value && context.pg_version() < 11) {
      why = "PostgreSQL " + std::to_string(context.pg_version()) + " rewrites for any default";
    } else if (is_serial(c.type)) {
      why = "a " + c.type.name + " column fills every row from a sequence";
    } else if (c.identity) {
      why = "an identity column fills every row from a sequence";
    } else if (c.generated_stored) {
      why = "a stored generated column is computed for every row";
    } else {
      continue;
    }
    const std::string table = added.table.display();
    out.push_back({"ADD COLUMN " + c.name + " on existing table " + table +
                       " rewrites the whole table "
                       "under ACCESS EXCLUSIVE: " +
                       why,
                   "add the column without a default (or with a constant one), set the default "
                   "with ALTER COLUMN " +
                       c.name + " SET DEFAULT ..., then backfill existing rows in batches",
                   {}});
  }
  return out;
}

}  // namespace migsafe::rules
