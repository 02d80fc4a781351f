#include "analyzer/check/checks.hpp"

namespace migsafe::analyzer::check {

// Every revision runs again over objects that already exist: the deploy's migrator
// meets exactly this when a run is retried after a partial failure.
model::CheckStatus check_replay(CheckSession& session) {
  if (!session.ensure_upgraded()) return model::CheckStatus::skipped;
  return session.ensure_replayed() ? model::CheckStatus::passed : model::CheckStatus::failed;
}

}  // namespace migsafe::analyzer::check
