#include "rules/adding_volatile_default.hpp"

#include <optional>
#include <string>

#include "rules/rule_support.hpp"

namespace migsafe::rules {
namespace {

// The function that makes a default volatile: one not known IMMUTABLE or STABLE and not
// declared so by this migration; "" when the default draws from a sequence; nullopt when
// the default is evaluated once.
std::optional<std::string> volatile_function(const sql::Expression& value, const Context& context) {
  if (!value.volatile_call) return std::nullopt;
  if (value.draws_from_sequence) return std::string();
  for (const std::string& function : value.assumed_volatile) {
    if (!context.declared_non_volatile(function)) return function;
  }
  return std::nullopt;
}

}  // namespace

std::vector<Violation> AddingVolatileDefault::check(const sql::Statement& statement,
                                                    const Context& context) const {
  std::vector<Violation> out;
  if (!is_postgres(context)) return out;
  for (const NewColumn& added : new_columns(statement)) {
    const sql::Column& c = *added.column;
    if (added.new_table || !is_existing_table(context, added.table)) continue;
    std::string why;
    const auto function =
        c.default_value ? volatile_function(*c.default_value, context) : std::nullopt;
    if (function) {
      why = "its default calls " +
            (function->empty() ? std::string("a volatile function") : *function + "()") +
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
