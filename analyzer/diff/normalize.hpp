#pragma once

#include <string>

#include "dbdrivers/database_url.hpp"

namespace migsafe::analyzer::diff {

// Canonical spellings so the diff compares meaning, not how a catalog or a dialect's
// compiler happens to print it. Two values are the same when their normal forms are
// equal; the normal forms are for comparing only, never shown.

// "VARCHAR(255)", "character varying(255)" -> "varchar(255)"; int4/INTEGER/serial ->
// "integer"; "TIMESTAMP WITH TIME ZONE"/timestamptz -> "timestamptz"; FLOAT -> double ...
std::string normalize_type(const std::string& type, dbdrivers::Dialect dialect);

// Every run of whitespace made one space, none at the ends: SQL as one line, the same
// whatever its line breaks.
std::string collapse_spaces(const std::string& text);

// SQL expressions (defaults, CHECK bodies, index elements and predicates, generated
// columns): casts dropped, case folded outside literals, white space and parentheses
// dropped, now() == CURRENT_TIMESTAMP, '1' == 1, "= ANY (ARRAY[...])" == "IN (...)".
std::string normalize_expression(const std::string& expression);

// Identifiers as the database stores them: PostgreSQL truncates to 63 bytes;
// SQLite compares case-insensitively.
std::string normalize_name(const std::string& name, dbdrivers::Dialect dialect);

// "CASCADE", "cascade" -> "CASCADE"; "NO ACTION" -> "".
std::string normalize_fk_action(const std::string& action);

}  // namespace migsafe::analyzer::diff
