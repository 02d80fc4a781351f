#include "analyzer/check/chain_walk.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "analyzer/check/check_session.hpp"
#include "analyzer/check/second_walk.hpp"

namespace migsafe::analyzer::check {
namespace {

using SharedSchema = std::shared_ptr<const model::Schema>;

// The walk goes up once, one revision per run of env.py (each revision's replay rides
// in the run that upgrades the next), then down once, one downgrade per run. Going up,
// the database holds exactly the revisions walked so far; coming down, it holds them
// minus those already downgraded, so the schema before a revision's upgrade is what its
// downgrade must give back. Work stays linear in the history: nothing is migrated again
// from an empty database unless a failure left it in a state nobody knows.
class Walker {
 public:
  Walker(CheckSession& session, ChainWalkParts parts)
      : session_(session), parts_(parts), revisions_(session.revisions()) {
    for (const auto& revision : revisions_) parents_[revision.id] = revision.down_revisions;
    outcomes_.resize(revisions_.size());
    before_.resize(revisions_.size());
    heads_before_.resize(revisions_.size());
    after_downgrade_.resize(revisions_.size());
  }

  ChainWalk walk(SecondWalk* second) {
    const std::size_t count = revisions_.size();
    const std::size_t split = second ? std::min(second->first(), count) : count;
    steps_ = (parts_.downgrade ? 2 * split : split) + (split < count ? 1 : 0);
    go_up_over(0, split);
    const SharedSchema at_heads = blocked_by_.empty() && at_walked_ ? now_ : nullptr;
    const std::vector<std::string> walked_up = walked_;
    come_down_over(split, 0);
    ChainWalk result;
    if (split == count) {
      if (at_heads && came_down_cleanly()) result.came_down_from = at_heads;
    } else if (std::optional<WalkPart> part = wait_for(*second)) {
      if (at_heads && part->at_heads && came_down_cleanly()) result.came_down_from = part->at_heads;
    } else {
      // The second process failed: its part is walked here, from the revisions below it.
      if (walked_ != walked_up) {
        walked_ = walked_up;
        at_walked_ = false;
        now_.reset();
      }
      steps_ = steps_done_ + (count - split) * (parts_.downgrade ? 2 : 1);
      go_up_over(split, count);
      come_down_over(count, split);
    }
    result.outcomes = std::move(outcomes_);
    return result;
  }

  // The second process's half: revisions [first, end of the history), from a database
  // holding exactly those before `first`. Throws MigrationError when it cannot get there.
  WalkPart walk_part(std::size_t first) {
    if (first >= revisions_.size()) {
      throw model::UsageError("walk-part --first " + std::to_string(first) + " is past the " +
                                  std::to_string(revisions_.size()) + " revisions of the history",
                              "walk-part is internal to `migsafe check`; run `migsafe check`");
    }
    for (std::size_t i = 0; i < first; ++i) walked_.push_back(revisions_[i].id);
    reach_walked();
    go_up_over(first, revisions_.size());
    WalkPart part;
    part.at_heads = blocked_by_.empty() && at_walked_ ? now_ : nullptr;
    come_down_over(revisions_.size(), first);
    for (std::size_t i = first; i < revisions_.size(); ++i) {
      part.outcomes.push_back(std::move(outcomes_[i]));
      part.after_downgrade.push_back(after_downgrade_[i]);
    }
    return part;
  }

 private:
  alembic::Project& project() { return session_.project(); }

  void go_up_over(std::size_t first, std::size_t end) {
    for (std::size_t i = first; i < end; ++i) go_up(i);
    if (pending_replay_) replay_pending("");
  }

  // Children first, revisions [first, end) of those walked up.
  void come_down_over(std::size_t end, std::size_t first) {
    if (!parts_.downgrade) return;
    for (std::size_t i = end; i-- > first;) come_down(i);
  }

  bool came_down_cleanly() const {
    return parts_.downgrade && at_walked_ && walked_.empty() && every_downgrade_clean();
  }

