#include "analyzer/lint/python_ignores.hpp"

#include "analyzer/lint/python_comments.hpp"

namespace migsafe::analyzer::lint {

std::vector<rules::Suppression> python_suppressions(std::string_view source, const std::string& file,
                                                    const std::string& revision) {
  std::vector<rules::Suppression> out;
  for (const auto& comment : find_python_comments(source)) {
    const auto directive = rules::parse_ignore_directive(comment.text);
    if (!directive) continue;
    rules::Suppression suppression;
    suppression.rules = directive->rules;
    suppression.where = {file, comment.line, comment.column, revision};
    suppression.file_wide = directive->file_wide;
    suppression.first_line = comment.line;
    suppression.last_line = comment.own_line ? comment.line + 1 : comment.line;
    out.push_back(std::move(suppression));
  }
  return out;
}

}  // namespace migsafe::analyzer::lint
