#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/finding.hpp"

// Ignore comments, in one place: the SQL linter collects `-- migsafe:ignore ...`
// comments, the Alembic integration collects `# migsafe:ignore ...` ones, and both are
// applied here once every rule has run.
namespace migsafe::rules {

// What an ignore comment says: `migsafe:ignore a, b` or `migsafe:ignore-file a`.
struct IgnoreDirective {
  bool file_wide = false;
  std::vector<std::string> rules;  // as written: ids or squawk aliases
};

// Parses the text of one comment (without `--`, `/* */` or `#`); nullopt when it is not
// a migsafe ignore comment.
std::optional<IgnoreDirective> parse_ignore_directive(std::string_view comment);

// One ignore comment and the findings it may silence.
struct Suppression {
  std::vector<std::string> rules;  // as written
  model::Location where;           // the comment itself: unused/unknown warnings point here
  bool file_wide = false;          // silences those rules anywhere in where.file
  int first_line = 0;              // else: findings in where.file on these lines
  int last_line = 0;
};

// What the suppressions do to a list of findings: which ones they silence (one flag per
// finding, matching rule ids or aliases), and a warning for every ignore naming an
// unknown rule (`unknown-rule`) and every named rule that silenced nothing
// (`unused-ignore`). `ran(id)` says whether a rule ran at all: an ignore of a rule that
// was turned off is not reported as unused.
struct SuppressionOutcome {
  std::vector<bool> silenced;
  std::vector<model::Finding> warnings;
};
SuppressionOutcome judge_suppressions(
    const std::vector<model::Finding>& findings, const std::vector<Suppression>& suppressions,
    const std::function<bool(std::string_view)>& ran = [](std::string_view) { return true; });

// Removes the findings a suppression covers (matching rule ids or aliases) and adds a
// warning for every ignore naming an unknown rule (`unknown-rule`) and every named rule
// that silenced nothing (`unused-ignore`).
// `ran(id)` says whether a rule ran at all: an ignore of a rule that was turned off is
// not reported as unused.
std::vector<model::Finding> apply_suppressions(
    std::vector<model::Finding> findings, const std::vector<Suppression>& suppressions,
    const std::function<bool(std::string_view)>& ran = [](std::string_view) { return true; });

}  // namespace migsafe::rules
