#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "rules/sql/statement.hpp"

// Internal to rules/sql: the SQL statements a PL/pgSQL DO block runs.
namespace migsafe::rules::sql {

struct EmbeddedStatement {
  std::string sql;
  std::size_t offset_in_body = 0;  // best effort: the statement's line in the body
  Guard guard = Guard::none;
};

// Parses `body` as PL/pgSQL and lists its static SQL statements and EXECUTEs of string
// literals. An unparseable body gives an empty list: the DO statement itself was valid.
std::vector<EmbeddedStatement> plpgsql_statements(const std::string& body);

}  // namespace migsafe::rules::sql
