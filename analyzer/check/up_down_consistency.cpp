#include "analyzer/check/checks.hpp"

namespace migsafe::analyzer::check {

namespace {

// From head (reached first), its schema into `before`, then `downgrade base` in one run.
// A status when the check ends there.
std::optional<model::CheckStatus> downgrade_to_base(CheckSession& session,
                                                    model::Schema& before) {
  try {
    session.bring_to_exactly(session.project().heads());
  } catch (const alembic::MigrationError&) {
    session.mark_dirty();  // cannot even reach head from scratch: `upgrade` reports it
    session.set_note("the migrations do not reach head from an empty database");
    return model::CheckStatus::skipped;
  }
  before = session.reflect();
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
  return std::nullopt;
}

}  // namespace

// Downgrade to base, upgrade to head again: the schema must come back the same, and
// every downgrade on the way must run.
model::CheckStatus check_up_down_consistency(CheckSession& session) {
  if (!session.upgrade_passes()) return model::CheckStatus::skipped;
  model::Schema before;
  const model::Schema* walked_down_from = session.schema_the_walk_came_down_from();
  if (walked_down_from && session.applied_revisions().empty()) {
    // The chain walk just ran every downgrade from head to base, one revision at a
    // time: Alembic's own steps of `downgrade base`. Only the way up is left.
    before = *walked_down_from;
  } else {
    session.ensure_upgraded();  // from the upgrade with the project's seed, as a deploy
    std::optional<model::CheckStatus> failed = downgrade_to_base(session, before);
    if (failed) return *failed;
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
