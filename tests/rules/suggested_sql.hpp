#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "rules/sql/parser.hpp"

// Shared by the tests of help texts (rules and checks): the SQL a help suggests, and
// whether PostgreSQL's parser (libpg_query) takes it as a statement that runs twice.
namespace migsafe::rules::testing {

// The statement a help offers as a whole ("write <sql>", "wrap it in a DO block: <sql>");
// empty when the help offers none (prose, or a statement shown shortened).
inline std::string suggested_sql(const std::string& help) {
  for (const std::string prefix : {"write ", "wrap it in a DO block: "}) {
    if (help.rfind(prefix, 0) == 0) return help.substr(prefix.size());
  }
  return std::string();
}

// One statement that parses and holds `guard` ("IF NOT EXISTS", "duplicate_object"...);
// a DO block's body must parse as PL/pgSQL and every statement it runs be guarded.
inline ::testing::AssertionResult parses_with_guard(const std::string& sql,
                                                    const std::string& guard) {
  if (sql.empty()) return ::testing::AssertionFailure() << "no statement";
  const std::vector<sql::Statement> statements = sql::parse_script(sql);
  if (statements.empty()) return ::testing::AssertionFailure() << "nothing parsed: " << sql;
  for (const sql::Statement& s : statements) {
    if (s.has_error) {
      return ::testing::AssertionFailure() << s.error.message << " in: " << s.text;
    }
  }
  std::size_t top_level = 0;
  for (const sql::Statement& s : statements) {
    if (s.in_do_block && !s.guarded()) {
      return ::testing::AssertionFailure() << "unguarded in the DO block: " << s.text;
    }
    top_level += s.in_do_block ? 0 : 1;
  }
  if (top_level != 1) return ::testing::AssertionFailure() << top_level << " statements: " << sql;
  if (statements.front().node == "DoStmt" && statements.size() < 2) {
    return ::testing::AssertionFailure() << "a DO block whose body does not parse: " << sql;
  }
  if (sql.find(guard) == std::string::npos) {
    return ::testing::AssertionFailure() << "no " << guard << " in: " << sql;
  }
  return ::testing::AssertionSuccess();
}

}  // namespace migsafe::rules::testing
