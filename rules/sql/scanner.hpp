#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The tokens of a text as PostgreSQL's own scanner reads them (libpg_query's
// pg_query_scan): where a guard can be spliced into a statement, and which words are
// keywords an identifier must be quoted to use.
namespace migsafe::rules::sql {

// PostgreSQL's keyword categories (src/include/parser/kwlist.h); an identifier needs
// quotes to be one of the last three.
enum class KeywordKind { none, unreserved, col_name, type_func_name, reserved };

struct Token {
  std::size_t start = 0;  // byte offsets in the scanned text
  std::size_t end = 0;
  int kind = 0;  // libpg_query's Token enum: the character itself for "(", ",", ...
  KeywordKind keyword = KeywordKind::none;
};

// Every token but comments; nullopt when the scanner rejects the text (an unclosed
// quote).
std::optional<std::vector<Token>> scan_tokens(const std::string& text);

// Whether a token is the keyword `word` (upper case): "user" in double quotes is not.
bool is_keyword(std::string_view text, const Token& token, std::string_view word);

// Whether a token is the one character `c`: "(", ")", ",", ".", ...
inline bool is_char(const Token& token, char c) { return token.kind == c; }

}  // namespace migsafe::rules::sql
