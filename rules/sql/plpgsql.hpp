#pragma once

#include <cstddef>
#include <optional>
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

// A body PL/pgSQL's grammar rejects: PostgreSQL rejects the DO block when it runs.
struct BodySyntaxError {
  std::string message;           // "syntax error at or near \"SELEC\""
  std::size_t offset_in_body = 0;  // best effort: the token, else its line
};

struct PlpgsqlBody {
  std::vector<EmbeddedStatement> statements;
  std::optional<BodySyntaxError> syntax_error;
};

// Parses `body` as PL/pgSQL and lists its static SQL statements and EXECUTEs of string
// literals. Only grammar errors are reported: libpg_query compiles without a catalog,
// so its other complaints (a cursor variable's type, say) are not PostgreSQL's.
PlpgsqlBody plpgsql_statements(const std::string& body);

}  // namespace migsafe::rules::sql
