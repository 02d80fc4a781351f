#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analyzer/alembic/project.hpp"
#include "model/finding.hpp"

namespace migsafe::analyzer::check {

class CheckSession;

// What walking the chain found at one revision.
struct RevisionOutcome {
  const alembic::Revision* revision = nullptr;
  // Why the revision was not walked ("" when it was): a parent or the revision itself
  // cannot upgrade from an empty database, which the `upgrade` check reports.
  std::string not_walked;
  bool replay_checked = false;                             // it was run again over itself
  std::optional<alembic::MigrationError> replay_error;     // and failed
  std::optional<alembic::MigrationError> downgrade_error;  // its downgrade() raised
  std::vector<model::Finding> downgrade_differences;       // what the downgrade left behind
  bool downgrade_checked = false;
};

struct ChainWalkParts {
  bool replay = false;     // replay-per-revision: stamp the parents, upgrade again
  bool downgrade = false;  // downgrade-leaves-no-trace: down to the parents, compare
};

// One walk up the chain, parents first, for the checks that look at each revision:
// upgrade r from its parents, reflect it (kept for r's children), run r again over itself
// (stamp its parents, upgrade), downgrade to its parents and compare with their schema;
// the next revision's upgrade goes through r again. Three runs of env.py per revision. Every
// revision is migrated a fixed number of times, never again from an empty database unless a failure
// left the database in a state nobody knows.
std::vector<RevisionOutcome> walk_chain(CheckSession& session, ChainWalkParts parts);

// "" when every revision was walked; else which were not, and why, for the check's note.
std::string not_walked_note(const std::vector<RevisionOutcome>& outcomes);

}  // namespace migsafe::analyzer::check
