#include "rules/changing_generated_expression.hpp"

#include "rules/rule_support.hpp"

namespace migsafe::rules {

// The PG 15 grammar migsafe parses with does not know SET EXPRESSION: the parser reads it
// through SET DEFAULT (rules/sql/newer_forms.hpp), so it arrives as AlterKind::set_expression.
std::vector<Violation> ChangingGeneratedExpression::check(const sql::Statement& statement,
                                                          const Context& context) const {
  std::vector<Violation> out;
  if (!is_postgres(context)) return out;
  const auto* a = statement.as<sql::AlterTable>();
  for (const auto* cmd :
       commands_on_existing_table(statement, context, sql::AlterKind::set_expression)) {
    const std::string table = a->table.display();
    out.push_back({"ALTER COLUMN " + cmd->column + " SET EXPRESSION on " + table +
                       " recomputes the stored column in every row: it rewrites the table and "
                       "rebuilds its indexes under ACCESS EXCLUSIVE",
                   "make " + cmd->column +
                       " a plain column first (ALTER COLUMN ... DROP EXPRESSION: no rewrite), "
                       "keep it up to date with a trigger computing the new expression, and "
                       "backfill the existing rows in batches",
                   {}});
  }
  return out;
}

}  // namespace migsafe::rules
