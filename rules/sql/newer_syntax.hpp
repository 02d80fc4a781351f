#pragma once

#include <string_view>

namespace migsafe::rules::sql {

// True when a statement the PG 15 grammar rejected uses syntax PostgreSQL 16 or 17
// added (SQL/JSON constructors, MERGE ... RETURNING, SET EXPRESSION, 0x literals, ...):
// the statement is probably fine and the parser too old.
bool looks_like_newer_syntax(std::string_view statement);

}  // namespace migsafe::rules::sql
