#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/sql/statement.hpp"

namespace migsafe::rules::sql {

// Splits a script into statements and parses each with the PostgreSQL 15 grammar of
// libpg_query. A statement the parser rejects comes back with has_error set, never an
// exception. The statements a DO block runs follow the DO statement, with in_do_block set.
std::vector<Statement> parse_script(std::string_view script);

// Which statements get their string constants (Statement::string_literals). Only the
// enum rule reads them, and only after an enum value was added in the transaction;
// walking every parse tree a second time for them was a twentieth of a lint.
enum class StringLiterals {
  all,
  after_enum_value_added,  // from the statement after an ALTER TYPE ... ADD VALUE on
};

// The same, one statement at a time; a long script is parsed a chunk of statements
// ahead of the visits, so it is never held parsed in memory whole.
void for_each_statement(const std::string& script,
                        const std::function<void(const Statement&)>& visit,
                        StringLiterals literals = StringLiterals::all);

}  // namespace migsafe::rules::sql
