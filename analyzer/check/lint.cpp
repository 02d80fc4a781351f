#include "analyzer/check/checks.hpp"
#include "analyzer/lint/lint_paths.hpp"

namespace migsafe::analyzer::check {

// The statements every revision emits, through the lint rules: the same findings
// `migsafe lint PROJECT` gives, as one check of the CI gate, from the session's project.
model::CheckStatus check_lint(CheckSession& session) {
  const lint::LintResult result = lint::lint_project(session.project(), session.request().lint);
  bool failed = false;
  for (const model::Finding& finding : result.findings) {
    failed |= finding.severity != model::Severity::info;
    session.add(finding);
  }
  return failed ? model::CheckStatus::failed : model::CheckStatus::passed;
}

}  // namespace migsafe::analyzer::check
