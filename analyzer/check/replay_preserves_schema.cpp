#include "analyzer/check/checks.hpp"

namespace migsafe::analyzer::check {

// Running every revision again must leave the schema as the first run built it: a
// guarded statement that silently does something else on a re-run shows up here.
model::CheckStatus check_replay_preserves_schema(CheckSession& session) {
  if (!session.ensure_replayed()) return model::CheckStatus::skipped;
  const auto findings =
      session.compare(session.schema_before_replay(), session.schema_after_replay(),
                      "replay-preserves-schema", "after upgrade", "after replay");
  for (const auto& finding : findings) session.add(finding);
  return findings.empty() ? model::CheckStatus::passed : model::CheckStatus::failed;
}

}  // namespace migsafe::analyzer::check
