#pragma once

#include <string>
#include <string_view>

namespace migsafe::rules {

// SQLite's own spellings that PostgreSQL's grammar (the one every rule reads) rejects,
// rewritten as PostgreSQL spells the same thing, so the SQLite rules can read a statement
// SQLite runs:
//   `name` and [name]                       -> "name"
//   AUTOINCREMENT                           -> blank (INTEGER PRIMARY KEY already says it)
//   ) WITHOUT ROWID, STRICT                 -> blank (table options after the columns)
//   INSERT OR IGNORE / UPDATE OR REPLACE... -> INSERT / UPDATE
//   REPLACE INTO                            -> INSERT  INTO
// The conflict clause goes because no rule reads it; the linter keeps the user's text
// for findings and help, so nothing that reads the text loses it. The text keeps its
// length and every other byte, so offsets into it still hold. String literals,
// double-quoted names and comments are left alone. A statement with none of these comes
// back unchanged (PRAGMA and the rest of SQLite's dialect are not rewritten).
std::string respell_sqlite_for_postgres(std::string_view statement);

}  // namespace migsafe::rules
