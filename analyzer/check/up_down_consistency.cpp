#include "analyzer/check/checks.hpp"

namespace migsafe::analyzer::check {

// Downgrade to base, upgrade to head again: the schema must come back the same, and
// every downgrade on the way must run.
model::CheckStatus check_up_down_consistency(CheckSession& session) {
  if (!session.ensure_upgraded()) return model::CheckStatus::skipped;
  try {
    session.bring_to_exactly(session.project().heads());
  } catch (const alembic::MigrationError&) {
    session.mark_dirty();  // cannot even reach head from scratch: `upgrade` reports it
    session.set_note("the migrations do not reach head from an empty database");
    return model::CheckStatus::skipped;
  }
  const model::Schema before = session.reflect();
  try {
    session.project().downgrade("base");
  } catch (const alembic::MigrationError& error) {
    model::Finding finding =
        session.migration_failure("up-down-consistency", error, "cannot be downgraded");
    finding.help = "fix its downgrade() so `alembic downgrade base` runs from head";
    session.add(std::move(finding));
    session.mark_dirty();
    return model::CheckStatus::failed;
  }
  try {
    session.project().upgrade("heads");
  } catch (const alembic::MigrationError& error) {
    model::Finding finding = session.migration_failure(
        "up-down-consistency", error, "fails to upgrade again after a downgrade to base");
    finding.help = "its downgrade() leaves something behind that its upgrade() trips over";
    session.add(std::move(finding));
    session.mark_dirty();
    return model::CheckStatus::failed;
  }
  const auto findings = session.compare(before, session.reflect(), "up-down-consistency",
                                        "at head", "after downgrade base and upgrade head");
  for (const auto& finding : findings) session.add(finding);
  return findings.empty() ? model::CheckStatus::passed : model::CheckStatus::failed;
}

}  // namespace migsafe::analyzer::check
