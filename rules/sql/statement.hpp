#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "rules/sql/facts.hpp"

namespace migsafe::rules::sql {

// Where a statement came from inside a DO block, and whether it is guarded there:
// an EXCEPTION handler catching duplicate_object & co., or an IF testing the catalog.
enum class Guard { none, exception_handler, catalog_check };

// Who wrote a statement: the migration itself (a statement of a .sql file, an op.* call
// in a revision), or the migration tool around it (Alembic's BEGIN and COMMIT around a
// migration or a run, and those of autocommit_block()). The SQL spells both the same
// way; only whoever made the lint unit knows (rules::Piece::author).
enum class Author { migration, tool };

// A parse error, positioned in the script.
struct ParseError {
  std::string message;
  std::size_t offset = 0;     // byte offset in the script
  bool newer_syntax = false;  // looks like PG16+ syntax the PG 15 grammar rejects
  bool not_parsed = false;    // never given to the parser (a long operator run, lexer.hpp)
};

// One statement of a script: its text, where it starts, and what it says.
struct Statement {
  std::string text;        // the statement, from its first token, without the `;`
  std::size_t offset = 0;  // byte offset of the first token in the script
  std::string node;        // libpg_query node name: "CreateStmt", "IndexStmt", ...
  Facts facts;
  // Every string constant, for enum usage; see StringLiterals for when it is filled.
  std::vector<std::string> string_literals;
  bool has_error = false;
  ParseError error;
  bool in_do_block = false;  // one of the statements a DO block runs
  Guard guard = Guard::none;
  Author author = Author::migration;  // set by the linter from its piece

  template <class T>
  const T* as() const {
    return std::get_if<T>(&facts);
  }
  bool guarded() const { return guard != Guard::none; }
};

}  // namespace migsafe::rules::sql
