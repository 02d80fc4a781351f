#include <algorithm>

#include "analyzer/check/checks.hpp"

namespace migsafe::analyzer::check {
namespace {

// The whole-chain replay's finding for the same statement of the same revision.
bool reported_by_replay(const model::Finding& a, const model::Finding& b) {
  return a.check == "replay" && a.rule == b.rule && a.location.revision == b.location.revision &&
         a.statement == b.statement;
}

}  // namespace

// For each revision r, parents first: upgrade to r, stamp r's parents, upgrade to r
// again. Every revision that cannot run twice is reported, not only the first, and each
// edge of a branch or merge is walked from its own parents. The work is the chain walk's
// (chain_walk.hpp), shared with downgrade-leaves-no-trace.
model::CheckStatus check_replay_per_revision(CheckSession& session) {
  bool failed = false;
  for (const RevisionOutcome& outcome : session.chain_outcomes()) {
    if (!outcome.replay_error) continue;
    failed = true;
    model::Finding finding = session.migration_failure("replay-per-revision", *outcome.replay_error,
                                                       "fails when run again");
    // The whole-chain replay stops at the same statement: one finding for one cause.
    const auto& known = session.findings();
    if (std::none_of(known.begin(), known.end(),
                     [&](const model::Finding& f) { return reported_by_replay(f, finding); })) {
      session.add(std::move(finding));
    }
  }
  session.set_note(not_walked_note(session.chain_outcomes()));
  return failed ? model::CheckStatus::failed : model::CheckStatus::passed;
}

}  // namespace migsafe::analyzer::check