  // The second process's outcomes in place of this one's, or nullopt when it failed.
  std::optional<WalkPart> wait_for(SecondWalk& second) {
    report_step(steps_, second.what_it_walks());
    std::optional<WalkPart> part = second.wait(revisions_);
    if (!part) return std::nullopt;
    const std::size_t first = second.first();
    bool same_history = part->outcomes.size() == revisions_.size() - first;
    for (std::size_t k = 0; same_history && k < part->outcomes.size(); ++k) {
      same_history = part->outcomes[k].revision == &revisions_[first + k];
    }
    if (!same_history) {
      if (Progress* progress = session_.request().progress) {
        progress->note("the second walk process read another history (a revision file "
                       "changed while check ran?): its revisions are walked here");
      }
      return std::nullopt;
    }
    for (std::size_t k = 0; k < part->outcomes.size(); ++k) {
      const std::size_t i = first + k;
      if (blocked(i)) continue;  // as here: its parents failed in this process's half
      RevisionOutcome& outcome = outcomes_[i] = std::move(part->outcomes[k]);
      if (part->after_downgrade[k] && outcome.schema_before) {
        outcome.downgrade_differences = differences_after_downgrade(
            *outcome.revision, *outcome.schema_before, *part->after_downgrade[k]);
      }
    }
    return part;
  }

  // Marks revision i not walked when a parent's upgrade failed in this walk, and says so.
  bool blocked(std::size_t i) {
    const alembic::Revision& revision = revisions_[i];
    for (const std::string& parent : revision.down_revisions) {
      auto reason = blocked_by_.find(parent);
      if (reason == blocked_by_.end()) continue;
      outcomes_[i].revision = &revision;
      outcomes_[i].not_walked = blocked_by_[revision.id] = reason->second;
      return true;
    }
    return false;
  }

  std::vector<model::Finding> differences_after_downgrade(const alembic::Revision& revision,
                                                          const model::Schema& before,
                                                          const model::Schema& after) const {
    return session_.compare(before, after, "downgrade-leaves-no-trace", "before " + revision.id,
                            "after its upgrade and downgrade");
  }

  void go_up(std::size_t i) {
    const alembic::Revision& revision = revisions_[i];
    report_step(++steps_done_, "upgrade " + revision.id);
    RevisionOutcome& outcome = outcomes_[i];
    outcome.revision = &revision;
    if (blocked(i)) return;
    heads_before_[i] = heads_of(walked_);
    // A pending replay goes in the same run of env.py as this upgrade (a pending replay
    // means the database holds exactly the walked revisions, reflected in now_).
    before_[i] = now_;
    const bool upgraded = pending_replay_ && replay_pending(revision.id);
    try {
      if (!upgraded) {
        reach_walked();
        before_[i] = now_;  // reflected again if the database had to be brought back
        project().upgrade(revision.id);
      }
    } catch (const alembic::MigrationError& error) {
      lose_track();
      outcome.not_walked = blocked_by_[revision.id] =
          "revision " + error.revision + " cannot upgrade from its parents";
      return;
    }
    walked_.push_back(revision.id);
    now_ = std::make_shared<const model::Schema>(session_.reflect());
    outcome.schema_before = before_[i];
    outcome.schema_after = now_;
    if (parts_.replay) pending_replay_ = i;
  }

  // Runs the pending replay (stamp the heads before it, upgrade it again), and `then`'s
  // upgrade in the same run of env.py when given. True when `then` was upgraded.
  bool replay_pending(const std::string& then) {
    const std::size_t i = *pending_replay_;
    pending_replay_.reset();
    const alembic::Revision& revision = revisions_[i];
    RevisionOutcome& outcome = outcomes_[i];
    outcome.replay_checked = true;
    try {
      project().replay(revision.id, heads_before_[i], then);
      return !then.empty();
    } catch (const alembic::MigrationError& error) {
      if (!then.empty() && error.revision == then) {
        // The replay went through; the upgrade after it failed. Whether it fails on
        // its own is for the caller's upgrade to find, from a database it knows.
        lose_track();
        return false;
      }
      outcome.replay_error = error;
    }
    recover_from_replay();
    return false;
  }

