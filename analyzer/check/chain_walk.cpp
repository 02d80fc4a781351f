#include "analyzer/check/chain_walk.hpp"

#include <map>

#include "analyzer/check/check_session.hpp"

namespace migsafe::analyzer::check {
namespace {

// Where downgrading r lands: base, or its parent (Alembic unmerges a merge point into
// all its parents when told to go down to one of them; "r-1" is an ambiguous walk).
std::string downgrade_target(const alembic::Revision& revision) {
  return revision.down_revisions.empty() ? "base" : revision.down_revisions.front();
}

// The schema at each revision, reflected right after its upgrade, kept until its last
// child has been compared against it: every revision is reflected once, not re-migrated.
class SchemasByRevision {
 public:
  explicit SchemasByRevision(const std::vector<alembic::Revision>& revisions) {
    for (const auto& revision : revisions) {
      for (const auto& parent : revision.down_revisions) ++children_left_[parent];
    }
  }

  void keep(const std::string& revision, const model::Schema& schema) {
    if (children_left_[revision] > 0) kept_[revision] = schema;
  }

  // The schema at a single parent, when kept; the caller reflects otherwise (base, a
  // merge's several parents, or a parent whose upgrade could not be reflected).
  std::optional<model::Schema> take(const std::vector<std::string>& parents) {
    if (parents.size() != 1) return std::nullopt;
    const std::string& parent = parents.front();
    auto it = kept_.find(parent);
    if (it == kept_.end()) return std::nullopt;
    std::optional<model::Schema> schema;
    if (--children_left_[parent] == 0) {
      schema = std::move(it->second);
      kept_.erase(it);
    } else {
      schema = it->second;
    }
    return schema;
  }

 private:
  std::map<std::string, int> children_left_;
  std::map<std::string, model::Schema> kept_;
};

class Walker {
 public:
  Walker(CheckSession& session, ChainWalkParts parts)
      : session_(session), parts_(parts), schemas_(session.revisions()) {}

  RevisionOutcome walk(const alembic::Revision& revision) {
    RevisionOutcome outcome;
    outcome.revision = &revision;
    std::optional<model::Schema> kept = schemas_.take(revision.down_revisions);
    // With the parents' schema kept, a database below them goes up to r in one run of
    // env.py (parents included); otherwise it is brought to the parents and reflected.
    const bool straight_up = kept && session_.is_below(revision.down_revisions);
    if (!straight_up) {
      try {
        session_.bring_to_exactly(revision.down_revisions);
      } catch (const alembic::MigrationError& error) {
        session_.mark_dirty();
        outcome.not_walked = "revision " + error.revision + " cannot upgrade from its parents";
        return outcome;
      }
    }
    const model::Schema at_parents = kept ? std::move(*kept) : session_.reflect();
    model::Schema at_revision;
    try {
      project().upgrade(revision.id);
      at_revision = session_.reflect();
      schemas_.keep(revision.id, at_revision);
    } catch (const alembic::MigrationError&) {
      session_.mark_dirty();
      outcome.not_walked = "revision " + revision.id + " cannot upgrade from its parents";
      return outcome;
    }
    if (parts_.replay && !replay(revision, at_revision, outcome)) return outcome;
    if (parts_.downgrade) downgrade(revision, at_parents, outcome);
    return outcome;
  }

 private:
  alembic::Project& project() { return session_.project(); }

  // Stamps r's parents and upgrades to r again, over r's own schema. False when the
  // database is left where nobody knows.
  bool replay(const alembic::Revision& revision, const model::Schema& at_revision,
              RevisionOutcome& outcome) {
    outcome.replay_checked = true;
    try {
      project().replay(revision.id, revision.down_revisions);
      return true;
    } catch (const alembic::MigrationError& error) {
      outcome.replay_error = error;
    }
    // Where env.py runs everything in one transaction, the failure rolled the stamp
    // back too: still stamped at r, nothing else to do. Otherwise (a transaction per
    // migration, or DDL that does not roll back) stamp r again and prove by reflection
    // that the database is at r.
    try {
      if (session_.applied_revisions() == std::vector<std::string>{revision.id} &&
          session_.database().dialect() == model::Dialect::postgresql) {
        return true;
      }
      project().stamp(revision.id);
      if (session_.compare(at_revision, session_.reflect(), "replay-per-revision", "", "")
              .empty()) {
        return true;
      }
    } catch (const alembic::MigrationError&) {
    }
    session_.mark_dirty();
    return false;
  }

  void downgrade(const alembic::Revision& revision, const model::Schema& at_parents,
                 RevisionOutcome& outcome) {
    try {
      project().downgrade(downgrade_target(revision));
    } catch (const alembic::MigrationError& error) {
      if (error.revision == revision.id) outcome.downgrade_error = error;
      session_.mark_dirty();
      return;
    }
    outcome.downgrade_checked = true;
    outcome.downgrade_differences =
        session_.compare(at_parents, session_.reflect(), "downgrade-leaves-no-trace",
                         "before " + revision.id, "after its upgrade and downgrade");
    // At r's parents now: r's children go up through r again in their own upgrade.
    if (!outcome.downgrade_differences.empty()) session_.mark_dirty();
  }

  CheckSession& session_;
  ChainWalkParts parts_;
  SchemasByRevision schemas_;
};

}  // namespace

std::vector<RevisionOutcome> walk_chain(CheckSession& session, ChainWalkParts parts) {
  Walker walker(session, parts);
  std::vector<RevisionOutcome> outcomes;
  for (const alembic::Revision& revision : session.revisions()) {
    outcomes.push_back(walker.walk(revision));
  }
  return outcomes;
}

}  // namespace migsafe::analyzer::check

namespace migsafe::analyzer::check {

std::string not_walked_note(const std::vector<RevisionOutcome>& outcomes) {
  int count = 0;
  std::string first;
  for (const RevisionOutcome& outcome : outcomes) {
    if (outcome.not_walked.empty()) continue;
    if (count++ == 0) first = outcome.not_walked;
  }
  if (count == 0) return {};
  return std::to_string(count) + " of " + std::to_string(outcomes.size()) +
         " revisions not checked: " + first + " (see `upgrade`)";
}

}  // namespace migsafe::analyzer::check
