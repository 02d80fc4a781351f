#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// A small SQL lexer for what libpg_query does not give back: comments, and where the
// first token of a statement starts.
namespace migsafe::rules::sql {

struct SqlComment {
  std::size_t offset = 0;  // byte offset of `--` or `/*`
  std::string text;        // without the comment markers
};

// Every comment in a script, skipping string literals, quoted identifiers and
// dollar-quoted bodies.
std::vector<SqlComment> find_comments(std::string_view script);

// The offset of the first byte at or after `from` that is neither blank nor comment.
std::size_t skip_blanks_and_comments(std::string_view script, std::size_t from);

// PostgreSQL's lexer (libpg_query's) takes time quadratic in the length of a run of
// operator characters (~!@#^&|`?+-*/%<>=): `+++...` becomes one-character operators, each
// found by matching the rest of the run again, and each `/*` of nested comments written
// `/*/*/*...` (or `/**//**/...`, never deeper than 2) matches the rest of the run before
// giving it back. 20,000 `+` took 5 s, 40,000 nested `/*` minutes. Runs are counted in
// comments and quoted text too (a DO body or an EXECUTE string is lexed again), but not in
// `--` comments, which the lexer skips to the end of the line whatever they hold.
constexpr std::size_t max_operator_run = 256;

struct OperatorRun {
  std::size_t offset = 0;
  std::size_t length = 0;
};

// The first run of more than max_operator_run operator characters, or nullopt.
std::optional<OperatorRun> find_long_operator_run(std::string_view script);

// Byte offset of the first invalid UTF-8 sequence, or npos.
std::size_t first_invalid_utf8(std::string_view text);

// Byte offset of the n-th (0-based) character of a UTF-8 text.
std::size_t byte_offset_of_char(std::string_view text, std::size_t n);

}  // namespace migsafe::rules::sql