  // Where env.py runs everything in one transaction, the failure rolled the stamp back
  // too: still at the walked revisions. Otherwise (a transaction per migration, or DDL
  // that does not roll back) stamp them again and prove by reflection that the schema
  // is theirs.
  void recover_from_replay() {
    const std::vector<std::string> heads = heads_of(walked_);
    try {
      if (same_revisions(session_.applied_revisions(), heads) &&
          session_.database().dialect() == model::Dialect::postgresql) {
        return;
      }
      project().stamp(heads);
      if (session_.compare(*now_, session_.reflect(), "replay-per-revision", "", "").empty()) {
        return;
      }
    } catch (const alembic::MigrationError&) {
    }
    lose_track();
  }

  void come_down(std::size_t i) {
    const alembic::Revision& revision = revisions_[i];
    RevisionOutcome& outcome = outcomes_[i];
    if (walked_.empty() || walked_.back() != revision.id) return;  // not walked up
    report_step(++steps_done_, "downgrade " + revision.id);
    try {
      reach_walked();
    } catch (const alembic::MigrationError&) {
      return;  // the upgrades that went through before fail now: nothing to compare with
    }
    walked_.pop_back();
    try {
      project().downgrade_one(revision.id);
    } catch (const alembic::MigrationError& error) {
      if (error.revision == revision.id) outcome.downgrade_error = error;
      lose_track();
      return;
    }
    outcome.downgrade_checked = true;
    now_ = std::make_shared<const model::Schema>(session_.reflect());
    outcome.downgrade_differences = differences_after_downgrade(revision, *before_[i], *now_);
    // Whatever it left behind would show again at every revision below: start over.
    if (!outcome.downgrade_differences.empty()) {
      after_downgrade_[i] = now_;
      lose_track();
    }
  }

  // Brings the database back to exactly the walked revisions after a failure (at the
  // start: to base), and reflects it.
  void reach_walked() {
    if (at_walked_) return;
    session_.bring_to_exactly(heads_of(walked_));
    at_walked_ = true;
    now_ = std::make_shared<const model::Schema>(session_.reflect());
  }

  void report_step(std::size_t n, const std::string& step) {
    Progress* progress = session_.request().progress;
    if (progress) progress->step_reached(n, steps_, step);
  }

  void lose_track() {
    session_.mark_dirty();
    at_walked_ = false;
    now_.reset();
  }

  // The revisions of an ancestor-closed set that no other member builds on.
  std::vector<std::string> heads_of(const std::vector<std::string>& applied) const {
    std::set<std::string> below;
    for (const std::string& id : applied) {
      auto it = parents_.find(id);
      if (it != parents_.end()) below.insert(it->second.begin(), it->second.end());
    }
    std::vector<std::string> heads;
    for (const std::string& id : applied) {
      if (!below.count(id)) heads.push_back(id);
    }
    return heads;
  }

  bool every_downgrade_clean() const {
    return std::all_of(outcomes_.begin(), outcomes_.end(), [](const RevisionOutcome& outcome) {
      return outcome.downgrade_checked && outcome.downgrade_differences.empty();
    });
  }

  static bool same_revisions(const std::vector<std::string>& a,
                             const std::vector<std::string>& b) {
    return std::set<std::string>(a.begin(), a.end()) == std::set<std::string>(b.begin(), b.end());
  }

  CheckSession& session_;
  ChainWalkParts parts_;
  const std::vector<alembic::Revision>& revisions_;
  std::map<std::string, std::vector<std::string>> parents_;
  std::vector<RevisionOutcome> outcomes_;
  std::vector<SharedSchema> before_;  // the schema before each revision's upgrade
  std::vector<std::vector<std::string>> heads_before_;
  std::map<std::string, std::string> blocked_by_;  // revision -> why it was not walked
  std::vector<std::string> walked_;  // upgraded by the walk and not yet downgraded, in order
  bool at_walked_ = false;           // the database holds exactly `walked_`
  SharedSchema now_;                 // its schema while at_walked_
  std::optional<std::size_t> pending_replay_;
  // The schema a downgrade left when it differs from the one before the upgrade.
  std::vector<SharedSchema> after_downgrade_;
  std::size_t steps_ = 0;  // for the progress line
  std::size_t steps_done_ = 0;
};

}  // namespace

ChainWalk walk_chain(CheckSession& session, ChainWalkParts parts, SecondWalk* second) {
  return Walker(session, parts).walk(second);
}

WalkPart walk_chain_part(CheckSession& session, ChainWalkParts parts, std::size_t first) {
  return Walker(session, parts).walk_part(first);
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
