#include "analyzer/check/checks.hpp"

namespace migsafe::analyzer::check {

// For each revision r, parents first: upgrade to r, stamp r's parents, upgrade to r
// again. Every revision that cannot run twice is reported, not only the first, and each
// edge of a branch or merge is walked from its own parents.
model::CheckStatus check_replay_per_revision(CheckSession& session) {
  bool failed = false;
  for (const alembic::Revision& revision : session.revisions()) {
    try {
      session.bring_to_exactly(revision.down_revisions);
      session.project().upgrade(revision.id);
    } catch (const alembic::MigrationError&) {
      // Not this check's finding: the `upgrade` check reports a revision that cannot
      // run even once. Later revisions still get their turn.
      session.mark_dirty();
      continue;
    }
    try {
      if (revision.down_revisions.empty()) {
        session.project().stamp("base");
      } else {
        session.project().stamp(revision.down_revisions);
      }
      session.project().upgrade(revision.id);
    } catch (const alembic::MigrationError& error) {
      session.add(session.migration_failure("replay-per-revision", error, "fails when run again"));
      session.mark_dirty();
      failed = true;
    }
  }
  return failed ? model::CheckStatus::failed : model::CheckStatus::passed;
}

}  // namespace migsafe::analyzer::check
