#include "rules/sql/lexer.hpp"

#include <cctype>
#include <cstdint>
#include <cstring>

namespace migsafe::rules::sql {
namespace {

// Whether any of the 8 bytes at `p` is not ASCII.
bool any_high_bit(const char* p) {
  std::uint64_t word;
  std::memcpy(&word, p, sizeof word);
  return (word & 0x8080808080808080ULL) != 0;
}

bool is_ident_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' ||
         (static_cast<unsigned char>(c) & 0x80) != 0;
}

// If a dollar-quote tag ($$ or $name$) starts at i, its length; else 0.
std::size_t dollar_tag_length(std::string_view s, std::size_t i) {
  if (s[i] != '$') return 0;
  if (i > 0 && is_ident_char(s[i - 1])) return 0;  // $1 or a$b is not a tag
  std::size_t j = i + 1;
  if (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j])) != 0) return 0;  // $1
  while (j < s.size() && s[j] != '$') {
    if (!is_ident_char(s[j])) return 0;
    ++j;
  }
  return j < s.size() ? j - i + 1 : 0;
}

// Skips a quoted literal, identifier or dollar body starting at i; returns the end.
std::size_t skip_quoted(std::string_view s, std::size_t i) {
  const char quote = s[i];
  if (quote == '$') {
    const std::size_t tag_len = dollar_tag_length(s, i);
    const std::string_view tag = s.substr(i, tag_len);
    const std::size_t end = s.find(tag, i + tag_len);
    return end == std::string_view::npos ? s.size() : end + tag_len;
  }
  // E'...' strings allow backslash escapes; plain ones only doubled quotes.
  const bool backslash = quote == '\'' && i > 0 && (s[i - 1] == 'E' || s[i - 1] == 'e');
  std::size_t j = i + 1;
  while (j < s.size()) {
    if (backslash && s[j] == '\\') {
      j += 2;
      continue;
    }
    if (s[j] == quote) {
      if (j + 1 < s.size() && s[j + 1] == quote) {
        j += 2;
        continue;
      }
      return j + 1;
    }
    ++j;
  }
  return s.size();
}

// Where the block comment starting at i ends; block comments nest in PostgreSQL.
struct BlockCommentEnd {
  std::size_t end;  // past its `*/`, or the end of the text
  bool closed;
};
BlockCommentEnd block_comment_end(std::string_view s, std::size_t i) {
  std::size_t depth = 1;
  std::size_t j = i + 2;
  while (j < s.size() && depth > 0) {
    if (s.compare(j, 2, "/*") == 0) {
      ++depth;
      j += 2;
    } else if (s.compare(j, 2, "*/") == 0) {
      --depth;
      j += 2;
    } else {
      ++j;
    }
  }
  return {j, depth == 0};
}

// PostgreSQL's op_chars (scan.l).
bool is_operator_char(char c) {
  return std::string_view("~!@#^&|`?+-*/%<>=").find(c) != std::string_view::npos;
}

template <class OnComment>
void scan(std::string_view s, OnComment on_comment) {
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
      std::size_t end = s.find('\n', i);
      if (end == std::string_view::npos) end = s.size();
      on_comment(i, s.substr(i + 2, end - i - 2));
      i = end;
    } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      const auto [j, closed] = block_comment_end(s, i);
      const std::size_t body_end = closed ? j - 2 : s.size();
      on_comment(i, s.substr(i + 2, body_end - i - 2));
      i = j;
    } else if (c == '\'' || c == '"' || (c == '$' && dollar_tag_length(s, i) > 0)) {
      i = skip_quoted(s, i);
    } else {
      ++i;
    }
  }
}

}  // namespace

std::vector<SqlComment> find_comments(std::string_view script) {
  std::vector<SqlComment> out;
  scan(script, [&](std::size_t at, std::string_view text) {
    out.push_back({at, std::string(text)});
  });
  return out;
}

std::size_t skip_blanks_and_comments(std::string_view s, std::size_t i) {
  while (i < s.size()) {
    if (std::isspace(static_cast<unsigned char>(s[i])) != 0) {
      ++i;
    } else if (s.compare(i, 2, "--") == 0) {
      const std::size_t end = s.find('\n', i);
      i = end == std::string_view::npos ? s.size() : end + 1;
    } else if (s.compare(i, 2, "/*") == 0) {
      const std::size_t end = s.find("*/", i + 2);
      i = end == std::string_view::npos ? s.size() : end + 2;
    } else {
      break;
    }
  }
  return i;
}

std::optional<OperatorRun> find_long_operator_run(std::string_view s) {
  OperatorRun run;
  // Inside a block comment or quoted text up to here: its characters count, but a `--`
  // or a quote in it starts nothing.
  std::size_t region_end = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i >= region_end) {
      if (s.compare(i, 2, "--") == 0) {
        i = std::min(s.find('\n', i), s.size());
        run.length = 0;
        continue;
      }
      if (s.compare(i, 2, "/*") == 0) {
        region_end = block_comment_end(s, i).end;
      } else if (s[i] == '\'' || s[i] == '"' || (s[i] == '$' && dollar_tag_length(s, i) > 0)) {
        region_end = skip_quoted(s, i);
      }
    }
    if (!is_operator_char(s[i])) {
      run.length = 0;
    } else if (run.length++ == 0) {
      run.offset = i;
    } else if (run.length > max_operator_run) {
      return run;
    }
  }
  return std::nullopt;
}

std::size_t first_invalid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    // Eight ASCII bytes at a time: migrations are mostly ASCII and every file is checked.
    while (i + 8 <= s.size() && !any_high_bit(s.data() + i)) i += 8;
    if (i >= s.size()) break;
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    if (c < 0x80) {
      len = 1;
    } else if ((c & 0xE0) == 0xC0 && c >= 0xC2) {
      len = 2;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
    } else if ((c & 0xF8) == 0xF0 && c <= 0xF4) {
      len = 4;
    } else {
      return i;
    }
    if (i + len > s.size()) return i;
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

std::size_t byte_offset_of_char(std::string_view s, std::size_t n) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (chars == n) return i;
      ++chars;
    }
  }
  return s.size();
}

}  // namespace migsafe::rules::sql
