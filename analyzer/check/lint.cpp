#include "analyzer/check/checks.hpp"
#include "analyzer/lint/lint_paths.hpp"

namespace migsafe::analyzer::check {

// The statements every revision runs, through the lint rules. With a database, what the
// first `upgrade` really ran there (data migrations included, in that database's
// dialect); without one, or for revisions the upgrade did not reach, their offline SQL,
// as `migsafe lint PROJECT` does.
model::CheckStatus check_lint(CheckSession& session) {
  const lint::LintResult result =
      lint::lint_project(session.project(), session.request().lint, session.ran_statements());
  bool failed = false;
  for (const model::Finding& finding : result.findings) {
    failed |= finding.severity != model::Severity::info;
    session.add(finding);
  }
  return failed ? model::CheckStatus::failed : model::CheckStatus::passed;
}

}  // namespace migsafe::analyzer::check
