#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/alembic/project.hpp"
#include "model/finding.hpp"
#include "model/schema.hpp"

namespace migsafe::analyzer::check {

class CheckSession;
class SecondWalk;

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
  // The schema reflected before its upgrade and after it (null when not walked): what
  // the revision changed, for expand-contract.
  std::shared_ptr<const model::Schema> schema_before;
  std::shared_ptr<const model::Schema> schema_after;
};

struct ChainWalkParts {
  bool replay = false;     // replay-per-revision: stamp the parents, upgrade again
  bool downgrade = false;  // downgrade-leaves-no-trace: downgrade each revision, compare
};

// One walk over the history for the checks that look at each revision. Up, parents
// first: upgrade r from exactly the revisions walked before it, reflect, and run r again
// over itself (stamp the heads before it, upgrade) in the same run of env.py as the next
// upgrade. Then down, children first: downgrade r alone and compare with the schema
// reflected before its upgrade. Two runs of env.py and two reflections per revision,
// each revision migrated three times; never again from an empty database unless a
// failure left the database in a state nobody knows.
struct ChainWalk {
  std::vector<RevisionOutcome> outcomes;  // in the order of Project::revisions()
  // The schema with every revision applied, when the walk then downgraded each one
  // cleanly down to base, where it left the database; null otherwise.
  std::shared_ptr<const model::Schema> came_down_from;
};

// With `second`, the revisions from second->first() on are walked by a second migsafe
// process on a database of its own (second_walk.hpp) while this one walks those below;
// if it fails, they are walked here after all.
ChainWalk walk_chain(CheckSession& session, ChainWalkParts parts, SecondWalk* second = nullptr);

// What the second process of a split walk found on its part of the history.
struct WalkPart {
  std::vector<RevisionOutcome> outcomes;  // revisions [first, end), in the walk's order
  // Per outcome: the schema its downgrade left, kept only when it differs from the
  // schema before its upgrade (the first process words the differences itself).
  std::vector<std::shared_ptr<const model::Schema>> after_downgrade;
  // The schema with every revision applied, when the part went up without a failure.
  std::shared_ptr<const model::Schema> at_heads;
};

// The second process's walk: revisions [first, end) up and down, from a database it
// first brings to exactly the revisions before `first` (MigrationError when it cannot).
WalkPart walk_chain_part(CheckSession& session, ChainWalkParts parts, std::size_t first);

// "" when every revision was walked; else which were not, and why, for the check's note.
std::string not_walked_note(const std::vector<RevisionOutcome>& outcomes);

}  // namespace migsafe::analyzer::check
