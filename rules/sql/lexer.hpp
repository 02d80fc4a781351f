#pragma once

#include <cstddef>
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

// Byte offset of the first invalid UTF-8 sequence, or npos.
std::size_t first_invalid_utf8(std::string_view text);

// Byte offset of the n-th (0-based) character of a UTF-8 text.
std::size_t byte_offset_of_char(std::string_view text, std::size_t n);

}  // namespace migsafe::rules::sql
