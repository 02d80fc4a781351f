#include "analyzer/check/checks.hpp"

namespace migsafe::analyzer::check {
namespace {

// Where downgrading r lands: base, or its parent (Alembic unmerges a merge point into
// all its parents when told to go down to one of them; "r-1" is an ambiguous walk).
std::string downgrade_target(const alembic::Revision& revision) {
  return revision.down_revisions.empty() ? "base" : revision.down_revisions.front();
}

}  // namespace

// For each revision: the schema at its parents must equal the schema after upgrading to
// it and downgrading back. A downgrade that forgets an index or a type fails here,
// named by revision, long before anyone needs the rollback.
model::CheckStatus check_downgrade_leaves_no_trace(CheckSession& session) {
  bool failed = false;
  for (const alembic::Revision& revision : session.revisions()) {
    try {
      session.bring_to_exactly(revision.down_revisions);
    } catch (const alembic::MigrationError&) {
      session.mark_dirty();  // a parent cannot upgrade: the upgrade check says so
      continue;
    }
    const model::Schema at_parents = session.reflect();
    try {
      session.project().upgrade(revision.id);
      session.project().downgrade(downgrade_target(revision));
    } catch (const alembic::MigrationError& error) {
      if (error.revision == revision.id) {
        model::Finding finding =
            session.migration_failure("downgrade-leaves-no-trace", error, "cannot be downgraded");
        finding.help = "fix its downgrade() so it undoes its upgrade()";
        session.add(std::move(finding));
        failed = true;
      }
      session.mark_dirty();
      continue;
    }
    auto findings = session.compare(at_parents, session.reflect(), "downgrade-leaves-no-trace",
                                    "before " + revision.id, "after its upgrade and downgrade");
    for (auto& finding : findings) {
      finding.message = "revision " + revision.id + ": " + finding.message;
      finding.location.file = revision.file;
      finding.location.line = revision.downgrade_line;
      finding.location.revision = revision.id;
      session.add(std::move(finding));
      failed = true;
    }
    if (!findings.empty()) session.mark_dirty();
  }
  return failed ? model::CheckStatus::failed : model::CheckStatus::passed;
}

}  // namespace migsafe::analyzer::check
