#include "analyzer/lint/python_comments.hpp"

namespace migsafe::analyzer::lint {

namespace {

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::vector<PythonComment> find_python_comments(std::string_view source) {
  std::vector<PythonComment> comments;
  int line = 1;
  std::size_t line_start = 0;
  bool blank_so_far = true;
  std::size_t i = 0;
  const std::size_t n = source.size();
  while (i < n) {
    const char c = source[i];
    if (c == '\n') {
      ++line;
      line_start = ++i;
      blank_so_far = true;
      continue;
    }
    if (c == '#') {
      const std::size_t end = std::min(source.find('\n', i), n);
      PythonComment comment;
      comment.line = line;
      comment.column = 1;
      for (std::size_t k = line_start; k < i; ++k) comment.column += is_continuation(source[k]) ? 0 : 1;
      comment.text = std::string(source.substr(i + 1, end - i - 1));
      if (!comment.text.empty() && comment.text.back() == '\r') comment.text.pop_back();
      comment.own_line = blank_so_far;
      comments.push_back(std::move(comment));
      i = end;
      continue;
    }
    if (c == '\'' || c == '"') {
      // A string literal (its prefix letters were consumed as a name): skip to its end,
      // counting the lines it spans.
      const bool triple = i + 2 < n && source[i + 1] == c && source[i + 2] == c;
      const std::size_t quote_length = triple ? 3 : 1;
      i += quote_length;
      while (i < n) {
        if (source[i] == '\\' && i + 1 < n) {
          if (source[i + 1] == '\n') {
            ++line;
            line_start = i + 2;
          }
          i += 2;
          continue;
        }
        if (source[i] == '\n') {
          if (!triple) break;  // an unterminated one-line string ends at the line break
          ++line;
          line_start = i + 1;
        }
        if (source[i] == c &&
            (!triple || (i + 2 < n && source[i + 1] == c && source[i + 2] == c))) {
          i += quote_length;
          break;
        }
        ++i;
      }
      blank_so_far = false;
      continue;
    }
    if (c != ' ' && c != '\t' && c != '\r' && c != '\f') blank_so_far = false;
    ++i;
  }
  return comments;
}

}  // namespace migsafe::analyzer::lint
