#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "rules/sql/facts.hpp"

namespace migsafe::rules::sql {

// PostgreSQL 16+ statements that the PG 15 grammar rejects but whose lock the rules must
// still see, read through the PG 15 clause of the same shape: the new clause is respelled
// in place, the respelled text parsed, and its facts corrected to say what was written.
//
//   ALTER TABLE ... ALTER [COLUMN] c SET EXPRESSION AS (expr)     (PostgreSQL 17)
//   -> ALTER TABLE ... ALTER [COLUMN] c SET DEFAULT      (expr)
//
// Both take one parenthesised expression after the column, so the rest of the statement
// (other commands, the expression itself) is still parsed by the real grammar: anything
// else in it that PG 15 cannot read leaves the statement a syntax error, as before. The
// respelled text has the statement's length, so offsets into it still hold.
struct NewerForm {
  std::string respelled;  // parseable by the PG 15 grammar
  // The ALTER TABLE commands, by index, that were SET EXPRESSION.
  std::vector<std::size_t> set_expression_commands;
};

// nullopt when the statement holds none of the forms above.
std::optional<NewerForm> respell_newer_form(const std::string& statement);

// Turns the facts parsed from `form.respelled` into the facts of the statement as written
// (the respelled commands become AlterKind::set_expression). False when the facts are not
// what the respelling should have parsed into: the statement then stays unread.
bool correct_newer_form_facts(const NewerForm& form, Facts& facts);

}  // namespace migsafe::rules::sql
