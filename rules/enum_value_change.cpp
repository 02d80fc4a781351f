#include "rules/enum_value_change.hpp"

#include "rules/rule_support.hpp"
#include "rules/sql/identifier.hpp"

namespace migsafe::rules {

std::vector<Violation> EnumValueChange::check(const sql::Statement& statement,
                                              const Context& context) const {
  std::vector<Violation> out;
  if (!is_postgres(context)) return out;
  if (const auto* e = statement.as<sql::AlterEnum>()) {
    const std::string type = e->type.display();
    if (!e->old_value.empty()) {
      out.push_back({"RENAME VALUE '" + e->old_value + "' TO '" + e->new_value + "' on enum " +
                         type + ": code still writing '" + e->old_value + "' fails",
                     "add the new value, move the code and the rows to it, and stop using the old "
                     "one (enum values cannot be dropped)",
                     "no table lock: the enum change takes effect for everyone at commit"});
    } else if (context.in_transaction() && context.pg_version() < 12) {
      out.push_back({"ALTER TYPE " + type + " ADD VALUE '" + e->new_value +
                         "' inside a transaction block fails before PostgreSQL 12",
                     "run it outside the transaction " + std::string(autocommit_hint),
                     "no table lock"});
    }
    return out;
  }
  if (const auto* d = statement.as<sql::Drop>(); d != nullptr && d->object == "type") {
    const SchemaState& schema = context.schema();
    for (const auto& name : d->names) {
      if (context.created_in_migration("type", name.name)) continue;
      // No column uses it any more. Every column of a type the chain created was seen; of
      // an older type, whose columns the chain dropped or changed, another column would
      // make DROP TYPE fail (without CASCADE) rather than break anything.
      if (!schema.type_in_use(name.name) &&
          (schema.type_created_here(name.name) ||
           (schema.type_lost_a_column(name.name) && !d->cascade))) {
        continue;
      }
      out.push_back({"DROP TYPE " + name.display() +
                         ": dropping (to recreate) a type in use breaks every column and the code "
                         "that use it" +
                         (d->cascade ? "; CASCADE drops those columns too" : ""),
                     "keep the type and ALTER TYPE " + sql::quote_name(name) +
                         " ADD VALUE IF NOT EXISTS '...' for new values",
                     {}});
    }
    return out;
  }
  // A value added in this transaction cannot be used until the transaction commits.
  for (const auto& [type, values] : context.enum_values_added_in_transaction()) {
    for (const std::string& literal : statement.string_literals) {
      if (values.count(literal) == 0) continue;
      out.push_back(
          {"uses enum value '" + literal + "' added to " + type +
               " in the same transaction: PostgreSQL rejects it (unsafe use of new value)",
           "COMMIT after ALTER TYPE ... ADD VALUE, or add the value in its own "
           "migration " +
               std::string(autocommit_hint),
           {}});
      return out;
    }
  }
  return out;
}

}  // namespace migsafe::rules
