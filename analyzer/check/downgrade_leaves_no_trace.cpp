#include "analyzer/check/checks.hpp"

namespace migsafe::analyzer::check {

// For each revision: the schema at its parents must equal the schema after upgrading to
// it and downgrading back. A downgrade that forgets an index or a type fails here,
// named by revision, long before anyone needs the rollback. The work is the chain walk's
// (chain_walk.hpp), shared with replay-per-revision.
model::CheckStatus check_downgrade_leaves_no_trace(CheckSession& session) {
  bool failed = false;
  for (const RevisionOutcome& outcome : session.chain_outcomes()) {
    const alembic::Revision& revision = *outcome.revision;
    if (outcome.downgrade_error) {
      model::Finding finding = session.migration_failure(
          "downgrade-leaves-no-trace", *outcome.downgrade_error, "cannot be downgraded");
      finding.help = "fix its downgrade() so it undoes its upgrade()";
      session.add(std::move(finding));
      failed = true;
    }
    for (model::Finding finding : outcome.downgrade_differences) {
      finding.message = "revision " + revision.id + ": " + finding.message;
      finding.location.file = revision.file;
      finding.location.line = revision.downgrade_line;
      finding.location.revision = revision.id;
      session.add(std::move(finding));
      failed = true;
    }
  }
  session.set_note(not_walked_note(session.chain_outcomes()));
  return failed ? model::CheckStatus::failed : model::CheckStatus::passed;
}

}  // namespace migsafe::analyzer::check
