#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace migsafe::analyzer::lint {

// A `#` comment in Python source.
struct PythonComment {
  int line = 0;    // 1-based
  int column = 0;  // 1-based character column of the `#`
  std::string text;  // after the `#`, to the end of the line
  bool own_line = false;  // nothing but blanks before it on its line
};

// Every comment in a Python file, skipping string literals (single, triple-quoted,
// with any prefix), so a `#` inside the SQL of op.execute("...") is not a comment.
std::vector<PythonComment> find_python_comments(std::string_view source);

}  // namespace migsafe::analyzer::lint
